import { commonIssueMessage } from '@kizuna/segments';
import type { z } from 'zod';

/**
 * Messages for what the graph and config schemas do not word themselves, in the style of the
 * segment rule messages (`is required`, `"fax" is not one of: email, line`); the schemas' own
 * messages win over these.
 */
export const journeyErrorMap: z.core.$ZodErrorMap = (issue) => commonIssueMessage(issue);

export function pathText(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
