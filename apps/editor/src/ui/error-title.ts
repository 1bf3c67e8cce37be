import type { DomainErrorCode } from '@kizuna/shared';
import type { ClientErrorCode } from '../api/api-error';

/** The HTTP layer's own code for 429 (the engine's exception filter), not a domain error. */
type HttpLayerCode = 'rate_limited';

type TitledCode = DomainErrorCode | HttpLayerCode | ClientErrorCode | 'unexpected';

// A Record over every domain code, so a code added in @kizuna/shared fails the editor's typecheck
// until it has a title here and in both dictionaries.
const titleKeys = {
  validation_failed: 'ui.error.code.validation_failed',
  not_found: 'ui.error.code.not_found',
  conflict: 'ui.error.code.conflict',
  unauthenticated: 'ui.error.code.unauthenticated',
  forbidden: 'ui.error.code.forbidden',
  unprocessable: 'ui.error.code.unprocessable',
  payload_too_large: 'ui.error.code.payload_too_large',
  rate_limited: 'ui.error.code.rate_limited',
  network_error: 'ui.error.code.network_error',
  http_error: 'ui.error.code.http_error',
  unexpected: 'ui.error.code.unexpected',
} as const satisfies Record<TitledCode, `ui.error.code.${string}`>;

export type ErrorTitleKey = (typeof titleKeys)[TitledCode];

/** The dictionary key of an error's title; codes this editor does not know get the generic title. */
export function errorTitleKey(code: string): ErrorTitleKey {
  return Object.hasOwn(titleKeys, code) ? titleKeys[code as TitledCode] : titleKeys.http_error;
}
