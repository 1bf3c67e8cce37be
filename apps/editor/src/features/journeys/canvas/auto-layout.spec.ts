import { layoutJourney } from './auto-layout';

const size = { width: 200, height: 80 };

describe('layoutJourney', () => {
  it('puts each step to the right of the one before it, and the two exits of a branch one above the other', () => {
    const positions = layoutJourney(
      [
        { id: 'trigger', ...size },
        { id: 'branch', ...size },
        { id: 'yes', ...size },
        { id: 'no', ...size },
      ],
      [
        { source: 'trigger', target: 'branch' },
        { source: 'branch', target: 'yes' },
        { source: 'branch', target: 'no' },
      ],
    );
    const [trigger, branch, yes, no] = ['trigger', 'branch', 'yes', 'no'].map((id) => positions.get(id)!);
    expect(branch!.x).toBeGreaterThanOrEqual(trigger!.x + size.width);
    expect(yes!.x).toBe(no!.x);
    expect(yes!.x).toBeGreaterThanOrEqual(branch!.x + size.width);
    expect(Math.abs(yes!.y - no!.y)).toBeGreaterThanOrEqual(size.height);
  });

  it('places every node, connected or not, and ignores edges to nodes it was not given', () => {
    const positions = layoutJourney(
      [
        { id: 'a', ...size },
        { id: 'lonely', ...size },
      ],
      [{ source: 'a', target: 'gone' }],
    );
    expect([...positions.keys()].sort()).toEqual(['a', 'lonely']);
  });
});
