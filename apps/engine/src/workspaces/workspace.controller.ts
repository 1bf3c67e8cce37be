import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { WorkspaceService } from './workspace.service';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Workspace')
@ApiBearerAuth()
@Controller('v1/workspace')
export class WorkspaceController {
  constructor(private readonly workspaces: WorkspaceService) {}

  /** The workspace of the presented API key. */
  @Requires('workspace.read')
  @Get()
  current(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.workspaces.get(auth.workspaceId);
  }
}
