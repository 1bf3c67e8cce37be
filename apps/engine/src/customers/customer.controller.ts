import { Body, Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { CustomerUpsertBodySchema, type CustomerUpsertBody } from './customer-input.schema';
import { CustomerService } from './customer.service';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Customers')
@ApiBearerAuth()
@Controller('v1/customers')
export class CustomerController {
  constructor(private readonly customers: CustomerService) {}

  /** Upsert one customer, or `{ source, customers: [...] }` (up to 1,000), by their identities. */
  @Requires('data.import')
  @Post()
  upsert(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: CustomerUpsertBodySchema }) body: CustomerUpsertBody,
  ) {
    return this.customers.upsert(auth.workspaceId, body);
  }

  /** Search by email, phone, member number, external id (exact, normalised) or name (contains). */
  @Requires('personal_data.read')
  @Get()
  async search(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query('q', new DefaultValuePipe('')) q: string,
    @Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number,
  ) {
    return { items: await this.customers.search(auth.workspaceId, q, Math.min(Math.max(limit, 1), 100)) };
  }

  @Requires('personal_data.read')
  @Get(':id')
  profile(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.customers.profile(auth.workspaceId, id);
  }

  @Requires('personal_data.read')
  @Get(':id/merges')
  merges(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.customers.merges(auth.workspaceId, id);
  }
}
