import type { z } from 'zod';

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
};

// JSON.stringify(undefined) is undefined at run time, whatever its declared type says.
const quote = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value));

/**
 * The value a discriminated union switched on: zod reports the whole object as the issue's input
 * (at the discriminator's path), the message names the bad discriminator value.
 */
export function discriminatorValue(input: unknown, discriminator: string): unknown {
  return typeof input === 'object' && input !== null && discriminator in input
    ? (input as Record<string, unknown>)[discriminator]
    : undefined;
}

/**
 * The wording of the issues every schema of the product shares (missing, wrong type, a value not in
 * a list, an unknown key), or undefined for the schema's own message. The journey graph words its
 * issues with this too.
 */
export function commonIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
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
}

/**
 * Messages for what the schemas do not word themselves, in the style of the rest of the product:
 * short, lower-case, naming the bad value. Paths are added when issues are flattened.
 */
export const ruleErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} values` : undefined;
    case 'too_big':
      return issue.origin === 'array' ? `takes at most ${issue.maximum} values` : undefined;
    default:
      return commonIssueMessage(issue);
  }
};
