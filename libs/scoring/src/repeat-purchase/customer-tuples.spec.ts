import { ScoringError } from '../scoring-error';
import { compressHistories } from './customer-tuples';

describe('compressHistories', () => {
  it('counts customers per distinct (x, t_x, T) and remembers each customer its tuple', () => {
    const tuples = compressHistories([
      { frequency: 0, recency: 0, age: 10 },
      { frequency: 2, recency: 5, age: 10 },
      { frequency: 0, recency: 0, age: 10 },
      { frequency: 2, recency: 5, age: 12 },
      { frequency: 2, recency: 5, age: 10 },
    ]);
    expect(Array.from(tuples.counts)).toEqual([2, 2, 1]);
    expect(Array.from(tuples.tupleOfCustomer)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(tuples.frequencies)).toEqual([0, 2]);
    expect(Array.from(tuples.times)).toEqual([0, 10, 5, 12]);
    const tuple = (i: number) => [
      tuples.frequencies[tuples.frequencyIndex[i]!],
      tuples.times[tuples.recencyIndex[i]!],
      tuples.times[tuples.ageIndex[i]!],
    ];
    expect([tuple(0), tuple(1), tuple(2)]).toEqual([
      [0, 0, 10],
      [2, 5, 10],
      [2, 5, 12],
    ]);
    expect(tuples.customers).toBe(5);
  });

  it('refuses a history that breaks the definitions, naming the customer and the field', () => {
    const refused = (history: { frequency: number; recency: number; age: number }) => {
      try {
        compressHistories([{ frequency: 0, recency: 0, age: 1 }, history]);
      } catch (error) {
        return error instanceof ScoringError ? [error.message, error.details.field] : error;
      }
      return null;
    };
    expect(refused({ frequency: 1.5, recency: 2, age: 3 })).toEqual([
      'customer 1: frequency must be a whole number >= 0, not 1.5',
      'frequency',
    ]);
    expect(refused({ frequency: 1, recency: 4, age: 3 })).toEqual([
      'customer 1: age must be >= recency (4), not 3',
      'age',
    ]);
    expect(refused({ frequency: 0, recency: 2, age: 3 })).toEqual([
      'customer 1: recency must be 0 without repeat purchases, not 2',
      'recency',
    ]);
    expect(refused({ frequency: 1, recency: NaN, age: 3 })).toEqual([
      'customer 1: recency must be >= 0, not NaN',
      'recency',
    ]);
  });
});
