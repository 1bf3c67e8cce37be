import { ValidationFailedError } from '@kizuna/shared';
import { lastFullWeek, resolvePeriod, startOfLocalDay } from './report-period';

describe('report periods', () => {
  it('a local day starts at local midnight', () => {
    expect(startOfLocalDay('2026-12-07', 'Asia/Tokyo').toISOString()).toBe('2026-12-06T15:00:00.000Z');
    // Across a daylight-saving change: New York is UTC-5 on 2026-11-02 (DST ended on 11-01).
    expect(startOfLocalDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('the last full week is Monday to Monday before now, in the workspace timezone', () => {
    // Friday 2026-12-11 09:00 in Tokyo.
    expect(lastFullWeek(new Date('2026-12-11T00:00:00Z'), 'Asia/Tokyo')).toEqual({
      from: new Date('2026-11-29T15:00:00Z'),
      to: new Date('2026-12-06T15:00:00Z'),
    });
    // Monday 2026-12-07 00:30 in Tokyo (still Sunday in UTC): the week that just ended.
    expect(lastFullWeek(new Date('2026-12-06T15:30:00Z'), 'Asia/Tokyo')).toEqual({
      from: new Date('2026-11-29T15:00:00Z'),
      to: new Date('2026-12-06T15:00:00Z'),
    });
  });

  it('takes dates as local days and instants as given; one side alone makes a week', () => {
    const now = new Date('2026-12-11T00:00:00Z');
    expect(resolvePeriod({ from: '2026-12-01', to: '2026-12-03' }, now, 'Asia/Tokyo')).toEqual({
      from: new Date('2026-11-30T15:00:00Z'),
      to: new Date('2026-12-02T15:00:00Z'),
    });
    expect(resolvePeriod({ from: '2026-12-01T00:00:00Z' }, now, 'Asia/Tokyo')).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-08T00:00:00Z'),
    });
    expect(() => resolvePeriod({ from: '2026-12-03', to: '2026-12-01' }, now, 'Asia/Tokyo')).toThrow(
      ValidationFailedError,
    );
  });
});
