import { Module } from '@nestjs/common';
import { EraseCustomerUseCase } from './erase-customer.use-case';
import { ErasureRepository } from './erasure.repository';
import { ExportPersonalDataUseCase } from './export-personal-data.use-case';
import { PersonalDataRepository } from './personal-data.repository';
import { PrivacyController } from './privacy.controller';

@Module({
  controllers: [PrivacyController],
  providers: [PersonalDataRepository, ErasureRepository, ExportPersonalDataUseCase, EraseCustomerUseCase],
})
export class PrivacyModule {}
