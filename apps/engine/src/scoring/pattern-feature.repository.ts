import type { Pool } from '@kizuna/db';
import { STABLE_SEGMENTS } from '@kizuna/segments';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { copyNumericRows, type NumericRows } from './sql/copy-numeric-rows';
import { secondPurchaseSql, spendSql, topSeries } from './sql/pattern-features.sql';

/** Per-customer KPI and feature rows for pattern discovery (column layouts in sql/pattern-features.sql.ts). */
@Injectable()
export class PatternFeatureRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  topSeries(workspaceId: number, at: Date, limit: number): Promise<string[]> {
    return topSeries(this.pool, workspaceId, at, limit);
  }

  /** customer, kpi, store, EC, trial set, amount, then one column per series. */
  secondPurchase(workspaceId: number, withinDays: number, at: Date, series: readonly string[]): Promise<NumericRows> {
    return withTransaction(this.pool, (tx) =>
      copyNumericRows(tx, secondPurchaseSql(series.length), [workspaceId, withinDays, at, series], 6 + series.length),
    );
  }

  /** customer, kpi, r, f, stable segment index, trial orders, store, EC, orders per series, share per series. */
  spend(workspaceId: number, windowDays: number, at: Date, series: readonly string[]): Promise<NumericRows> {
    return withTransaction(this.pool, (tx) =>
      copyNumericRows(
        tx,
        spendSql(series.length),
        [workspaceId, windowDays, at, series, STABLE_SEGMENTS],
        8 + 2 * series.length,
      ),
    );
  }
}
