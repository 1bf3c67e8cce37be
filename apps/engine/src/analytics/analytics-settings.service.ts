import { AnalyticsSettingsSchema, type AnalyticsSettings } from '@kizuna/segments';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { settingsChanges } from '../audit/settings-changes';
import { WorkspaceSettingsStore } from '../workspaces/workspace-settings.store';

/** A workspace's analytics settings, kept in workspace.settings.analytics. */
@Injectable()
export class AnalyticsSettingsService {
  constructor(
    private readonly store: WorkspaceSettingsStore,
    private readonly audit: AuditLog,
  ) {}

  get(workspaceId: number): Promise<AnalyticsSettings> {
    return this.store.get(workspaceId, 'analytics', AnalyticsSettingsSchema);
  }

  /** Applies a partial change (any subset of fields) and returns the new settings. */
  async update(workspaceId: number, patch: unknown): Promise<AnalyticsSettings> {
    const before = await this.get(workspaceId);
    const after = await this.store.update(workspaceId, 'analytics', AnalyticsSettingsSchema, patch);
    const changes = settingsChanges(before, after);
    await this.audit.record(
      workspaceId,
      'analytics.settings.update',
      { type: 'workspace', id: workspaceId },
      { changes },
    );
    return after;
  }
}
