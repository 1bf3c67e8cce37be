import type { PrismaClient } from '@kizuna/db';
import type { WorkspaceRole } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '../infrastructure/database/database.tokens';

/** Prisma's code for a unique constraint violation. */
const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown }).code === 'P2002';

export interface StoredUser {
  id: number;
  email: string;
  name: string;
  passwordHash: string;
  disabledAt: Date | null;
}

export interface Membership {
  workspaceId: number;
  slug: string;
  workspaceName: string;
  timezone: string;
  role: WorkspaceRole;
  personalData: boolean;
}

export interface Member {
  userId: number;
  email: string;
  name: string;
  role: WorkspaceRole;
  personalData: boolean;
  memberSince: Date;
  lastSeenAt: Date | null;
}

const userSelect = { id: true, email: true, name: true, passwordHash: true, disabledAt: true } as const;

/** Accounts and their memberships. Accounts are global; every membership query names its workspace. */
@Injectable()
export class UserRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findByEmail(email: string): Promise<StoredUser | null> {
    return this.prisma.appUser.findUnique({ where: { email }, select: userSelect });
  }

  findById(id: number): Promise<StoredUser | null> {
    return this.prisma.appUser.findUnique({ where: { id }, select: userSelect });
  }

  count(): Promise<number> {
    return this.prisma.appUser.count();
  }

  /** The new account, or null when one with this email exists (another request made it first). */
  async create(user: { email: string; name: string; passwordHash: string }): Promise<StoredUser | null> {
    try {
      return await this.prisma.appUser.create({ data: user, select: userSelect });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async setPasswordHash(id: number, passwordHash: string, changedAt: Date): Promise<void> {
    await this.prisma.appUser.update({ where: { id }, data: { passwordHash, passwordChangedAt: changedAt } });
  }

  /** Oldest membership first: the workspace a sign-in without a choice lands in. */
  async memberships(userId: number): Promise<Membership[]> {
    const rows = await this.prisma.workspaceMember.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'asc' }, { workspaceId: 'asc' }],
      select: {
        role: true,
        personalData: true,
        workspace: { select: { id: true, slug: true, name: true, timezone: true } },
      },
    });
    return rows.map((row) => ({
      workspaceId: row.workspace.id,
      slug: row.workspace.slug,
      workspaceName: row.workspace.name,
      timezone: row.workspace.timezone,
      role: row.role,
      personalData: row.personalData,
    }));
  }

  async members(workspaceId: number): Promise<Member[]> {
    const rows = await this.prisma.workspaceMember.findMany({
      where: { workspaceId },
      orderBy: { createdAt: 'asc' },
      select: {
        role: true,
        personalData: true,
        createdAt: true,
        user: {
          select: {
            id: true,
            email: true,
            name: true,
            sessions: {
              where: { workspaceId },
              orderBy: { lastSeenAt: 'desc' },
              take: 1,
              select: { lastSeenAt: true },
            },
          },
        },
      },
    });
    return rows.map((row) => ({
      userId: row.user.id,
      email: row.user.email,
      name: row.user.name,
      role: row.role,
      personalData: row.personalData,
      memberSince: row.createdAt,
      lastSeenAt: row.user.sessions[0]?.lastSeenAt ?? null,
    }));
  }

  async member(workspaceId: number, userId: number): Promise<Member | null> {
    return (await this.members(workspaceId)).find((member) => member.userId === userId) ?? null;
  }

  async addMember(
    workspaceId: number,
    userId: number,
    grant: { role: WorkspaceRole; personalData: boolean },
  ): Promise<boolean> {
    try {
      await this.prisma.workspaceMember.create({ data: { workspaceId, userId, ...grant } });
      return true;
    } catch (error) {
      // A member already: another request added them between the caller's check and this insert.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async updateMember(
    workspaceId: number,
    userId: number,
    grant: { role: WorkspaceRole; personalData: boolean },
  ): Promise<void> {
    await this.prisma.workspaceMember.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: grant });
  }

  async removeMember(workspaceId: number, userId: number): Promise<void> {
    await this.prisma.workspaceMember.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
  }

  countAdmins(workspaceId: number): Promise<number> {
    return this.prisma.workspaceMember.count({ where: { workspaceId, role: 'admin' } });
  }
}
