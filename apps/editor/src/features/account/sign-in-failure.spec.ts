import { ApiError, parseApiError } from '../../api/api-error';
import { signInFailure } from './sign-in-failure';

describe('signInFailure', () => {
  it('reads the sign-in answers of the engine by status', () => {
    expect(
      signInFailure(parseApiError(401, '{"code":"unauthenticated","message":"The email or the password is wrong."}')),
    ).toBe('wrong-credentials');
    expect(signInFailure(parseApiError(403, '{"code":"forbidden","message":"not a member"}'))).toBe('not-member');
    expect(signInFailure(parseApiError(429, '{"code":"rate_limited","message":"Too many requests"}'))).toBe('too-many');
  });

  it('tells an unreachable engine from other failures', () => {
    expect(signInFailure(new ApiError({ status: 0, code: 'network_error', message: 'Failed to fetch' }))).toBe(
      'unreachable',
    );
    expect(signInFailure(parseApiError(502, ''))).toBe('unreachable');
    expect(signInFailure(parseApiError(500, '{"code":"internal","message":"boom"}'))).toBe('other');
    expect(signInFailure(new Error('something else'))).toBe('other');
  });
});
