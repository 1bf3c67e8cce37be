import type { Pool, PrismaClient } from '@kizuna/db';
import type { WorkspaceRole } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL, PRISMA } from '../infrastructure/database/database.tokens';

export interface ActiveSession {
  id: number;
  userId: number;
  userName: string;
  userEmail: string;
  workspaceId: number;
  slug: string;
  timezone: string;
  csrfToken: string;
  lastSeenAt: Date;
  /** Null when the user is no longer a member of the session's workspace. */
  grant: { role: WorkspaceRole; personalData: boolean } | null;
}

@Injectable()
export class SessionRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async create(session: {
    tokenHash: string;
    userId: number;
    workspaceId: number;
    csrfToken: string;
    expiresAt: Date;
  }): Promise<number> {
    return (await this.prisma.userSession.create({ data: session, select: { id: true } })).id;
  }

  /** The session behind a cookie, when it is neither revoked, expired, idle too long, nor its user disabled. */
  async findActive(tokenHash: string, now: Date, idleSince: Date): Promise<ActiveSession | null> {
    const { rows } = await this.pool.query<
      Omit<ActiveSession, 'grant'> & { role: WorkspaceRole | null; personalData: boolean | null }
    >(
      `SELECT s.id, s.user_id AS "userId", u.name AS "userName", u.email AS "userEmail", s.workspace_id AS "workspaceId",
              w.slug, w.timezone, s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt",
              m.role, m.personal_data AS "personalData"
         FROM user_session s
         JOIN app_user u ON u.id = s.user_id AND u.disabled_at IS NULL
         JOIN workspace w ON w.id = s.workspace_id
         LEFT JOIN workspace_member m ON m.workspace_id = s.workspace_id AND m.user_id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3`,
      [tokenHash, now, idleSince],
    );
    const row = rows[0];
    if (!row) return null;
    const { role, personalData, ...session } = row;
    return { ...session, grant: role ? { role, personalData: personalData ?? false } : null };
  }

  async touch(id: number, at: Date): Promise<void> {
    await this.prisma.userSession.update({ where: { id }, data: { lastSeenAt: at } });
  }

  async switchWorkspace(id: number, workspaceId: number): Promise<void> {
    await this.prisma.userSession.update({ where: { id }, data: { workspaceId } });
  }

  async revoke(id: number, at: Date): Promise<void> {
    await this.prisma.userSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  }

  /** Every session of a user (a password change), optionally but the one making the change. */
  async revokeForUser(userId: number, at: Date, exceptId?: number): Promise<void> {
    await this.prisma.userSession.updateMany({
      where: { userId, revokedAt: null, ...(exceptId !== undefined ? { id: { not: exceptId } } : {}) },
      data: { revokedAt: at },
    });
  }

  /** A member removed from a workspace is signed out of it at once. */
  async revokeInWorkspace(workspaceId: number, userId: number, at: Date): Promise<void> {
    await this.prisma.userSession.updateMany({
      where: { workspaceId, userId, revokedAt: null },
      data: { revokedAt: at },
    });
  }
}
