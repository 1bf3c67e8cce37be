import type { Pool } from '@kizuna/db';
import type { AnalyticsSettings } from '@kizuna/segments';
import { withTransaction } from '../../infrastructure/database/transaction';
import type { AnalysisContext } from '../sql/analysis-context';

/**
 * One analytics computation: a transaction with enough work_mem to aggregate millions of order
 * lines in memory, serialised per workspace (two refreshes would overwrite each other's figures).
 */
export function withAnalysisContext<T>(
  pool: Pool,
  scope: { workspaceId: number; referenceAt: Date; timeZone: string; settings: AnalyticsSettings },
  work: (context: AnalysisContext) => Promise<T>,
): Promise<T> {
  return withTransaction(pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('kizuna:analytics'), $1)", [scope.workspaceId]);
    await tx.query("SET LOCAL work_mem = '512MB'");
    // JIT compiling these one-off statements costs more than it saves (measured: 2.6 s -> 1.9 s).
    await tx.query('SET LOCAL jit = off');
    return work({ tx, ...scope });
  });
}

/** Runs a step and records how long it took, for the refresh report and the benchmark. */
export async function timed<T>(timings: Record<string, number>, step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[step] = Math.round(performance.now() - started);
  }
}

/**
 * Analytics read orders from the customer index alone, which needs the visibility map of recently
 * imported pages set. Autovacuum does that eventually; doing it first costs tens of milliseconds
 * when nothing changed and saves reading every fresh order twice when something did.
 */
export async function vacuumOrders(pool: Pool): Promise<void> {
  await pool.query('VACUUM customer_order');
}
