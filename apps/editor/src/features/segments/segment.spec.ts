import { segmentNameError, shareOf } from './segment';

describe('segment helpers', () => {
  it('takes the share of the workspace, 0 for an empty one', () => {
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(0, 0)).toBe(0);
  });

  it('checks a name as the engine does: 1 to 200 characters after trimming', () => {
    expect(segmentNameError('  ')).toBe('required');
    expect(segmentNameError('x'.repeat(201))).toBe('tooLong');
    expect(segmentNameError(` ${'x'.repeat(200)} `)).toBeNull();
  });
});
