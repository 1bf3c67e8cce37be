import type { PrismaClient } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '../infrastructure/database/database.tokens';

export interface Workspace {
  id: number;
  slug: string;
  name: string;
  timezone: string;
  createdAt: Date;
}

const select = { id: true, slug: true, name: true, timezone: true, createdAt: true } as const;

@Injectable()
export class WorkspaceRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findById(id: number): Promise<Workspace | null> {
    return this.prisma.workspace.findUnique({ where: { id }, select });
  }

  findBySlug(slug: string): Promise<Workspace | null> {
    return this.prisma.workspace.findUnique({ where: { slug }, select });
  }

  list(): Promise<Workspace[]> {
    return this.prisma.workspace.findMany({ select, orderBy: { id: 'asc' } });
  }

  count(): Promise<number> {
    return this.prisma.workspace.count();
  }

  create(workspace: Omit<Workspace, 'id' | 'createdAt'>): Promise<Workspace> {
    return this.prisma.workspace.create({ data: workspace, select });
  }
}
