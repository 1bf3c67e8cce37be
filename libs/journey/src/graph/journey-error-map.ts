import type { z } from 'zod';

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

// JSON.stringify(undefined) is undefined at run time, whatever its declared type says.
const quote = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value));

function discriminatorValue(input: unknown, discriminator: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined;
}

/**
 * Messages for what the graph and config schemas do not word themselves, in the style of the
 * segment rule messages (`is required`, `"fax" is not one of: email, line`); the schemas' own
 * messages win over these.
 */
export const journeyErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      if (issue.input === undefined) return 'is required';
      return `${quote(issue.input)} is not one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union': {
      const options: unknown = 'options' in issue ? issue.options : undefined;
      const discriminator: unknown = 'discriminator' in issue ? issue.discriminator : undefined;
      if (!Array.isArray(options) || typeof discriminator !== 'string') return undefined;
      const value = discriminatorValue(issue.input, discriminator);
      return value === undefined ? 'is required' : `${quote(value)} is not one of: ${options.map(String).join(', ')}`;
    }
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map(quote).join(', ')}`;
    default:
      return undefined;
  }
};

export function pathText(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
