import fc from 'fast-check';
import { ScoringError } from '../scoring-error';
import { calendarDayFromIso, isoFromCalendarDay } from './calendar-day';
import { summarisePurchases, type Purchase } from './transaction-summary';

const day = (iso: string) => calendarDayFromIso(iso)!;

describe('calendarDayFromIso', () => {
  it('reads calendar dates and refuses what is not one', () => {
    expect(day('1970-01-02')).toBe(1);
    expect(day('1997-09-30') - day('1997-01-01')).toBe(272);
    expect(day('2024-02-29') - day('2024-02-28')).toBe(1);
    for (const bad of ['2023-02-29', '1997-13-01', '1997-9-30', '19970930', '', '1997-09-31'])
      expect(calendarDayFromIso(bad)).toBeNull();
  });

  it('round-trips every day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 80_000 }), (n) => expect(day(isoFromCalendarDay(n))).toBe(n)),
    );
  });
});

describe('summarisePurchases', () => {
  const end = day('1997-09-30');

  it("takes sample customer 1's CDNOW history as the paper does (x = 2, t_x = 30.43, T = 38.86)", () => {
    const purchases: Purchase[] = [
      { customerId: '1', day: day('1997-01-01'), amount: 29.33 },
      { customerId: '1', day: day('1997-01-18'), amount: 29.73 },
      { customerId: '1', day: day('1997-08-02'), amount: 14.96 },
      { customerId: '1', day: day('1997-12-12'), amount: 26.48 }, // after calibration
    ];
    const [summary] = summarisePurchases(purchases, { calibrationEndDay: end, unit: 'week' });
    expect(summary).toEqual({
      customerId: '1',
      frequency: 2,
      recency: 213 / 7,
      age: 272 / 7,
      meanRepeatValue: (29.73 + 14.96) / 2,
    });
  });

  it('counts a day with several purchases once, its values summed, in any input order', () => {
    const purchases: Purchase[] = [
      { customerId: 'b', day: day('1997-03-01'), amount: 5 },
      { customerId: 'a', day: day('1997-01-05'), amount: 10 },
      { customerId: 'a', day: day('1997-01-10'), amount: 1 },
      { customerId: 'a', day: day('1997-01-05'), amount: 20 },
      { customerId: 'a', day: day('1997-01-10'), amount: 2 },
      { customerId: 'c', day: day('1997-10-01'), amount: 7 }, // first purchase after calibration: not a customer yet
    ];
    expect(summarisePurchases(purchases, { calibrationEndDay: end, unit: 'day' })).toEqual([
      { customerId: 'b', frequency: 0, recency: 0, age: 213, meanRepeatValue: null },
      { customerId: 'a', frequency: 1, recency: 5, age: 268, meanRepeatValue: 3 },
    ]);
  });

  it('has no mean value without amounts', () => {
    const [summary] = summarisePurchases(
      [
        { customerId: 'a', day: 1 },
        { customerId: 'a', day: 3 },
      ],
      { calibrationEndDay: 10, unit: 'day' },
    );
    expect(summary).toMatchObject({ frequency: 1, recency: 2, age: 9, meanRepeatValue: null });
  });

  it('refuses a fractional day, naming the customer', () => {
    expect(() => summarisePurchases([{ customerId: 'z', day: 1.5 }], { calibrationEndDay: 10, unit: 'day' })).toThrow(
      new ScoringError('invalid_input', 'purchase day of customer z is not a whole day'),
    );
  });

  it('keeps 0 <= x <= t_x <= T in days, and does not depend on the order of the purchases', () => {
    const purchase = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c'),
      day: fc.integer({ min: 0, max: 120 }),
      amount: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(purchase, { maxLength: 60 }), fc.integer({ min: 0, max: 130 }), (purchases, endDay) => {
        const options = { calibrationEndDay: endDay, unit: 'day' as const };
        const summaries = summarisePurchases(purchases, options);
        for (const s of summaries) {
          expect(s.frequency).toBeLessThanOrEqual(s.recency);
          expect(s.recency).toBeLessThanOrEqual(s.age);
        }
        const byId = (list: typeof summaries) => [...list].sort((x, y) => x.customerId.localeCompare(y.customerId));
        expect(byId(summarisePurchases([...purchases].reverse(), options))).toEqual(byId(summaries));
      }),
    );
  });
});
