import { DomainError } from '@kizuna/shared';

/** Why a scoring input or fit was refused; callers branch on the code, people read the message. */
export type ScoringErrorCode = 'invalid_input' | 'no_customers' | 'fit_failed';

/**
 * A problem with the data given to a model or with its fit, carrying what is needed to find it
 * (the customer, the field, the parameters reached). Unprocessable at the HTTP edge.
 */
export class ScoringError extends DomainError {
  constructor(
    readonly reason: ScoringErrorCode,
    message: string,
    context: Readonly<Record<string, unknown>> = {},
  ) {
    super('unprocessable', message, { reason, ...context });
  }
}
