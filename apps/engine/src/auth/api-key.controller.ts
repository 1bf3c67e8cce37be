import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WORKSPACE_ROLES } from '@kizuna/shared';
import { z } from 'zod';
import { ApiKeyService } from './api-key.service';
import type { AuthenticatedWorkspace } from './authenticated-workspace';
import { CurrentWorkspace } from './current-workspace.decorator';
import { Requires } from './requires.decorator';

const CreateApiKeyBody = z
  .object({ name: z.string().trim().min(1).max(100), role: z.enum(WORKSPACE_ROLES).default('admin') })
  .strict();

@ApiTags('API keys')
@ApiBearerAuth()
@Requires('access.manage')
@Controller('v1/api-keys')
export class ApiKeyController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Get()
  async list(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return { items: await this.apiKeys.list(auth.workspaceId) };
  }

  /** The response holds the full key; it is shown this once. */
  @Post()
  create(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: CreateApiKeyBody }) body: z.infer<typeof CreateApiKeyBody>,
  ) {
    return this.apiKeys.create(auth.workspaceId, body.name, body.role);
  }

  @Delete(':id')
  @HttpCode(200)
  revoke(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.apiKeys.revoke(auth.workspaceId, id);
  }
}
