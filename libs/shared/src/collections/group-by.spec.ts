import { groupBy } from './group-by';

describe('groupBy', () => {
  it('keeps the order of first-seen keys and of the items within each group', () => {
    expect([...groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0])]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
  });
});
