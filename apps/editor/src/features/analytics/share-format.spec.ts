import { formatShare } from './share-format';

describe('formatShare', () => {
  it('writes a share as a percent with one decimal', () => {
    expect(formatShare(0.1234, 'ja-JP')).toBe('12.3%');
    expect(formatShare(1, 'en-US')).toBe('100.0%');
    expect(formatShare(null, 'en-US')).toBe('—');
  });
});
