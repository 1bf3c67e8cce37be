import { ForbiddenError, isAllowed, type Permission } from '@kizuna/shared';
import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SessionService } from '../users/session.service';
import { ApiKeyService, UnauthenticatedError } from './api-key.service';
import type { AuthenticatedWorkspace } from './authenticated-workspace';
import type { AuthenticatedRequest } from './current-workspace.decorator';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_PERMISSION } from './requires.decorator';
import { sessionTokenOf } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

function presentedKey(request: AuthenticatedRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Every route is guarded unless marked @Public(): the caller is authenticated (an API key in a
 * header, or the editor's session cookie plus its CSRF token on changes), then its role in the
 * workspace must hold the permission the route declares. The workspace is the key's or the
 * session's, never one named in the request, so no id in a URL can reach another workspace.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const auth = await this.authenticate(request);
    request.auth = auth;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) {
      this.logger.error({ route: `${request.method} ${request.path}` }, 'route declares no permission');
      throw new ForbiddenError('This route declares no permission, so nobody may call it.');
    }
    if (!isAllowed(auth, permission)) {
      throw new ForbiddenError(
        `The ${auth.role} role may not do this in workspace "${auth.slug}" (needs ${permission}).`,
        {
          permission,
          role: auth.role,
        },
      );
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<AuthenticatedWorkspace> {
    const key = presentedKey(request);
    if (key !== undefined) return this.apiKeys.authenticate(key);
    const token = sessionTokenOf(request);
    if (!token) throw new UnauthenticatedError('An API key is required: send "Authorization: Bearer <key>".');
    const session = await this.sessions.authenticate(token);
    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers[CSRF_HEADER];
      if (!this.sessions.csrfTokenMatches(session, typeof presented === 'string' ? presented : undefined))
        throw new ForbiddenError(`A change made with a session cookie needs this session's ${CSRF_HEADER} header.`);
    }
    return session;
  }
}
