import { DomainError } from '@kizuna/shared';

/** A model cannot be fitted on what the workspace has recorded yet (too few rows, or one class only). */
export class InsufficientDataError extends DomainError {
  constructor(model: string, reason: string, details: Record<string, unknown> = {}) {
    super('unprocessable', `cannot fit ${model}: ${reason}`, { model, reason, ...details });
  }
}
