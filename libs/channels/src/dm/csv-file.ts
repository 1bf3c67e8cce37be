import { DomainError } from '@kizuna/shared';
import iconv from 'iconv-lite';

export const CSV_ENCODINGS = ['utf8', 'sjis'] as const;
/** UTF-8 with a byte-order mark (Excel's cue), or Shift_JIS as Windows writes it (CP932, "Windows-31J"). */
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NEEDS_QUOTES = /[",\r\n]/;

/** One field per RFC 4180 §2: quoted when it holds a comma, a double quote, CR or LF; quotes doubled inside. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The header and rows as RFC 4180 text: fields joined by commas, every line (the last too) ended by CRLF. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Characters that JIS X 0208 text (Mac input, most web forms) writes with a different code point
 * than CP932 for the same glyph: "1−2−3" typed on a Mac has U+2212, which Windows writes as U+FF0D.
 * Each maps to the one byte sequence Windows uses for that glyph (Microsoft's cp932 best-fit table;
 * the WHATWG Encoding Standard's Shift_JIS encoder does the same for U+2212), so nothing is lost.
 */
const CP932_FORMS: Readonly<Record<string, string>> = {
  '\u2212': '\uff0d', // − MINUS SIGN -> － FULLWIDTH HYPHEN-MINUS
  '\u301c': '\uff5e', // 〜 WAVE DASH -> ～ FULLWIDTH TILDE
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE -> ∥ PARALLEL TO
  '\u2014': '\u2015', // — EM DASH -> ― HORIZONTAL BAR
  '\u00a2': '\uffe0', // ¢
  '\u00a3': '\uffe1', // £
  '\u00ac': '\uffe2', // ¬
};
const JIS_ONLY_FORMS = new RegExp(`[${Object.keys(CP932_FORMS).join('')}]`, 'g');

export function toCp932Forms(value: string): string {
  return value.replace(JIS_ONLY_FORMS, (character) => CP932_FORMS[character]!);
}

/** A character of the file that Shift_JIS (CP932) has no code for: where it is, so it can be fixed. */
export interface UnencodableCharacter {
  /** 1-based data row (the header is row 0). */
  row: number;
  column: string;
  character: string;
  /** `U+20BB7`. */
  codePoint: string;
}

/** Stops an export rather than print "?" on a customer's name or address (e.g. 𠮷 in 𠮷田, emoji). */
export class UnencodableCharactersError extends DomainError {
  constructor(readonly characters: readonly UnencodableCharacter[]) {
    const shown = characters
      .slice(0, 5)
      .map((c) => `${c.character} (${c.codePoint}) in ${c.column} of row ${c.row}`)
      .join('; ');
    const more = characters.length > 5 ? ` and ${characters.length - 5} more` : '';
    super(
      'unprocessable',
      `${characters.length} character(s) cannot be written in Shift_JIS (CP932): ${shown}${more}. Export as utf8 instead.`,
      { characters },
    );
  }
}

const REPLACEMENT = 0x3f; // iconv-lite writes "?" for a character it cannot encode.

function unencodableIn(value: string): string[] {
  // Fast path: a cell whose bytes hold no more "?" than its text was encoded completely.
  const encoded = iconv.encode(value, 'cp932');
  const expected = value.split('?').length - 1;
  if (encoded.filter((byte) => byte === REPLACEMENT).length === expected) return [];
  // By code point, not grapheme: an encoding maps code points (🎉 and 𠮷 are one each, a flag is two).
  const unencodable: string[] = [];
  for (const character of value)
    if (character !== '?' && iconv.encode(character, 'cp932')[0] === REPLACEMENT) unencodable.push(character);
  return unencodable;
}

/** Every character of the header and rows that CP932 cannot encode (after `toCp932Forms`). */
export function findUnencodable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): UnencodableCharacter[] {
  const found: UnencodableCharacter[] = [];
  [header, ...rows].forEach((fields, row) =>
    fields.forEach((value, index) => {
      for (const character of unencodableIn(value)) {
        found.push({
          row,
          column: header[index] ?? String(index),
          character,
          codePoint: `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
        });
      }
    }),
  );
  return found;
}

/**
 * The file's bytes: UTF-8 with a BOM, or CP932. A character CP932 cannot encode fails the whole
 * file with `UnencodableCharactersError` naming each one; it is never replaced silently.
 */
export function encodeCsvFile(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  encoding: CsvEncoding,
): Buffer {
  if (encoding === 'utf8') return Buffer.concat([UTF8_BOM, Buffer.from(csvText(header, rows), 'utf8')]);
  const convert = (fields: readonly string[]) => fields.map(toCp932Forms);
  const cp932Header = convert(header);
  const cp932Rows = rows.map(convert);
  const unencodable = findUnencodable(cp932Header, cp932Rows);
  if (unencodable.length) throw new UnencodableCharactersError(unencodable);
  return iconv.encode(csvText(cp932Header, cp932Rows), 'cp932');
}

/** The MIME type of a file in that encoding (`Shift_JIS` is the label every CSV reader knows for it). */
export function csvContentType(encoding: CsvEncoding): string {
  return encoding === 'utf8' ? 'text/csv; charset=utf-8' : 'text/csv; charset=Shift_JIS';
}
