/** A batch of one journey step as the engine finds it: its local send date and whether it was exported. */
export interface DmBatchDay {
  id: number;
  /** YYYY-MM-DD. */
  sendDate: string;
  status: 'open' | 'exported';
}

export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The batch a piece joins: today's (local date), or, once today's file has gone to print, the next
 * day without an exported batch. A print run is one file per step and day, and a file that was
 * handed over never changes; pieces that come later simply go in the next run. Returns the open
 * batch to join, or the date of the batch to create.
 */
export function batchDayFor(today: string, batches: readonly DmBatchDay[]): { batchId: number } | { create: string } {
  const byDate = new Map(batches.map((b) => [b.sendDate, b]));
  let date = today;
  for (;;) {
    const batch = byDate.get(date);
    if (!batch) return { create: date };
    if (batch.status === 'open') return { batchId: batch.id };
    date = nextDate(date);
  }
}
