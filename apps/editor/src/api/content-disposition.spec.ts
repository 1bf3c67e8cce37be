import { fileNameFromContentDisposition } from './content-disposition';

describe('fileNameFromContentDisposition', () => {
  it('prefers the RFC 6266 UTF-8 name', () => {
    expect(
      fileNameFromContentDisposition(
        `attachment; filename="import-7-rejections.csv"; filename*=UTF-8''%E6%B3%A8%E6%96%87-rejections.csv`,
      ),
    ).toBe('注文-rejections.csv');
  });

  it('reads a quoted plain name with escapes', () => {
    expect(fileNameFromContentDisposition('attachment; filename="orders \\"jan\\".csv"')).toBe('orders "jan".csv');
  });

  it('reads an unquoted plain name', () => {
    expect(fileNameFromContentDisposition('attachment; filename=rejections.csv')).toBe('rejections.csv');
  });

  it('returns null without a header or a name', () => {
    expect(fileNameFromContentDisposition(null)).toBeNull();
    expect(fileNameFromContentDisposition('attachment')).toBeNull();
  });
});
