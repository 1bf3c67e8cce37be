import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { CustomerActivityRepository } from './customer-activity.repository';
import { CustomerController } from './customer.controller';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';

@Module({
  imports: [IdentityModule],
  controllers: [CustomerController],
  providers: [CustomerActivityRepository, CustomerRepository, CustomerService],
})
export class CustomersModule {}
