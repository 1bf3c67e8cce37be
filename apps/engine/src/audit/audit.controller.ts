import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { AUDIT_ACTIONS } from './audit-action';
import { AuditLog } from './audit-log.service';
import { Requires } from '../auth/requires.decorator';

const AuditQuerySchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional(),
    // ISO strings, not z.coerce.date(): a Date has no JSON Schema, and the OpenAPI document is built from these.
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,18}$/, 'must be the nextCursor of a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

@ApiTags('Audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** The workspace's audit entries, newest first, a page at a time (`nextCursor`). */
  @Requires('audit.read')
  @Get()
  list(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query({ schema: AuditQuerySchema }) query: z.infer<typeof AuditQuerySchema>,
  ) {
    return this.audit.list(auth.workspaceId, {
      action: query.action,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      before: query.cursor,
      limit: query.limit,
    });
  }
}
