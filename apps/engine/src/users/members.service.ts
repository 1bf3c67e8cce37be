import { ConflictError, NotFoundError, type WorkspaceRole } from '@kizuna/shared';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { validAccountEmail } from './account-email';
import { generatePassword, hashPassword } from './password-hashing';
import { SessionRepository } from './session.repository';
import { UserRepository, type Member } from './user.repository';

export interface NewMember {
  email: string;
  name: string;
  role: WorkspaceRole;
  personalData: boolean;
}

export interface AddedMember {
  member: Member;
  /** Set when the account was created now: shown this once, to be handed over and changed at first sign-in. */
  temporaryPassword: string | null;
}

/**
 * A workspace's members, managed by its admins. An admin manages memberships only: a password or
 * an account another workspace also uses is never theirs to change (the CLI resets passwords).
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditLog,
  ) {}

  list(workspaceId: number): Promise<Member[]> {
    return this.users.members(workspaceId);
  }

  async add(workspaceId: number, input: NewMember): Promise<AddedMember> {
    const email = validAccountEmail(input.email);
    let user = await this.users.findByEmail(email);
    let temporaryPassword: string | null = null;
    if (!user) {
      temporaryPassword = generatePassword();
      user = await this.users.create({
        email,
        name: input.name.trim() || email,
        passwordHash: await hashPassword(temporaryPassword),
      });
      if (!user) {
        // Another request created the account in the meantime: it is theirs to hand over.
        temporaryPassword = null;
        user = await this.users.findByEmail(email);
        if (!user) throw new ConflictError(`${email} was created and removed at the same time; try again`);
      }
    }
    // The membership's unique key decides, also between two admins adding the same person at once.
    const added = await this.users.addMember(workspaceId, user.id, {
      role: input.role,
      personalData: input.personalData,
    });
    if (!added) throw new ConflictError(`${email} is already a member of this workspace`);
    await this.audit.record(
      workspaceId,
      'user.add',
      { type: 'user', id: user.id },
      {
        email,
        role: input.role,
        personalData: input.personalData,
        accountCreated: temporaryPassword !== null,
      },
    );
    return { member: await this.get(workspaceId, user.id), temporaryPassword };
  }

  async update(
    workspaceId: number,
    userId: number,
    change: { role?: WorkspaceRole; personalData?: boolean },
  ): Promise<Member> {
    const current = await this.get(workspaceId, userId);
    const next = { role: change.role ?? current.role, personalData: change.personalData ?? current.personalData };
    if (current.role === 'admin' && next.role !== 'admin') await this.keepAnAdmin(workspaceId);
    await this.users.updateMember(workspaceId, userId, next);
    await this.audit.record(
      workspaceId,
      'user.update',
      { type: 'user', id: userId },
      {
        email: current.email,
        ...(next.role !== current.role ? { role: { from: current.role, to: next.role } } : {}),
        ...(next.personalData !== current.personalData
          ? { personalData: { from: current.personalData, to: next.personalData } }
          : {}),
      },
    );
    return this.get(workspaceId, userId);
  }

  async remove(workspaceId: number, userId: number): Promise<Member> {
    const current = await this.get(workspaceId, userId);
    if (current.role === 'admin') await this.keepAnAdmin(workspaceId);
    await this.users.removeMember(workspaceId, userId);
    await this.sessions.revokeInWorkspace(workspaceId, userId, new Date());
    await this.audit.record(workspaceId, 'user.remove', { type: 'user', id: userId }, { email: current.email });
    return current;
  }

  private async get(workspaceId: number, userId: number): Promise<Member> {
    const member = await this.users.member(workspaceId, userId);
    if (!member) throw new NotFoundError('member', userId);
    return member;
  }

  /** A workspace without an admin could never change its settings, keys or members again. */
  private async keepAnAdmin(workspaceId: number): Promise<void> {
    if ((await this.users.countAdmins(workspaceId)) <= 1)
      throw new ConflictError("This is the workspace's last admin: make another member admin first.");
  }
}
