import { ValidationFailedError } from '@kizuna/shared';
import { StandardSchemaValidationPipe } from '@nestjs/common';
// The type Nest's pipe is declared with (a dependency of @nestjs/common).
import type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * Paths of strings holding U+0000. PostgreSQL text and jsonb cannot store it (SQLSTATE 22021 /
 * 22P05), so a name or a rule value with it would otherwise fail in the database as a 500.
 */
function nulPaths(value: unknown, path: PropertyKey[] = [], found: PropertyKey[][] = []): PropertyKey[][] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulPaths(item, [...path, index], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push([...path, key]);
      nulPaths(item, [...path, key], found);
    }
  }
  return found;
}

class KizunaSchemaValidationPipe extends StandardSchemaValidationPipe {
  protected override async validate<T = unknown>(
    value: unknown,
    schema: StandardSchemaV1,
    options?: Record<string, unknown>,
  ): Promise<StandardSchemaV1.Result<T>> {
    const result = await super.validate<T>(value, schema, options);
    if (result.issues) return result;
    const paths = nulPaths(value);
    if (paths.length === 0) return result;
    return { issues: paths.map((path) => ({ path, message: 'must not contain the NUL character (U+0000)' })) };
  }
}

/**
 * Validates every parameter that declares a schema (`@Body({ schema })`); a failure is a 400 whose
 * `issues` name each bad field by its path (e.g. `events.3.name`).
 */
export function createSchemaValidationPipe(): StandardSchemaValidationPipe {
  return new KizunaSchemaValidationPipe({
    exceptionFactory: (issues) => {
      const fieldIssues = issues.map((issue) => ({
        field:
          (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.') ||
          '(body)',
        message: issue.message,
      }));
      const summary = fieldIssues
        .slice(0, 5)
        .map((i) => `${i.field}: ${i.message}`)
        .join('; ');
      const more = fieldIssues.length > 5 ? ` (and ${fieldIssues.length - 5} more)` : '';
      return new ValidationFailedError(`The request is invalid: ${summary}${more}`, fieldIssues);
    },
  });
}
