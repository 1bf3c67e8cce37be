import { DomainError, NotFoundError, ValidationFailedError, type WorkspaceRole } from '@kizuna/shared';
import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { WorkspaceService } from '../workspaces/workspace.service';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-format';
import { ApiKeyRepository, type StoredApiKey } from './api-key.repository';
import type { AuthenticatedWorkspace } from './authenticated-workspace';

export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  role: WorkspaceRole;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/** Verified keys are remembered briefly so a burst of API calls costs one lookup; revocation applies within this time on other processes. */
const CACHE_MS = 10_000;
const TOUCH_EVERY_MS = 60_000;

function summarise(key: StoredApiKey): ApiKeySummary {
  const { id, name, prefix, role, createdAt, lastUsedAt, revokedAt } = key;
  return { id, name, prefix, role, createdAt, lastUsedAt, revokedAt };
}

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly verified = new Map<string, { auth: AuthenticatedWorkspace; secretHash: string; until: number }>();
  private readonly touchedAt = new Map<number, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly workspaces: WorkspaceService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Creates a key; the full key is returned this once and never stored. Keys are admin unless a
   * narrower role is asked for (an integration that only sends events needs marketer at most).
   */
  async create(
    workspaceId: number,
    name: string,
    role: WorkspaceRole = 'admin',
  ): Promise<ApiKeySummary & { key: string }> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100)
      throw new ValidationFailedError('Invalid API key', [{ field: 'name', message: 'must be 1-100 characters' }]);
    const generated = generateApiKey();
    const stored = await this.keys.create({
      workspaceId,
      name: trimmed,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      role,
    });
    await this.audit.record(
      workspaceId,
      'api_key.create',
      { type: 'api_key', id: stored.id },
      { name: stored.name, prefix: stored.prefix, role },
    );
    return { ...summarise(stored), key: generated.key };
  }

  async list(workspaceId: number): Promise<ApiKeySummary[]> {
    return (await this.keys.list(workspaceId)).map(summarise);
  }

  async revoke(workspaceId: number, id: number): Promise<ApiKeySummary> {
    const revoked = await this.keys.revoke(workspaceId, id);
    if (!revoked) throw new NotFoundError('API key', id);
    this.verified.delete(revoked.prefix);
    await this.audit.record(
      workspaceId,
      'api_key.revoke',
      { type: 'api_key', id },
      { name: revoked.name, prefix: revoked.prefix },
    );
    return summarise(revoked);
  }

  async authenticate(presented: string | undefined): Promise<AuthenticatedWorkspace> {
    if (!presented) throw new UnauthenticatedError('An API key is required: send "Authorization: Bearer <key>".');
    const parsed = parseApiKey(presented);
    if (!parsed) throw new UnauthenticatedError('The API key is malformed.');
    const cached = this.verified.get(parsed.prefix);
    if (cached && cached.until > Date.now() && secretMatches(parsed.secret, cached.secretHash)) return cached.auth;
    const stored = await this.keys.findByPrefix(parsed.prefix);
    if (!stored || !secretMatches(parsed.secret, stored.secretHash))
      throw new UnauthenticatedError('The API key is not valid.');
    if (stored.revokedAt) throw new UnauthenticatedError('The API key has been revoked.');
    const workspace = await this.workspaces.get(stored.workspaceId);
    const auth: AuthenticatedWorkspace = {
      workspaceId: workspace.id,
      slug: workspace.slug,
      timezone: workspace.timezone,
      role: stored.role,
      personalData: false,
      caller: { type: 'api_key', id: stored.id, name: stored.name },
    };
    this.verified.set(parsed.prefix, { auth, secretHash: stored.secretHash, until: Date.now() + CACHE_MS });
    this.touch(stored.id);
    return auth;
  }

  private touch(id: number): void {
    const last = this.touchedAt.get(id) ?? 0;
    if (Date.now() - last < TOUCH_EVERY_MS) return;
    this.touchedAt.set(id, Date.now());
    this.keys
      .touch(id)
      .catch((error: unknown) => this.logger.warn({ err: error, apiKeyId: id }, 'could not record API key use'));
  }
}
