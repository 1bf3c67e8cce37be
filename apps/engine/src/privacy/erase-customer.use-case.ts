import type { Pool } from '@kizuna/db';
import { ConflictError, NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { CLOCK } from '../infrastructure/clock.provider';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { ErasureRepository, type ErasureCounts } from './erasure.repository';

export interface ErasureResult extends ErasureCounts {
  customerId: number;
  erasedAt: Date;
}

/**
 * Erases a customer's personal data (APPI art. 35 / GDPR art. 17) and keeps an anonymous row, so
 * orders, sales, the RF matrix, journey statistics and lift read the same (docs/adr/0014). The
 * identities go: nothing can be sent to the customer, and a later record with the same email is a
 * new customer. One transaction under the workspace's identity lock, audited in it.
 */
@Injectable()
export class EraseCustomerUseCase {
  private readonly logger = new Logger(EraseCustomerUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly erasure: ErasureRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(workspaceId: number, customerId: number): Promise<ErasureResult> {
    const now = this.clock.now();
    const result = await withTransaction(this.pool, async (tx) => {
      const records = await this.erasure.lockCustomers(tx, workspaceId, customerId);
      const customer = records.find((record) => record.id === customerId);
      if (!customer) throw new NotFoundError('customer', customerId);
      if (customer.status === 'merged')
        throw new ConflictError(`customer ${customerId} was merged into another customer: erase that one`);
      const ids = records.map((record) => record.id);
      const searchable = await this.erasure.searchableIdentities(tx, workspaceId, ids);
      const counts = await this.erasure.erase(tx, workspaceId, customerId, ids, searchable, now);
      await this.audit.record(workspaceId, 'customer.erase', { type: 'customer', id: customerId }, { counts }, tx);
      return counts;
    });
    this.logger.log({ workspaceId, customerId }, 'customer erased');
    return { customerId, erasedAt: now, ...result };
  }
}
