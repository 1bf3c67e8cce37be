import { DeliverySettingsSchema } from '@kizuna/journey';
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { MessageRepository } from '../messages/message.repository';
import { WorkspaceSettingsStore } from '../workspaces/workspace-settings.store';
import { EnrollmentRepository } from './enrollment.repository';
import {
  CreateJourneyBodySchema,
  EnrollmentListQuerySchema,
  MigrateJourneyBodySchema,
  UpdateJourneyBodySchema,
  ValidateJourneyBodySchema,
  type CreateJourneyBody,
  type MigrateJourneyBody,
  type UpdateJourneyBody,
} from './journey-input.schema';
import { JourneyStatsRepository } from './journey-stats.repository';
import { JourneyTemplates } from './journey-templates';
import { JourneyRepository } from './journey.repository';
import { JourneyService } from './journey.service';
import { PublishJourneyUseCase } from './use-cases/publish-journey.use-case';
import {
  SimulateJourneyUseCase,
  SimulationRequestSchema,
  type SimulationRequest,
} from './use-cases/simulate-journey.use-case';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Journeys')
@ApiBearerAuth()
@Controller('v1/journeys')
export class JourneyController {
  constructor(
    private readonly journeys: JourneyService,
    private readonly repository: JourneyRepository,
    private readonly publishJourney: PublishJourneyUseCase,
    private readonly simulateJourney: SimulateJourneyUseCase,
    private readonly templates: JourneyTemplates,
    private readonly enrollments: EnrollmentRepository,
    private readonly stats: JourneyStatsRepository,
    private readonly messages: MessageRepository,
    private readonly settings: WorkspaceSettingsStore,
  ) {}

  @Requires('journeys.read')
  @Get()
  list(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.journeys.list(auth.workspaceId);
  }

  /** The templates of scenarios/ (trial follow-up, cross-sell, churn prevention...). */
  @Requires('journeys.read')
  @Get('templates')
  listTemplates() {
    return this.templates.list();
  }

  /** Quiet hours, frequency caps and per-channel rate limits, applied before any message is created. */
  @Requires('settings.read')
  @Get('delivery-settings')
  deliverySettings(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.settings.get(auth.workspaceId, 'delivery', DeliverySettingsSchema);
  }

  /** Any subset of the delivery settings; the rest is kept. */
  @Requires('settings.manage')
  @Put('delivery-settings')
  putDeliverySettings(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Body() body: unknown) {
    return this.settings.update(auth.workspaceId, 'delivery', DeliverySettingsSchema, body);
  }

  /** Checks a graph without saving it (the editor's live validation uses the same library). */
  @Requires('journeys.read')
  @Post('validate')
  @HttpCode(200)
  async validateGraph(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: ValidateJourneyBodySchema }) body: z.infer<typeof ValidateJourneyBodySchema>,
  ) {
    const issues = await this.journeys.issues(auth.workspaceId, body.graph);
    return { valid: issues.length === 0, issues };
  }

  /** Dry run of a graph that is not saved. */
  @Requires('journeys.read')
  @Post('simulate')
  @HttpCode(200)
  simulateGraph(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: SimulationRequestSchema }) body: SimulationRequest,
  ) {
    return this.simulateJourney.execute(auth.workspaceId, null, body);
  }

  @Requires('journeys.write')
  @Post()
  async create(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: CreateJourneyBodySchema }) body: CreateJourneyBody,
  ) {
    const graph = body.template
      ? await this.templates.instantiate(auth.workspaceId, body.template)
      : (body.graph ?? { version: 1, nodes: [], edges: [] });
    return this.journeys.create(auth.workspaceId, { name: body.name, description: body.description, graph });
  }

  @Requires('journeys.read')
  @Get(':id')
  get(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.journeys.get(auth.workspaceId, id);
  }

  /** Saves the draft (and/or renames); the published version runs on unchanged. */
  @Requires('journeys.write')
  @Put(':id')
  update(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Body({ schema: UpdateJourneyBodySchema }) body: UpdateJourneyBody,
  ) {
    return this.journeys.update(auth.workspaceId, id, body);
  }

  @Requires('journeys.write')
  @Post(':id/publish')
  @HttpCode(200)
  publish(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.publishJourney.execute(auth.workspaceId, id);
  }

  @Requires('journeys.write')
  @Post(':id/pause')
  @HttpCode(200)
  pause(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.journeys.pause(auth.workspaceId, id);
  }

  @Requires('journeys.write')
  @Post(':id/resume')
  @HttpCode(200)
  resume(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.journeys.resume(auth.workspaceId, id);
  }

  @Requires('journeys.write')
  @Post(':id/archive')
  @HttpCode(200)
  archive(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.journeys.archive(auth.workspaceId, id);
  }

  /** Moves running enrolments of older versions onto the current one (node ids, or `nodeMap`). */
  @Requires('journeys.write')
  @Post(':id/migrate')
  @HttpCode(200)
  migrate(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Body({ schema: MigrateJourneyBodySchema }) body: MigrateJourneyBody,
  ) {
    return this.journeys.migrate(auth.workspaceId, id, body);
  }

  /** Dry run: each customer's path, wake times and would-be messages under a simulated clock; nothing is stored. */
  @Requires('journeys.read')
  @Post(':id/simulate')
  @HttpCode(200)
  simulate(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Body({ schema: SimulationRequestSchema }) body: SimulationRequest,
  ) {
    return this.simulateJourney.execute(auth.workspaceId, id, body);
  }

  @Requires('journeys.read')
  @Get(':id/versions')
  async versions(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    await this.journeys.get(auth.workspaceId, id);
    return this.repository.versions(auth.workspaceId, id);
  }

  /** Per node: enrolments waiting there, entered, and messages by status. */
  @Requires('journeys.read')
  @Get(':id/stats')
  async statistics(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    await this.journeys.get(auth.workspaceId, id);
    return this.stats.forJourney(auth.workspaceId, id);
  }

  @Requires('personal_data.read')
  @Get(':id/enrollments')
  async listEnrollments(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: EnrollmentListQuerySchema }) query: z.infer<typeof EnrollmentListQuerySchema>,
  ) {
    await this.journeys.get(auth.workspaceId, id);
    return this.stats.enrollments(auth.workspaceId, id, query);
  }

  @Requires('personal_data.read')
  @Get(':id/messages')
  async listMessages(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    // Another workspace's journey is "not found", not an empty list: the answer must not depend on B.
    await this.journeys.get(auth.workspaceId, id);
    return this.messages.listForJourney(auth.workspaceId, id);
  }
}
