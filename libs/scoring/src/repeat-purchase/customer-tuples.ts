import { ScoringError } from '../scoring-error';

/** A customer's (x, t_x, T) as the models read it; RepeatPurchaseSummary is one. */
export interface RepeatPurchaseHistory {
  frequency: number;
  recency: number;
  age: number;
}

/**
 * Customers grouped by identical (x, t_x, T). The likelihood is a sum over customers of a function
 * of these three numbers alone, so each distinct tuple is evaluated once and weighted by its count:
 * at day resolution a million customers fall into far fewer tuples, and x, t_x and T are indices
 * into small tables of distinct values, so the log-gamma and log terms are computed once per value.
 */
export interface CustomerTuples {
  /** Distinct frequencies x. */
  frequencies: Float64Array;
  /** Distinct times (recencies and ages together). */
  times: Float64Array;
  frequencyIndex: Int32Array;
  recencyIndex: Int32Array;
  ageIndex: Int32Array;
  /** Customers per tuple. */
  counts: Float64Array;
  /** The tuple of each input customer, in input order. */
  tupleOfCustomer: Int32Array;
  customers: number;
}

/** Checks one history (the rules of the paper's definitions) and throws naming the customer and field. */
export function assertValidHistory(history: RepeatPurchaseHistory, customer: string | number): void {
  const problem = historyProblem(history);
  if (problem)
    throw new ScoringError('invalid_input', `customer ${customer}: ${problem.field} ${problem.reason}`, {
      customer,
      field: problem.field,
      ...history,
    });
}

function historyProblem({ frequency, recency, age }: RepeatPurchaseHistory): { field: string; reason: string } | null {
  if (!Number.isInteger(frequency) || frequency < 0)
    return { field: 'frequency', reason: `must be a whole number >= 0, not ${frequency}` };
  if (!Number.isFinite(recency) || recency < 0) return { field: 'recency', reason: `must be >= 0, not ${recency}` };
  if (!Number.isFinite(age) || age < recency)
    return { field: 'age', reason: `must be >= recency (${recency}), not ${age}` };
  if (frequency === 0 && recency !== 0)
    return { field: 'recency', reason: `must be 0 without repeat purchases, not ${recency}` };
  return null;
}

export function compressHistories(histories: readonly RepeatPurchaseHistory[]): CustomerTuples {
  const frequencyIds = new Map<number, number>();
  const timeIds = new Map<number, number>();
  const idOf = (ids: Map<number, number>, value: number) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return id;
  };
  const customerFrequency = new Int32Array(histories.length);
  const customerRecency = new Int32Array(histories.length);
  const customerAge = new Int32Array(histories.length);
  for (let i = 0; i < histories.length; i++) {
    const history = histories[i]!;
    if (historyProblem(history)) assertValidHistory(history, i);
    customerFrequency[i] = idOf(frequencyIds, history.frequency);
    customerRecency[i] = idOf(timeIds, history.recency);
    customerAge[i] = idOf(timeIds, history.age);
  }

  // One number per tuple as the key (no string built per customer):
  // exact while frequencies x times^2 stays below 2^53, which day or week data never reaches.
  const timeCount = timeIds.size;
  if (frequencyIds.size * timeCount * timeCount > Number.MAX_SAFE_INTEGER)
    throw new ScoringError('invalid_input', `too many distinct times (${timeCount}) to compress the histories`, {
      distinctTimes: timeCount,
      distinctFrequencies: frequencyIds.size,
    });
  const tupleIds = new Map<number, number>();
  const tupleOfCustomer = new Int32Array(histories.length);
  const frequencyIndex: number[] = [];
  const recencyIndex: number[] = [];
  const ageIndex: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < histories.length; i++) {
    const key = (customerFrequency[i]! * timeCount + customerRecency[i]!) * timeCount + customerAge[i]!;
    let tuple = tupleIds.get(key);
    if (tuple === undefined) {
      tuple = counts.length;
      tupleIds.set(key, tuple);
      frequencyIndex.push(customerFrequency[i]!);
      recencyIndex.push(customerRecency[i]!);
      ageIndex.push(customerAge[i]!);
      counts.push(0);
    }
    counts[tuple]! += 1;
    tupleOfCustomer[i] = tuple;
  }
  return {
    frequencies: Float64Array.from(frequencyIds.keys()),
    times: Float64Array.from(timeIds.keys()),
    frequencyIndex: Int32Array.from(frequencyIndex),
    recencyIndex: Int32Array.from(recencyIndex),
    ageIndex: Int32Array.from(ageIndex),
    counts: Float64Array.from(counts),
    tupleOfCustomer,
    customers: histories.length,
  };
}
