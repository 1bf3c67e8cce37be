import type { Channel } from '@kizuna/journey';
import type { Queryable } from '../infrastructure/database/transaction';

/** A workspace's send budget for one step batch under the per-second channel rate limits. */
export interface RateBudget {
  remaining: Partial<Record<Channel, number>>;
  windowEndsAt: Date;
}

/**
 * Global per-channel rate limits, counted in PostgreSQL so every engine process shares them: one
 * row per workspace, channel and second. Reading the row with an upsert locks it until the batch
 * commits, so two batches cannot both spend the same second's budget.
 */
export async function reserveRateBudget(
  tx: Queryable,
  workspaceId: number,
  limits: Partial<Record<Channel, number>>,
  now: Date,
): Promise<RateBudget> {
  const windowStart = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const remaining: Partial<Record<Channel, number>> = {};
  // Sorted: batches lock the rows in the same order and cannot deadlock.
  for (const channel of (Object.keys(limits) as Channel[]).sort()) {
    const { rows } = await tx.query<{ used: number }>(
      `INSERT INTO channel_rate_window (workspace_id, channel, window_start, used) VALUES ($1, $2, $3, 0)
       ON CONFLICT (workspace_id, channel, window_start) DO UPDATE SET used = channel_rate_window.used
       RETURNING used`,
      [workspaceId, channel, windowStart],
    );
    remaining[channel] = Math.max(0, limits[channel]! - (rows[0]?.used ?? 0));
  }
  return { remaining, windowEndsAt: new Date(windowStart.getTime() + 1000) };
}

/** Records the sends a batch created against the current second's window. */
export async function spendRateBudget(
  tx: Queryable,
  workspaceId: number,
  sent: Map<Channel, number>,
  now: Date,
): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / 1000) * 1000);
  for (const [channel, count] of sent) {
    await tx.query(
      `UPDATE channel_rate_window SET used = used + $4 WHERE workspace_id = $1 AND channel = $2 AND window_start = $3`,
      [workspaceId, channel, windowStart, count],
    );
  }
}

/** Windows older than a minute are history nobody reads. */
export async function pruneRateWindows(db: Queryable, now: Date): Promise<void> {
  await db.query(`DELETE FROM channel_rate_window WHERE window_start < $1`, [new Date(now.getTime() - 60_000)]);
}
