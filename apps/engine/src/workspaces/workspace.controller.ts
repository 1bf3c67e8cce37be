import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../auth/api-key.service';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { WorkspaceService } from './workspace.service';

@ApiTags('Workspace')
@ApiBearerAuth()
@Controller('v1/workspace')
export class WorkspaceController {
  constructor(private readonly workspaces: WorkspaceService) {}

  /** The workspace of the presented API key. */
  @Get()
  current(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.workspaces.get(auth.workspaceId);
  }
}
