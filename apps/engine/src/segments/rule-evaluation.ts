import type { PoolClient } from '@kizuna/db';

/**
 * Settings for evaluating a segment rule over a workspace, in the caller's transaction. JIT
 * compilation costs 0.2 s per statement and a rule runs once, so it never pays back; hash joins
 * over a workspace's orders need more than the default 4 MB to stay in one batch.
 */
export async function configureRuleEvaluation(tx: PoolClient): Promise<void> {
  await tx.query('SET LOCAL jit = off');
  await tx.query("SET LOCAL work_mem = '64MB'");
}
