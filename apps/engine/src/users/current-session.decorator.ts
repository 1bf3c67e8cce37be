import { ForbiddenError } from '@kizuna/shared';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/current-workspace.decorator';
import type { SessionAuth } from './session.service';

/** The editor session behind the request; API keys have none, and get a 403 that says so. */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionAuth => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth || !('sessionId' in auth))
    throw new ForbiddenError('This route is for signed-in editor sessions, not API keys.');
  return auth as SessionAuth;
});
