import { errorTitleKey } from '../ui/error-title';
import { en } from './en';
import { ja } from './ja';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `path.to.key` → text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

/** `{{name}}` placeholders and `<code>` tags, which must survive translation. */
function markers(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\/?\w+)>/g)].map((match) => match[0].replace(/\s/g, '')).sort();
}

const jaLeaves = flatten(ja);
const enLeaves = flatten(en);

describe('UI dictionaries', () => {
  it('have the same keys in Japanese and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...jaLeaves.keys()].sort());
  });

  it('have no empty text', () => {
    const empty = [...jaLeaves, ...enLeaves].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders and tags in both languages', () => {
    const mismatched = [...jaLeaves.keys()].filter((key) => {
      return JSON.stringify(markers(jaLeaves.get(key) ?? '')) !== JSON.stringify(markers(enLeaves.get(key) ?? ''));
    });
    expect(mismatched).toEqual([]);
  });

  it('use no plural suffixes, whose sets differ between Japanese (_other) and English (_one, _other)', () => {
    expect(
      [...jaLeaves.keys(), ...enLeaves.keys()].filter((key) => /_(zero|one|two|few|many|other)$/.test(key)),
    ).toEqual([]);
  });

  it('have a title for every error code the editor names', () => {
    const codes = [
      'validation_failed',
      'not_found',
      'conflict',
      'unauthenticated',
      'forbidden',
      'unprocessable',
      'payload_too_large',
      'rate_limited',
      'network_error',
      'http_error',
      'unexpected',
    ];
    for (const code of codes) {
      expect(jaLeaves.has(errorTitleKey(code))).toBe(true);
      expect(enLeaves.has(errorTitleKey(code))).toBe(true);
    }
    expect(errorTitleKey('some_future_code')).toBe('ui.error.code.http_error');
  });
});
