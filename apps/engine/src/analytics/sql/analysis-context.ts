import type { PoolClient } from '@kizuna/db';
import type { AnalyticsSettings } from '@kizuna/segments';

/**
 * What every analysis step works from: one transaction holding the temporary tables of one
 * refresh (af_orders, af_customers...), the reference date, the workspace's timezone and settings.
 */
export interface AnalysisContext {
  tx: PoolClient;
  workspaceId: number;
  /** Figures are computed as of this instant; nothing at or after it counts. */
  referenceAt: Date;
  timeZone: string;
  settings: AnalyticsSettings;
}

/** Days before the reference date, as an interval parameter. */
export function days(count: number): string {
  return `${count} days`;
}

/**
 * Runs statements with hash aggregation off. Grouping a million customers hashes a million groups,
 * which is about twice as slow as aggregating input already in customer order (an index, or a
 * sort); the planner, estimating customers from a sample, underestimates them tenfold and hashes.
 */
export async function withSortedAggregation<T>(tx: PoolClient, work: () => Promise<T>): Promise<T> {
  await tx.query('SET LOCAL enable_hashagg = off');
  try {
    return await work();
  } finally {
    await tx.query('SET LOCAL enable_hashagg TO DEFAULT');
  }
}
