import { parseCronSchedule } from '@kizuna/shared';

export type CronPreview = { ok: true; runs: Date[] } | { ok: false; reason: string };

/** The next `count` times a schedule trigger fires after `from`, in its timezone (the engine's own parser). */
export function nextRuns(cron: string, timeZone: string, from: Date, count = 5): CronPreview {
  if (cron.trim() === '') return { ok: false, reason: 'is required' };
  const schedule = parseCronSchedule(cron, timeZone);
  if (!schedule.ok) return { ok: false, reason: schedule.reason };
  const runs: Date[] = [];
  let after = from;
  for (let i = 0; i < count; i++) {
    after = schedule.next(after);
    runs.push(after);
  }
  return { ok: true, runs };
}
