import type { PrismaClient } from '@kizuna/db';
import { NotFoundError, ValidationFailedError, type WorkspaceRole } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { PRISMA } from '../infrastructure/database/database.tokens';
import { WorkspaceService } from '../workspaces/workspace.service';
import { validAccountEmail } from './account-email';
import { MembersService, type AddedMember } from './members.service';
import { generatePassword, hashPassword } from './password-hashing';
import { passwordIssues } from './session.service';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

export interface FirstAdmin {
  email: string;
  /** Null when it came from KIZUNA_ADMIN_PASSWORD: the operator knows it, and it is not printed. */
  password: string | null;
  workspaces: string[];
}

/** Two engine processes starting on a fresh database must not both create a first admin. */
const FIRST_ADMIN_LOCK = 'kizuna:first-admin';

/**
 * What the operator of the installation does, from the start-up and the CLI rather than the API:
 * the first admin, accounts in any workspace, password resets.
 */
@Injectable()
export class OperatorAccounts {
  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly members: MembersService,
    private readonly workspaces: WorkspaceService,
  ) {}

  /**
   * On a database without any account: an admin of every workspace (a workspace "main" is made when
   * there is none), with a random password unless KIZUNA_ADMIN_PASSWORD is set. Returns it once.
   */
  async ensureFirstAdmin(): Promise<FirstAdmin | undefined> {
    if (this.config.KIZUNA_FIRST_ADMIN === 'off') return undefined;
    if ((await this.users.count()) > 0) return undefined;
    const email = validAccountEmail(this.config.KIZUNA_ADMIN_EMAIL);
    const configured = this.config.KIZUNA_ADMIN_PASSWORD;
    const password = configured ?? generatePassword();
    const passwordHash = await hashPassword(password);
    const created = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${FIRST_ADMIN_LOCK}))`;
      if ((await tx.appUser.count()) > 0) return undefined;
      let workspaces = await tx.workspace.findMany({ select: { id: true, slug: true }, orderBy: { id: 'asc' } });
      if (workspaces.length === 0) {
        workspaces = [
          await tx.workspace.create({
            data: { slug: 'main', name: 'Main', timezone: this.config.KIZUNA_DEFAULT_TIMEZONE },
            select: { id: true, slug: true },
          }),
        ];
      }
      const user = await tx.appUser.create({ data: { email, name: 'Admin', passwordHash }, select: { id: true } });
      await tx.workspaceMember.createMany({
        data: workspaces.map((workspace) => ({ workspaceId: workspace.id, userId: user.id, role: 'admin' as const })),
      });
      return workspaces.map((workspace) => workspace.slug);
    });
    if (!created) return undefined;
    return { email, password: configured ? null : password, workspaces: created };
  }

  async addAccount(
    workspaceSlug: string,
    input: { email: string; name?: string; role: WorkspaceRole; personalData?: boolean },
  ): Promise<AddedMember> {
    const workspace = await this.workspaces.getBySlug(workspaceSlug);
    return this.members.add(workspace.id, {
      email: input.email,
      name: input.name ?? '',
      role: input.role,
      personalData: input.personalData ?? false,
    });
  }

  /** A new password, shown once; every session of the account ends. */
  async resetPassword(emailInput: string, chosen?: string): Promise<{ email: string; password: string }> {
    const email = validAccountEmail(emailInput);
    const user = await this.users.findByEmail(email);
    if (!user) throw new NotFoundError('account', email);
    if (chosen !== undefined) {
      const issue = passwordIssues(chosen);
      if (issue) throw new ValidationFailedError(`The password ${issue}`, [{ field: 'password', message: issue }]);
    }
    const password = chosen ?? generatePassword();
    const now = new Date();
    await this.users.setPasswordHash(user.id, await hashPassword(password), now);
    await this.sessions.revokeForUser(user.id, now);
    return { email, password };
  }
}
