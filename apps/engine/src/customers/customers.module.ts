import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { CustomerController } from './customer.controller';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';

@Module({
  imports: [IdentityModule],
  controllers: [CustomerController],
  providers: [CustomerRepository, CustomerService],
})
export class CustomersModule {}
