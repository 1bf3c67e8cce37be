import type { FieldIssue } from '@kizuna/shared';

/** The body of every error response: a stable code for programs (and UI translations), a message for people. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  issues?: FieldIssue[];
  [detail: string]: unknown;
}
