import type { PrismaClient } from '@kizuna/db';
import type { WorkspaceRole } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '../infrastructure/database/database.tokens';

export interface StoredApiKey {
  id: number;
  workspaceId: number;
  name: string;
  prefix: string;
  secretHash: string;
  role: WorkspaceRole;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findByPrefix(prefix: string): Promise<StoredApiKey | null> {
    return this.prisma.apiKey.findUnique({ where: { prefix } });
  }

  create(key: {
    workspaceId: number;
    name: string;
    prefix: string;
    secretHash: string;
    role: WorkspaceRole;
  }): Promise<StoredApiKey> {
    return this.prisma.apiKey.create({ data: key });
  }

  list(workspaceId: number): Promise<StoredApiKey[]> {
    return this.prisma.apiKey.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
  }

  async revoke(workspaceId: number, id: number): Promise<StoredApiKey | null> {
    const key = await this.prisma.apiKey.findFirst({ where: { id, workspaceId } });
    if (!key) return null;
    if (key.revokedAt) return key;
    return this.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  }

  async touch(id: number): Promise<void> {
    await this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
  }
}
