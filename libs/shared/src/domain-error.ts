/**
 * Errors the domain raises on purpose. Each carries a stable `code` (the UI translates codes, not
 * messages) and the context needed to act on it. One exception filter in the engine maps them to
 * HTTP statuses; the CLI prints them.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'unprocessable'
  | 'payload_too_large';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `events.3.name`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super('validation_failed', message, { issues });
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string | number) {
    super('not_found', `${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}

/** Authenticated, but this role (or this workspace) may not do it. */
export class ForbiddenError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('forbidden', message, details);
  }
}
