import { Injectable } from '@nestjs/common';
import { WorkspaceSettingsStore } from '../workspaces/workspace-settings.store';
import { ScoringSettingsSchema, type ScoringSettings } from './scoring-settings';

/** The `scoring` section of a workspace's settings (schedule, label window, penalty...). */
@Injectable()
export class ScoringSettingsService {
  constructor(private readonly store: WorkspaceSettingsStore) {}

  get(workspaceId: number): Promise<ScoringSettings> {
    return this.store.get(workspaceId, 'scoring', ScoringSettingsSchema);
  }

  update(workspaceId: number, patch: unknown): Promise<ScoringSettings> {
    return this.store.update(workspaceId, 'scoring', ScoringSettingsSchema, patch);
  }
}
