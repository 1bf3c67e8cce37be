import { isAllowed } from '@kizuna/shared';
import { SEGMENT_CATALOGUE } from '@kizuna/segments';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import {
  CreateSegmentBodySchema,
  PageQuerySchema,
  PreviewSegmentBodySchema,
  SegmentFromAnalysisBodySchema,
  UpdateSegmentBodySchema,
  type CreateSegmentBody,
  type PreviewSegmentBody,
  type SegmentFromAnalysisBody,
  type UpdateSegmentBody,
} from './segment-input.schema';
import { SegmentMembersRepository } from './segment-members.repository';
import { SegmentService } from './segment.service';
import { PreviewSegmentUseCase } from './use-cases/preview-segment.use-case';
import { RefreshSegmentUseCase } from './use-cases/refresh-segment.use-case';
import { SegmentFromAnalysisUseCase } from './use-cases/segment-from-analysis.use-case';
import { Requires } from '../auth/requires.decorator';

const ListQuerySchema = z.object({ archived: z.enum(['true', 'false']).default('false') });

@ApiTags('Segments')
@ApiBearerAuth()
@Controller('v1/segments')
export class SegmentController {
  constructor(
    private readonly segments: SegmentService,
    private readonly preview: PreviewSegmentUseCase,
    private readonly refreshSegment: RefreshSegmentUseCase,
    private readonly fromAnalysis: SegmentFromAnalysisUseCase,
    private readonly members: SegmentMembersRepository,
  ) {}

  /** Every condition type, field, operator and choice of the rule language (the rule builder renders from it). */
  @Requires('segments.read')
  @Get('catalogue')
  catalogue() {
    return SEGMENT_CATALOGUE;
  }

  /** Count and a sample of the customers a rule selects now, without saving it. */
  @Requires('segments.read')
  @Post('preview')
  @HttpCode(200)
  previewRule(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: PreviewSegmentBodySchema }) body: PreviewSegmentBody,
  ) {
    return this.preview.execute(auth.workspaceId, {
      definition: body.definition,
      // The sample names customers: without personal data, the count alone.
      sampleSize: isAllowed(auth, 'personal_data.read') ? body.sampleSize : 0,
      ...(body.referenceTime ? { referenceTime: new Date(body.referenceTime) } : {}),
    });
  }

  /** Saves an RF cell or stage, an RFM rank, a decile, a stable segment or the rank-down customers as a segment. */
  @Requires('segments.write')
  @Post('from-analysis')
  createFromAnalysis(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: SegmentFromAnalysisBodySchema }) body: SegmentFromAnalysisBody,
  ) {
    return this.fromAnalysis.execute(auth.workspaceId, body);
  }

  @Requires('segments.read')
  @Get()
  async list(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query({ schema: ListQuerySchema }) query: z.infer<typeof ListQuerySchema>,
  ) {
    return { items: await this.segments.list(auth.workspaceId, query.archived === 'true') };
  }

  /** Creates a segment (its first refresh is queued at once). */
  @Requires('segments.write')
  @Post()
  create(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: CreateSegmentBodySchema }) body: CreateSegmentBody,
  ) {
    return this.segments.create(auth.workspaceId, body);
  }

  @Requires('segments.read')
  @Get(':id')
  get(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.segments.get(auth.workspaceId, id);
  }

  @Requires('segments.write')
  @Patch(':id')
  update(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Body({ schema: UpdateSegmentBodySchema }) body: UpdateSegmentBody,
  ) {
    return this.segments.update(auth.workspaceId, id, body);
  }

  /** Archives the segment: it stops refreshing; its history is kept. */
  @Requires('segments.write')
  @Delete(':id')
  @HttpCode(204)
  async archive(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    await this.segments.archive(auth.workspaceId, id);
  }

  /** Refreshes now and reports who entered and exited. */
  @Requires('segments.write')
  @Post(':id/refresh')
  @HttpCode(200)
  refresh(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.refreshSegment.execute(auth.workspaceId, id);
  }

  /** Current members, by customer id; `after` is the last id of the previous page. */
  @Requires('personal_data.read')
  @Get(':id/members')
  async currentMembers(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: PageQuerySchema }) page: z.infer<typeof PageQuerySchema>,
  ) {
    await this.segments.get(auth.workspaceId, id);
    const items = await this.members.current(auth.workspaceId, id, page);
    return { items, next: items.length === page.limit ? items[items.length - 1]!.id : null };
  }

  /** Entries and exits in order; `after` is the last change id seen. */
  @Requires('personal_data.read')
  @Get(':id/changes')
  async changes(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: PageQuerySchema }) page: z.infer<typeof PageQuerySchema>,
  ) {
    await this.segments.get(auth.workspaceId, id);
    const items = await this.members.changes(auth.workspaceId, id, page);
    return { items, next: items.length === page.limit ? items[items.length - 1]!.id : null };
  }
}
