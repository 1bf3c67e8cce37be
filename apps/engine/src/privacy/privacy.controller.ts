import { Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { EraseCustomerUseCase } from './erase-customer.use-case';
import { ExportPersonalDataUseCase } from './export-personal-data.use-case';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Personal data')
@ApiBearerAuth()
@Controller('v1/customers')
export class PrivacyController {
  constructor(
    private readonly exportPersonalData: ExportPersonalDataUseCase,
    private readonly eraseCustomer: EraseCustomerUseCase,
  ) {}

  /** Everything held about the customer, as JSON (an access request). Recorded in the audit log. */
  @Requires('privacy.manage')
  @Get(':id/personal-data')
  export(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.exportPersonalData.execute(auth.workspaceId, id);
  }

  /** Erases the customer's personal data, keeping an anonymous row for aggregates. Recorded in the audit log. */
  @Requires('privacy.manage')
  @Post(':id/erase')
  @HttpCode(200)
  erase(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.eraseCustomer.execute(auth.workspaceId, id);
  }
}
