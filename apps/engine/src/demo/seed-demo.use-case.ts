import { demoDataset } from '@kizuna/demo-data';
import type { Pool } from '@kizuna/db';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RefreshAnalyticsUseCase } from '../analytics/use-cases/refresh-analytics.use-case';
import { ApiKeyService } from '../auth/api-key.service';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { ImportJobRepository } from '../imports/import-job.repository';
import { analyzeImportedTables } from '../imports/imported-tables';
import { RunImportUseCase, type ImportProgress } from '../imports/run-import.use-case';
import { CLOCK } from '../infrastructure/clock.provider';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { SegmentService } from '../segments/segment.service';
import { RefreshSegmentUseCase } from '../segments/use-cases/refresh-segment.use-case';
import { SegmentFromAnalysisUseCase } from '../segments/use-cases/segment-from-analysis.use-case';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import { WorkspaceService } from '../workspaces/workspace.service';
import { demoTableRows } from './demo-rows';
import { JourneyTemplates } from '../journeys/journey-templates';
import { JourneyService } from '../journeys/journey.service';
import { DEMO_ANALYSIS_SEGMENTS, DEMO_RULE_SEGMENTS } from './demo-segments';

export interface SeedDemoOptions {
  slug: string;
  name: string;
  customers: number;
  /** Last day of history, 'YYYY-MM-DD' (default: today in Asia/Tokyo). */
  asOf?: string;
  seed?: number;
  onTable?: (description: string) => void;
  onProgress?: (progress: ImportProgress) => void;
}

export interface SeededDemo {
  workspaceSlug: string;
  apiKey: string;
  customers: number;
}

function todayInTokyo(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Seeds a demo workspace through the real importer (validation, identity resolution, merges), as
 * import jobs a user can inspect, so the demo shows the product as it works on real data.
 */
@Injectable()
export class SeedDemoUseCase {
  private readonly logger = new Logger(SeedDemoUseCase.name);

  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly workspaceRepository: WorkspaceRepository,
    private readonly workspaces: WorkspaceService,
    private readonly apiKeys: ApiKeyService,
    private readonly jobs: ImportJobRepository,
    private readonly runImport: RunImportUseCase,
    private readonly refreshAnalytics: RefreshAnalyticsUseCase,
    private readonly segments: SegmentService,
    private readonly segmentFromAnalysis: SegmentFromAnalysisUseCase,
    private readonly refreshSegment: RefreshSegmentUseCase,
    private readonly journeyTemplates: JourneyTemplates,
    private readonly journeys: JourneyService,
  ) {}

  /** On the first start (no workspace at all), unless KIZUNA_DEMO=off; always with KIZUNA_DEMO=on if "demo" is missing. */
  async seedOnFirstStart(): Promise<SeededDemo | undefined> {
    const mode = this.config.KIZUNA_DEMO;
    if (mode === 'off') return undefined;
    if (mode === 'auto' && (await this.workspaceRepository.count()) > 0) return undefined;
    if (mode === 'on' && (await this.workspaceRepository.findBySlug('demo'))) return undefined;
    const started = Date.now();
    const seeded = await this.seed({
      slug: 'demo',
      name: 'Kizuna Demo コスメ',
      customers: this.config.KIZUNA_DEMO_CUSTOMERS,
    });
    this.logger.log({ customers: seeded.customers, seconds: (Date.now() - started) / 1000 }, 'demo workspace seeded');
    return seeded;
  }

  async seed(options: SeedDemoOptions): Promise<SeededDemo> {
    const workspace = await this.workspaces.create({ slug: options.slug, name: options.name, timezone: 'Asia/Tokyo' });
    const asOf = options.asOf ?? todayInTokyo(this.clock.now());
    const tables = demoDataset({
      customers: options.customers,
      asOf,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    for (const table of tables) {
      const description = `${table.kind} from ${table.source}`;
      options.onTable?.(description);
      const job = await this.jobs.create({
        workspaceId: workspace.id,
        kind: table.kind,
        encoding: 'utf8',
        source: table.source === 'master' ? '' : table.source,
        fileName: `demo-${table.kind}-${table.source}.csv`,
        fileSize: 0,
        origin: 'demo',
        status: 'running',
      });
      await this.runImport.execute({
        workspaceId: workspace.id,
        kind: table.kind,
        source: job.source,
        origin: `import:${job.id}`,
        timeZone: workspace.timezone,
        rows: demoTableRows(table),
        onBatch: async (progress, rejected) => {
          await this.jobs.recordBatch(workspace.id, job.id, progress, rejected);
          options.onProgress?.(progress);
        },
      });
      await this.jobs.finish(workspace.id, job.id, { status: 'succeeded' });
    }
    await analyzeImportedTables(this.pool, new Set(tables.map((table) => table.kind)));
    options.onTable?.('analytics');
    await this.refreshAnalytics.execute(workspace.id);
    options.onTable?.('segments');
    await this.createSegments(workspace.id);
    options.onTable?.('journeys');
    await this.createJourneys(workspace.id);
    const key = await this.apiKeys.create(workspace.id, 'demo');
    return { workspaceSlug: workspace.slug, apiKey: key.key, customers: options.customers };
  }

  /** Example segments, refreshed here so they have members before any worker runs (the CLI has none). */
  private async createSegments(workspaceId: number): Promise<void> {
    const created = [
      ...(await Promise.all(
        DEMO_ANALYSIS_SEGMENTS.map((group) => this.segmentFromAnalysis.execute(workspaceId, { group })),
      )),
      ...(await Promise.all(DEMO_RULE_SEGMENTS.map((segment) => this.segments.create(workspaceId, segment)))),
    ];
    for (const segment of created) await this.refreshSegment.execute(workspaceId, segment.id);
  }

  /**
   * Every scenario template as a draft journey (with the segments and starter message templates
   * it needs), for the editor to open and publish; nothing is sent until a marketer publishes.
   */
  private async createJourneys(workspaceId: number): Promise<void> {
    for (const template of this.journeyTemplates.list()) {
      const graph = await this.journeyTemplates.instantiate(workspaceId, template.key);
      await this.journeys.create(workspaceId, { name: template.nameJa, description: template.descriptionJa, graph });
    }
  }
}
