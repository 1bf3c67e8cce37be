import { Module } from '@nestjs/common';
import { CustomerMergeRepository } from './customer-merge.repository';
import { IdentityRepository } from './identity.repository';
import { ResolveCustomersUseCase } from './resolve-customers.use-case';

@Module({
  providers: [IdentityRepository, CustomerMergeRepository, ResolveCustomersUseCase],
  exports: [ResolveCustomersUseCase],
})
export class IdentityModule {}
