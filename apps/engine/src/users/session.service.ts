import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ForbiddenError,
  permissionsOf,
  ValidationFailedError,
  type Permission,
  type WorkspaceRole,
} from '@kizuna/shared';
import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { runAs } from '../audit/audit-actor';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { UnauthenticatedError } from '../auth/api-key.service';
import { normaliseAccountEmail } from './account-email';
import {
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  spendVerificationTime,
  verifyPassword,
} from './password-hashing';
import { SessionRepository } from './session.repository';
import { UserRepository, type Membership } from './user.repository';

/** A working day and some: the editor left open overnight asks for the password again. */
const IDLE_TIMEOUT_MS = 12 * 3_600_000;
/** However active, a session ends after a week. */
export const SESSION_LIFETIME_MS = 7 * 24 * 3_600_000;
/** lastSeenAt is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionAuth extends AuthenticatedWorkspace {
  sessionId: number;
  csrfToken: string;
}

/** What the editor learns about its session: who, where, what they may do. Never the token itself. */
export interface SessionView {
  user: { id: number; email: string; name: string };
  workspace: { id: number; slug: string; timezone: string };
  role: WorkspaceRole;
  personalData: boolean;
  permissions: Permission[];
  workspaces: { slug: string; name: string; role: WorkspaceRole }[];
  /** Send back in X-CSRF-Token with every request that changes something. */
  csrfToken: string;
}

const WRONG_CREDENTIALS = 'The email or the password is wrong.';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function passwordIssues(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return undefined;
}

/**
 * Editor sign-in. The cookie holds a random token (only its hash is stored); the session carries a
 * synchroniser CSRF token the editor echoes in a header, so a cross-site form cannot act with the
 * cookie even in a browser that ignores SameSite.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);
  private readonly touchedAt = new Map<number, number>();

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditLog,
  ) {}

  async signIn(input: {
    email: string;
    password: string;
    workspace?: string;
  }): Promise<{ token: string; view: SessionView }> {
    const email = normaliseAccountEmail(input.email);
    const user = await this.users.findByEmail(email);
    if (!user || user.disabledAt) {
      await spendVerificationTime(input.password);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    const check = await verifyPassword(input.password, user.passwordHash);
    if (!check.matches) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    if (check.needsRehash) await this.users.setPasswordHash(user.id, await hashPassword(input.password), new Date());

    const memberships = await this.users.memberships(user.id);
    const membership = input.workspace ? memberships.find((m) => m.slug === input.workspace) : memberships[0];
    if (!membership) {
      throw new ForbiddenError(
        input.workspace
          ? `This account is not a member of workspace "${input.workspace}".`
          : 'This account is not a member of any workspace yet: ask an admin to add it.',
      );
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = Date.now();
    const sessionId = await this.sessions.create({
      tokenHash: hashToken(token),
      userId: user.id,
      workspaceId: membership.workspaceId,
      csrfToken,
      expiresAt: new Date(now + SESSION_LIFETIME_MS),
    });
    await runAs({ type: 'user', id: String(user.id) }, () =>
      this.audit.record(membership.workspaceId, 'user.sign_in', { type: 'user', id: user.id }, { session: sessionId }),
    );
    return { token, view: this.view(user, membership, memberships, csrfToken) };
  }

  /** The caller behind a session cookie; throws when the cookie is unknown, expired or revoked. */
  async authenticate(token: string): Promise<SessionAuth> {
    const now = Date.now();
    const session = await this.sessions.findActive(hashToken(token), new Date(now), new Date(now - IDLE_TIMEOUT_MS));
    if (!session) throw new UnauthenticatedError('Your session has ended: sign in again.');
    if (!session.grant) throw new UnauthenticatedError(`You are no longer a member of workspace "${session.slug}".`);
    this.touch(session.id, session.lastSeenAt, now);
    return {
      workspaceId: session.workspaceId,
      slug: session.slug,
      timezone: session.timezone,
      role: session.grant.role,
      personalData: session.grant.personalData,
      caller: { type: 'user', id: session.userId, name: session.userEmail },
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
  }

  csrfTokenMatches(auth: SessionAuth, presented: string | undefined): boolean {
    if (!presented) return false;
    const given = Buffer.from(presented);
    const expected = Buffer.from(auth.csrfToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async describe(auth: SessionAuth): Promise<SessionView> {
    const user = await this.users.findById(auth.caller.id);
    const memberships = await this.users.memberships(auth.caller.id);
    const membership = memberships.find((m) => m.workspaceId === auth.workspaceId);
    if (!user || !membership) throw new UnauthenticatedError('Your session has ended: sign in again.');
    return this.view(user, membership, memberships, auth.csrfToken);
  }

  async signOut(auth: SessionAuth): Promise<void> {
    await this.sessions.revoke(auth.sessionId, new Date());
    this.touchedAt.delete(auth.sessionId);
  }

  async switchWorkspace(auth: SessionAuth, slug: string): Promise<SessionView> {
    const memberships = await this.users.memberships(auth.caller.id);
    const membership = memberships.find((m) => m.slug === slug);
    if (!membership) throw new ForbiddenError(`You are not a member of workspace "${slug}".`);
    await this.sessions.switchWorkspace(auth.sessionId, membership.workspaceId);
    const user = await this.users.findById(auth.caller.id);
    if (!user) throw new UnauthenticatedError('Your session has ended: sign in again.');
    return this.view(user, membership, memberships, auth.csrfToken);
  }

  /** Signs every other session of the account out: a changed password is often a suspected leak. */
  async changePassword(auth: SessionAuth, current: string, next: string): Promise<void> {
    const user = await this.users.findById(auth.caller.id);
    if (!user || !(await verifyPassword(current, user.passwordHash)).matches) {
      throw new ValidationFailedError('The current password is wrong', [
        { field: 'currentPassword', message: 'does not match' },
      ]);
    }
    const issue = passwordIssues(next);
    if (issue) throw new ValidationFailedError(`The new password ${issue}`, [{ field: 'newPassword', message: issue }]);
    const now = new Date();
    await this.users.setPasswordHash(user.id, await hashPassword(next), now);
    await this.sessions.revokeForUser(user.id, now, auth.sessionId);
    await this.audit.record(auth.workspaceId, 'user.password_change', { type: 'user', id: user.id });
  }

  private view(
    user: { id: number; email: string; name: string },
    membership: Membership,
    memberships: Membership[],
    csrfToken: string,
  ): SessionView {
    return {
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: membership.workspaceId, slug: membership.slug, timezone: membership.timezone },
      role: membership.role,
      personalData: membership.personalData,
      permissions: [...permissionsOf(membership)],
      workspaces: memberships.map((m) => ({ slug: m.slug, name: m.workspaceName, role: m.role })),
      csrfToken,
    };
  }

  private touch(sessionId: number, lastSeenAt: Date, now: number): void {
    const last = Math.max(lastSeenAt.getTime(), this.touchedAt.get(sessionId) ?? 0);
    if (now - last < TOUCH_EVERY_MS) return;
    this.touchedAt.set(sessionId, now);
    this.sessions
      .touch(sessionId, new Date(now))
      .catch((error: unknown) => this.logger.warn({ err: error, sessionId }, 'could not record session use'));
  }
}
