import iconv from 'iconv-lite';
import { csvField, csvText, encodeCsvFile, UnencodableCharactersError } from './csv-file';

describe('CSV files for print vendors', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes (RFC 4180 §2)', () => {
    expect(csvField('渋谷区')).toBe('渋谷区');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('メゾン"青山"')).toBe('"メゾン""青山"""');
    expect(csvField('1行目\n2行目')).toBe('"1行目\n2行目"');
    expect(csvField('')).toBe('');
  });

  it('ends every line, the last too, with CRLF', () => {
    expect(
      csvText(
        ['a', 'b'],
        [
          ['1', ''],
          ['x,y', '"'],
        ],
      ),
    ).toBe('a,b\r\n1,\r\n"x,y",""""\r\n');
  });

  it('writes UTF-8 with a byte-order mark', () => {
    expect([...encodeCsvFile(['氏名'], [['様']], 'utf8')]).toEqual([
      0xef, 0xbb, 0xbf, 0xe6, 0xb0, 0x8f, 0xe5, 0x90, 0x8d, 0x0d, 0x0a, 0xe6, 0xa7, 0x98, 0x0d, 0x0a,
    ]);
  });

  it('writes CP932, including NEC and IBM extensions, and Mac-typed dashes in their Windows form', () => {
    const bytes = encodeCsvFile(['住所'], [['髙﨑①−〜ｶ']], 'sjis');
    expect(bytes.toString('hex')).toBe('8f5a8f8a0d0afbfcfab18740817c8160b60d0a');
    expect(iconv.decode(bytes, 'cp932')).toBe('住所\r\n髙﨑①－～ｶ\r\n');
  });

  it('refuses characters CP932 has no code for, naming each with its row and column', () => {
    const encode = () =>
      encodeCsvFile(
        ['氏名', 'メッセージ'],
        [
          ['山田', 'ok?'],
          ['𠮷田', '🎉です'],
        ],
        'sjis',
      );
    expect(encode).toThrow(UnencodableCharactersError);
    try {
      encode();
    } catch (error) {
      expect((error as UnencodableCharactersError).characters).toEqual([
        { row: 2, column: '氏名', character: '𠮷', codePoint: 'U+20BB7' },
        { row: 2, column: 'メッセージ', character: '🎉', codePoint: 'U+1F389' },
      ]);
      expect((error as UnencodableCharactersError).code).toBe('unprocessable');
      expect((error as Error).message).toBe(
        '2 character(s) cannot be written in Shift_JIS (CP932): 𠮷 (U+20BB7) in 氏名 of row 2; 🎉 (U+1F389) in メッセージ of row 2. Export as utf8 instead.',
      );
    }
  });
});
