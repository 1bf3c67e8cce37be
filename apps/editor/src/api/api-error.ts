import type { DomainErrorCode, FieldIssue } from '@kizuna/shared';

/** Codes the editor assigns itself when the engine's answer is not one of its JSON errors. */
export type ClientErrorCode = 'network_error' | 'http_error';

/** Domain codes from `@kizuna/shared`, the client's own, and any code a newer engine may add. */
export type ApiErrorCode = DomainErrorCode | ClientErrorCode | (string & {});

export type { FieldIssue };

/** The JSON body of every error the engine's exception filter writes. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  issues?: FieldIssue[];
  /** CSV imports: required columns the header lacks. */
  missing?: string[];
  /** CSV imports: header columns the kind does not know. */
  unknown?: string[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues: readonly FieldIssue[];
  readonly missing: readonly string[];
  readonly unknown: readonly string[];

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    issues?: readonly FieldIssue[];
    missing?: readonly string[];
    unknown?: readonly string[];
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.issues = init.issues ?? [];
    this.missing = init.missing ?? [];
    this.unknown = init.unknown ?? [];
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

// When the body carries no code (a proxy's HTML page, an empty 502), the status still says enough
// for the UI to pick a translated title. A gateway error without a JSON body comes from a proxy in
// front of the engine (Vite's dev proxy answers 502 when the engine is not running).
const codeByStatus: Readonly<Record<number, DomainErrorCode | ClientErrorCode | 'rate_limited'>> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'rate_limited',
  502: 'network_error',
  503: 'network_error',
  504: 'network_error',
};

/**
 * Turns a failed response into an ApiError. Accepts the engine's `{statusCode, code, message,
 * issues?, missing?, unknown?}` and degrades gracefully for anything else, including NestJS's
 * built-in `{statusCode, message: string[], error}` shape and non-JSON bodies.
 */
export function parseApiError(status: number, bodyText: string, statusText = ''): ApiError {
  const body = parseJsonObject(bodyText);
  const fallbackMessage = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (!body) {
    return new ApiError({ status, code: codeByStatus[status] ?? 'http_error', message: fallbackMessage });
  }
  const code = typeof body['code'] === 'string' && body['code'] ? body['code'] : (codeByStatus[status] ?? 'http_error');
  const rawMessage = body['message'];
  const listedMessages = stringList(rawMessage);
  let message = fallbackMessage;
  if (typeof rawMessage === 'string' && rawMessage.trim()) message = rawMessage;
  else if (listedMessages.length > 0) message = listedMessages.join('; ');
  return new ApiError({
    status,
    code,
    message,
    issues: fieldIssues(body['issues']),
    missing: stringList(body['missing']),
    unknown: stringList(body['unknown']),
  });
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  if (!text.trim()) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function fieldIssues(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  const issues: FieldIssue[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object') continue;
    const { field, message } = item as Record<string, unknown>;
    if (typeof message !== 'string') continue;
    issues.push({ field: typeof field === 'string' ? field : '', message });
  }
  return issues;
}
