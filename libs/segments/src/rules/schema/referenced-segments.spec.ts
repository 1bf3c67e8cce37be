import { referencedSegmentIds } from './referenced-segments';

describe('referencedSegmentIds', () => {
  it('lists the segments a rule reads, once each, ascending', () => {
    expect(
      referencedSegmentIds({
        version: 1,
        root: {
          type: 'group',
          combinator: 'or',
          rules: [
            { type: 'segment', operator: 'member', segmentId: 9 },
            {
              type: 'group',
              combinator: 'and',
              negate: true,
              rules: [
                { type: 'segment', operator: 'not_member', segmentId: 3 },
                { type: 'segment', operator: 'member', segmentId: 9 },
                { type: 'event', name: 'open' },
              ],
            },
          ],
        },
      }),
    ).toEqual([3, 9]);
  });
});
