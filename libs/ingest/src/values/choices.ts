import { normaliseIdentifier } from '../normalise/identifier';
import { fail, ok, type Parsed } from './parsed';

/**
 * A closed set of values with the spellings found in Japanese spreadsheets (e.g. 店舗 for store).
 * Matching is NFKC and case-insensitive; an unknown value is rejected with the accepted list.
 */
export function choiceParser<T extends string>(aliases: Readonly<Record<string, T>>): (raw: string) => Parsed<T> {
  const byKey = new Map<string, T>();
  for (const [alias, value] of Object.entries(aliases)) byKey.set(normaliseIdentifier(alias).toLowerCase(), value);
  const accepted = [...new Set(Object.values(aliases))].join(', ');
  return (raw) => {
    const value = byKey.get(normaliseIdentifier(raw).toLowerCase());
    return value ? ok(value) : fail(`"${raw}" is not one of: ${accepted}`);
  };
}

const parseFlag = choiceParser<'true' | 'false'>({
  true: 'true',
  false: 'false',
  '1': 'true',
  '0': 'false',
  yes: 'true',
  no: 'false',
  y: 'true',
  n: 'false',
  はい: 'true',
  いいえ: 'false',
  '○': 'true',
  '×': 'false',
});

export function parseBoolean(raw: string): Parsed<boolean> {
  const flag = parseFlag(raw);
  return flag.ok ? ok(flag.value === 'true') : flag;
}
