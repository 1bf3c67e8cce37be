import { isApiError } from '../../api/api-error';

export type SignInFailure = 'wrong-credentials' | 'not-member' | 'too-many' | 'unreachable' | 'other';

/** What the sign-in page says about a refused sign-in (POST /api/v1/session), by status. */
export function signInFailure(error: unknown): SignInFailure {
  if (!isApiError(error)) return 'other';
  if (error.status === 401) return 'wrong-credentials';
  if (error.status === 403) return 'not-member';
  if (error.status === 429) return 'too-many';
  if (error.code === 'network_error') return 'unreachable';
  return 'other';
}
