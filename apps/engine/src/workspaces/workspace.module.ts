import { Module } from '@nestjs/common';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceRepository } from './workspace.repository';
import { WorkspaceService } from './workspace.service';
import { WorkspaceSettingsStore } from './workspace-settings.store';

@Module({
  controllers: [WorkspaceController],
  providers: [WorkspaceRepository, WorkspaceService, WorkspaceSettingsStore],
  exports: [WorkspaceService, WorkspaceRepository, WorkspaceSettingsStore],
})
export class WorkspaceModule {}
