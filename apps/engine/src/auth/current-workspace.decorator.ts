import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedWorkspace } from './authenticated-workspace';

export interface AuthenticatedRequest extends Request {
  auth?: AuthenticatedWorkspace;
}

/** The workspace of the API key that authenticated the request. */
export const CurrentWorkspace = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedWorkspace => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.auth) throw new Error('CurrentWorkspace used on a public route');
    return request.auth;
  },
);
