import type { Pool } from '@kizuna/db';
import { CHANNEL_SETTINGS_SCHEMAS, type ChannelSettingsOf, type ConfigurableChannel } from '@kizuna/channels';
import { NotFoundError, ValidationFailedError } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { settingsChanges } from '../audit/settings-changes';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { SecretBox } from '../infrastructure/secrets/secret-box';

/** Another process's change to the settings is seen within this long. */
const RESOLVED_TTL_MS = 5_000;

export interface ChannelSettingsView {
  channel: ConfigurableChannel;
  configured: true;
  /** What is safe to show; the secret part is never returned. */
  public: Record<string, unknown>;
  updatedAt: Date;
}

/** Provider settings per workspace and channel, the secret part sealed with the SecretBox. */
@Injectable()
export class ChannelSettingsService {
  private readonly logger = new Logger(ChannelSettingsService.name);
  /** Resolved settings for a few seconds: every send batch needs them, decrypting each time is waste. */
  private readonly resolved = new Map<string, { at: number; settings: unknown }>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly secrets: SecretBox,
    private readonly audit: AuditLog,
  ) {}

  async list(workspaceId: number): Promise<ChannelSettingsView[]> {
    const { rows } = await this.pool.query<{
      channel: ConfigurableChannel;
      public: Record<string, unknown>;
      updatedAt: Date;
    }>(
      `SELECT channel, public, updated_at AS "updatedAt" FROM channel_settings WHERE workspace_id = $1 ORDER BY channel`,
      [workspaceId],
    );
    return rows.map((row) => ({ ...row, configured: true }));
  }

  /** Validates and stores the settings (the whole of them: a secret is never merged from what was stored). */
  async put(workspaceId: number, channel: string, input: unknown): Promise<ChannelSettingsView> {
    if (!isConfigurable(channel)) {
      throw new ValidationFailedError(`Unknown channel "${channel}"`, [
        { field: 'channel', message: `must be one of ${Object.keys(CHANNEL_SETTINGS_SCHEMAS).join(', ')}` },
      ]);
    }
    const parsed = CHANNEL_SETTINGS_SCHEMAS[channel].safeParse(input);
    if (!parsed.success) {
      // Messages name the field, never echo its value: it may be a secret.
      const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
      throw new ValidationFailedError(
        `Invalid ${channel} settings: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const before = await this.read(workspaceId, channel).catch(() => undefined);
    const { rows } = await this.pool.query<{ updatedAt: Date }>(
      `INSERT INTO channel_settings (workspace_id, channel, public, secret, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (workspace_id, channel) DO UPDATE SET public = EXCLUDED.public, secret = EXCLUDED.secret, updated_at = now()
       RETURNING updated_at AS "updatedAt"`,
      [workspaceId, channel, JSON.stringify(parsed.data.public), this.secrets.seal(parsed.data.secret)],
    );
    this.resolved.delete(`${workspaceId}:${channel}`);
    this.logger.log({ workspaceId, channel }, 'channel settings changed');
    const changes = settingsChanges(before, parsed.data, ['secret']);
    await this.audit.record(workspaceId, 'channel.settings.update', { type: 'channel', id: channel }, { changes });
    return {
      channel: channel,
      configured: true,
      public: parsed.data.public,
      updatedAt: rows[0]!.updatedAt,
    };
  }

  async remove(workspaceId: number, channel: string): Promise<void> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM channel_settings WHERE workspace_id = $1 AND channel = $2`,
      [workspaceId, channel],
    );
    this.resolved.delete(`${workspaceId}:${channel}`);
    if (!rowCount) throw new NotFoundError('channel settings', channel);
    await this.audit.record(workspaceId, 'channel.settings.remove', { type: 'channel', id: channel });
  }

  /** The full settings for a transport (secret included), or undefined: the sandbox sends instead. */
  async resolve<C extends ConfigurableChannel>(
    workspaceId: number,
    channel: C,
  ): Promise<ChannelSettingsOf<C> | undefined> {
    const key = `${workspaceId}:${channel}`;
    const cached = this.resolved.get(key);
    if (cached && Date.now() - cached.at < RESOLVED_TTL_MS) return cached.settings as ChannelSettingsOf<C> | undefined;
    const settings = await this.read(workspaceId, channel);
    this.resolved.set(key, { at: Date.now(), settings });
    return settings;
  }

  private async read<C extends ConfigurableChannel>(
    workspaceId: number,
    channel: C,
  ): Promise<ChannelSettingsOf<C> | undefined> {
    const { rows } = await this.pool.query<{ public: unknown; secret: Buffer }>(
      `SELECT public, secret FROM channel_settings WHERE workspace_id = $1 AND channel = $2`,
      [workspaceId, channel],
    );
    const row = rows[0];
    if (!row) return undefined;
    return CHANNEL_SETTINGS_SCHEMAS[channel].parse({
      public: row.public,
      secret: this.secrets.open(row.secret),
    }) as ChannelSettingsOf<C>;
  }
}

function isConfigurable(channel: string): channel is ConfigurableChannel {
  return Object.hasOwn(CHANNEL_SETTINGS_SCHEMAS, channel);
}
