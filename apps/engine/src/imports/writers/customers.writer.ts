import { claimsOf, type CustomerRow } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import { ResolveCustomersUseCase } from '../../identity/resolve-customers.use-case';
import type { ImportWriteContext, ImportWriter, ParsedRow, WriteRejection } from './import-writer';

@Injectable()
export class CustomersWriter implements ImportWriter<'customers'> {
  readonly kind = 'customers';

  constructor(private readonly resolveCustomers: ResolveCustomersUseCase) {}

  async write(context: ImportWriteContext, rows: readonly ParsedRow<CustomerRow>[]): Promise<WriteRejection[]> {
    await this.resolveCustomers.execute(
      context.tx,
      context.workspaceId,
      rows.map(({ record }) => ({
        claims: claimsOf(record.reference, context.source),
        profile: record.profile,
        attributes: record.attributes,
      })),
      context.origin,
    );
    return [];
  }
}
