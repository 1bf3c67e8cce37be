import { z } from 'zod';
import { ScoringError } from '../scoring-error';

/** One purchase: a customer and a calendar day (days since 1970-01-01), with its value if known. */
export interface Purchase {
  customerId: string;
  day: number;
  amount?: number;
}

export const timeUnitSchema = z.enum(['day', 'week']);
/** The unit of x's companions t_x and T, and of prediction horizons. */
export type TimeUnit = z.infer<typeof timeUnitSchema>;

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

export const summaryOptionsSchema = z.object({
  /** Last calendar day of the calibration period (inclusive), as a day number. */
  calibrationEndDay: z.number().int(),
  unit: timeUnitSchema,
});
export type SummaryOptions = z.infer<typeof summaryOptionsSchema>;

/**
 * What BG/NBD and Gamma-Gamma need of one customer's calibration history (Fader, Hardie & Lee
 * 2005): `frequency` x = repeat transactions (purchase days after the first), `recency` t_x = time
 * from the first to the last purchase day, `age` T = time from the first purchase day to the end of
 * calibration, in the unit of the summary.
 */
export interface RepeatPurchaseSummary<CustomerId extends string | number = string> {
  customerId: CustomerId;
  frequency: number;
  recency: number;
  age: number;
  /** Mean value of the repeat transactions (a day's purchases summed); null without repeats or amounts. */
  meanRepeatValue: number | null;
}

interface History {
  days: number[];
  amounts: number[];
}

/**
 * Per-customer (x, t_x, T) at a calibration end. Several purchases on one day are one transaction
 * (their values summed), as in the paper's CDNOW setting; purchases after the calibration end are
 * ignored, and customers whose first purchase is after it are left out (they were not yet
 * customers). Mean repeat values leave the first transaction out, as the Gamma-Gamma fit of "RFM and
 * CLV" does: the first purchase is often atypical (a trial, a welcome offer).
 */
export function summarisePurchases(purchases: Iterable<Purchase>, options: SummaryOptions): RepeatPurchaseSummary[] {
  const summariser = new PurchaseSummariser(options);
  for (const purchase of purchases) summariser.add(purchase);
  return summariser.summaries();
}

/**
 * summarisePurchases one purchase at a time, for callers that read purchases from a file or a
 * stream: only each customer's days and values are kept, not the purchases.
 */
export class PurchaseSummariser {
  private readonly calibrationEndDay: number;
  private readonly daysPerUnit: number;
  private readonly histories = new Map<string, History>();
  private withAmounts = true;

  constructor(options: SummaryOptions) {
    const { calibrationEndDay, unit } = summaryOptionsSchema.parse(options);
    this.calibrationEndDay = calibrationEndDay;
    this.daysPerUnit = DAYS_PER_UNIT[unit];
  }

  add({ customerId, day, amount }: Purchase): void {
    if (!Number.isInteger(day))
      throw new ScoringError('invalid_input', `purchase day of customer ${customerId} is not a whole day`, {
        customerId,
        day,
      });
    if (day > this.calibrationEndDay) return;
    if (amount === undefined) this.withAmounts = false;
    let history = this.histories.get(customerId);
    if (!history) {
      history = { days: [], amounts: [] };
      this.histories.set(customerId, history);
    }
    history.days.push(day);
    history.amounts.push(amount ?? 0);
  }

  summaries(): RepeatPurchaseSummary[] {
    const summaries: RepeatPurchaseSummary[] = [];
    for (const [customerId, history] of this.histories) {
      const transactions = transactionsOf(history);
      const first = transactions.days[0]!;
      const last = transactions.days[transactions.days.length - 1]!;
      const frequency = transactions.days.length - 1;
      let meanRepeatValue: number | null = null;
      if (this.withAmounts && frequency > 0) {
        let sum = 0;
        for (let i = 1; i < transactions.values.length; i++) sum += transactions.values[i]!;
        meanRepeatValue = sum / frequency;
      }
      summaries.push({
        customerId,
        frequency,
        recency: (last - first) / this.daysPerUnit,
        age: (this.calibrationEndDay - first) / this.daysPerUnit,
        meanRepeatValue,
      });
    }
    return summaries;
  }
}

/** A customer's purchase days in order, one per day, with the day's values summed. */
function transactionsOf(history: History): { days: number[]; values: number[] } {
  const order = history.days.map((_, i) => i);
  // Files usually list a customer's purchases in date order: sort only when they are not.
  if (history.days.some((day, i) => i > 0 && day < history.days[i - 1]!))
    order.sort((i, j) => history.days[i]! - history.days[j]!);
  const days: number[] = [];
  const values: number[] = [];
  for (const i of order) {
    const day = history.days[i]!;
    const lastIndex = days.length - 1;
    if (lastIndex >= 0 && days[lastIndex] === day) values[lastIndex] = values[lastIndex]! + history.amounts[i]!;
    else {
      days.push(day);
      values.push(history.amounts[i]!);
    }
  }
  return { days, values };
}
