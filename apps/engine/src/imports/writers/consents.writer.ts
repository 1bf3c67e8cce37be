import type { ConsentRow } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import { CustomerReferenceResolver } from './customer-reference-resolver';
import type { ImportWriteContext, ImportWriter, ParsedRow, WriteRejection } from './import-writer';

@Injectable()
export class ConsentsWriter implements ImportWriter<'consents'> {
  readonly kind = 'consents';

  constructor(private readonly customers: CustomerReferenceResolver) {}

  /** Consent is history: each decision is a row; the latest per channel is the current state. */
  async write(context: ImportWriteContext, rows: readonly ParsedRow<ConsentRow>[]): Promise<WriteRejection[]> {
    const consents = rows.map((row) => row.record);
    const customerIds = await this.customers.resolve(
      context,
      consents.map((consent) => consent.reference),
      'identity',
    );
    await context.tx.query(
      `INSERT INTO consent (workspace_id, source, customer_id, channel, status, recorded_at)
       SELECT $1, $2, t.* FROM unnest($3::int[], $4::consent_channel[], $5::consent_status[], $6::timestamptz[]) AS t
       ON CONFLICT (workspace_id, customer_id, channel, recorded_at, status) DO NOTHING`,
      [
        context.workspaceId,
        context.source,
        customerIds,
        consents.map((c) => c.channel),
        consents.map((c) => c.status),
        consents.map((c) => c.recordedAt),
      ],
    );
    return [];
  }
}
