import { AnalyticsSettingsSchema, type AnalyticsSettings } from '@kizuna/segments';
import { Injectable } from '@nestjs/common';
import { WorkspaceSettingsStore } from '../workspaces/workspace-settings.store';

/** A workspace's analytics settings, kept in workspace.settings.analytics. */
@Injectable()
export class AnalyticsSettingsService {
  constructor(private readonly store: WorkspaceSettingsStore) {}

  get(workspaceId: number): Promise<AnalyticsSettings> {
    return this.store.get(workspaceId, 'analytics', AnalyticsSettingsSchema);
  }

  /** Applies a partial change (any subset of fields) and returns the new settings. */
  update(workspaceId: number, patch: unknown): Promise<AnalyticsSettings> {
    return this.store.update(workspaceId, 'analytics', AnalyticsSettingsSchema, patch);
  }
}
