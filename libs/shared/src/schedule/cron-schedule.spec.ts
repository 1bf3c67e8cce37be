import { parseCronSchedule } from './cron-schedule';

describe('parseCronSchedule', () => {
  it('computes the next run in the given timezone', () => {
    const schedule = parseCronSchedule('0 9 * * 1', 'Asia/Tokyo');
    if (!schedule.ok) throw new Error(schedule.reason);
    // Sunday 2026-11-22 12:00 UTC is Sunday 21:00 in Tokyo: next Monday 09:00 JST = 00:00 UTC.
    expect(schedule.next(new Date('2026-11-22T12:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(schedule.next(new Date('2026-11-23T00:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('accepts the predefined expressions and extra spaces', () => {
    const daily = parseCronSchedule('@daily', 'Asia/Tokyo');
    if (!daily.ok) throw new Error(daily.reason);
    expect(daily.next(new Date('2026-11-22T16:00:00Z')).toISOString()).toBe('2026-11-23T15:00:00.000Z');
    expect(parseCronSchedule(' 30  5 * * * ', 'UTC')).toMatchObject({ ok: true, expression: '30 5 * * *' });
  });

  it.each([
    ['*/5 * * *', /has 4 fields; a schedule needs 5/],
    ['0 0 9 * * 1', /has 6 fields/],
    ['61 * * * *', /not a cron expression/],
    ['0 25 * * *', /not a cron expression/],
    ['@minutely', /more often than once a minute/],
    ['', /has 1 fields/],
  ])('refuses %j, saying why', (expression, reason) => {
    const schedule = parseCronSchedule(expression, 'Asia/Tokyo');
    expect(schedule.ok).toBe(false);
    if (!schedule.ok) expect(schedule.reason).toMatch(reason);
  });
});
