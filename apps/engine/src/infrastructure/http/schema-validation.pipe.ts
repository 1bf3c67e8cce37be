import { ValidationFailedError } from '@kizuna/shared';
import { StandardSchemaValidationPipe } from '@nestjs/common';

/**
 * Validates every parameter that declares a schema (`@Body({ schema })`); a failure is a 400 whose
 * `issues` name each bad field by its path (e.g. `events.3.name`).
 */
export function createSchemaValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
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
