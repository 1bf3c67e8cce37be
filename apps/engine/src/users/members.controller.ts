import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WORKSPACE_ROLES } from '@kizuna/shared';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { Requires } from '../auth/requires.decorator';
import { MembersService } from './members.service';

const AddMemberBody = z
  .object({
    email: z.string().trim().min(3).max(254),
    name: z.string().trim().max(100).default(''),
    role: z.enum(WORKSPACE_ROLES),
    personalData: z.boolean().default(false),
  })
  .strict();

const UpdateMemberBody = z
  .object({ role: z.enum(WORKSPACE_ROLES).optional(), personalData: z.boolean().optional() })
  .strict()
  .refine((body) => body.role !== undefined || body.personalData !== undefined, 'give role or personalData');

/** The people of this workspace and their roles; admins only. */
@ApiTags('Users')
@ApiBearerAuth()
@Requires('access.manage')
@Controller('v1/users')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  async list(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return { items: await this.members.list(auth.workspaceId) };
  }

  /** A new account answers with a temporary password, shown this once; an existing account is only added. */
  @Post()
  add(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: AddMemberBody }) body: z.infer<typeof AddMemberBody>,
  ) {
    return this.members.add(auth.workspaceId, body);
  }

  @Patch(':id')
  update(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Body({ schema: UpdateMemberBody }) body: z.infer<typeof UpdateMemberBody>,
  ) {
    return this.members.update(auth.workspaceId, id, body);
  }

  @Delete(':id')
  @HttpCode(200)
  remove(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.members.remove(auth.workspaceId, id);
  }
}
