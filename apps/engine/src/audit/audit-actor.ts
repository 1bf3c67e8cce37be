import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/current-workspace.decorator';

/** Who acted: an API key, a signed-in user, or `system` for the CLI and background jobs. */
export interface AuditActor {
  type: 'api_key' | 'user' | 'system';
  id: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null };

/**
 * The actor of the request being served. Kept in async context so the services that record an
 * audit entry need no extra argument, and a call from the CLI or a job is recorded as `system`.
 */
const actors = new AsyncLocalStorage<AuditActor>();

export function currentActor(): AuditActor {
  return actors.getStore() ?? SYSTEM_ACTOR;
}

/** Runs `work` as `actor` (the CLI and tests; HTTP requests get theirs from the interceptor). */
export function runAs<T>(actor: AuditActor, work: () => T): T {
  return actors.run(actor, work);
}

/** Interceptors run after guards, so the key or user that authenticated the request is known here. */
@Injectable()
export class AuditActorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    if (!auth) return next.handle();
    const actor: AuditActor = { type: auth.caller.type, id: String(auth.caller.id) };
    // Subscribing inside the context: the handler runs (and its promises continue) as this actor.
    return new Observable((subscriber) => actors.run(actor, () => next.handle().subscribe(subscriber)));
  }
}
