import type { Pool } from '@kizuna/db';
import { NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { CLOCK } from '../infrastructure/clock.provider';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { PERSONAL_DATA_SECTIONS, PersonalDataRepository, type PersonalDataSection } from './personal-data.repository';

export type PersonalDataExport = {
  exportedAt: Date;
  customerId: number;
  profile: Record<string, unknown>;
} & Record<PersonalDataSection, Record<string, unknown>[]>;

/**
 * Everything Kizuna holds about one customer (a data subject's access request, APPI art. 33 / GDPR
 * art. 15), read in one snapshot so the sections agree with each other.
 */
@Injectable()
export class ExportPersonalDataUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly personalData: PersonalDataRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(workspaceId: number, customerId: number): Promise<PersonalDataExport> {
    const exported = await withTransaction(this.pool, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const profile = await this.personalData.profile(tx, workspaceId, customerId);
      if (!profile) throw new NotFoundError('customer', customerId);
      const recordIds = await this.personalData.recordIds(tx, workspaceId, customerId);
      const sections = {} as Record<PersonalDataSection, Record<string, unknown>[]>;
      for (const section of PERSONAL_DATA_SECTIONS)
        sections[section] = await this.personalData.section(tx, section, workspaceId, recordIds);
      return { exportedAt: this.clock.now(), customerId, profile, ...sections };
    });
    const counts = Object.fromEntries(PERSONAL_DATA_SECTIONS.map((section) => [section, exported[section].length]));
    await this.audit.record(workspaceId, 'customer.export', { type: 'customer', id: customerId }, { counts });
    return exported;
  }
}
