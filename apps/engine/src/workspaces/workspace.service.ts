import { ConflictError, NotFoundError, ValidationFailedError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { WorkspaceRepository, type Workspace } from './workspace.repository';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

@Injectable()
export class WorkspaceService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async get(id: number): Promise<Workspace> {
    const workspace = await this.workspaces.findById(id);
    if (!workspace) throw new NotFoundError('workspace', id);
    return workspace;
  }

  async getBySlug(slug: string): Promise<Workspace> {
    const workspace = await this.workspaces.findBySlug(slug);
    if (!workspace) throw new NotFoundError('workspace', slug);
    return workspace;
  }

  list(): Promise<Workspace[]> {
    return this.workspaces.list();
  }

  async create(input: { slug: string; name: string; timezone?: string }): Promise<Workspace> {
    if (!SLUG.test(input.slug)) {
      throw new ValidationFailedError('Invalid workspace', [
        { field: 'slug', message: 'use 2-63 lower-case letters, digits and hyphens, starting with a letter or digit' },
      ]);
    }
    const timezone = input.timezone ?? this.config.KIZUNA_DEFAULT_TIMEZONE;
    if (!isTimeZone(timezone))
      throw new ValidationFailedError('Invalid workspace', [
        { field: 'timezone', message: `"${timezone}" is not an IANA timezone` },
      ]);
    if (await this.workspaces.findBySlug(input.slug))
      throw new ConflictError(`workspace "${input.slug}" already exists`);
    return this.workspaces.create({ slug: input.slug, name: input.name, timezone });
  }
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
