import { nextRuns } from './cron-preview';

describe('nextRuns', () => {
  it('lists the next five Mondays at 10:00 Tokyo time', () => {
    const preview = nextRuns('0 10 * * 1', 'Asia/Tokyo', new Date('2026-12-06T00:00:00Z'));
    expect(preview.ok && preview.runs.map((run) => run.toISOString())).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-14T01:00:00.000Z',
      '2026-12-21T01:00:00.000Z',
      '2026-12-28T01:00:00.000Z',
      '2027-01-04T01:00:00.000Z',
    ]);
  });

  it('explains an expression it cannot read', () => {
    expect(nextRuns('0 10 * *', 'Asia/Tokyo', new Date()).ok).toBe(false);
    expect(nextRuns('  ', 'Asia/Tokyo', new Date())).toEqual({ ok: false, reason: 'is required' });
  });
});
