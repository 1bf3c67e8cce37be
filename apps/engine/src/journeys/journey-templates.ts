import { journeyTemplateSchema, type JourneyGraph, type JourneyTemplate } from '@kizuna/journey';
import { NotFoundError } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { SegmentRepository } from '../segments/segment.repository';
import { SegmentService } from '../segments/segment.service';

/** The ready-made journeys of scenarios/: listed for the template picker, instantiated per workspace. */
@Injectable()
export class JourneyTemplates {
  private readonly logger = new Logger(JourneyTemplates.name);
  private loaded: JourneyTemplate[] | undefined;

  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly segments: SegmentRepository,
    private readonly segmentService: SegmentService,
  ) {}

  list(): JourneyTemplate[] {
    if (!this.loaded) {
      const folder = path.join(this.config.repositoryRoot, 'scenarios');
      this.loaded = readdirSync(folder)
        .filter((file) => file.endsWith('.json'))
        .sort()
        .flatMap((file) => {
          const parsed = journeyTemplateSchema.safeParse(JSON.parse(readFileSync(path.join(folder, file), 'utf8')));
          if (parsed.success) return [parsed.data];
          this.logger.error({ file, issues: parsed.error.issues.slice(0, 3) }, 'journey template skipped: invalid');
          return [];
        });
    }
    return this.loaded;
  }

  get(key: string): JourneyTemplate {
    const template = this.list().find((t) => t.key === key);
    if (!template) throw new NotFoundError('journey template', key);
    return template;
  }

  /**
   * The template's graph for a workspace: each segment the template needs is the workspace's
   * segment of that name, created from the template's rule when there is none.
   */
  async instantiate(workspaceId: number, key: string): Promise<JourneyGraph> {
    const template = this.get(key);
    const ids = new Map<number, number>();
    for (const needed of template.segments) {
      const existing = await this.segments.findByName(workspaceId, needed.name);
      const segment =
        existing ??
        (await this.segmentService.create(workspaceId, {
          name: needed.name,
          description: needed.description,
          definition: needed.definition,
        }));
      ids.set(needed.ref, segment.id);
    }
    const mapSegment = (config: Record<string, unknown>) =>
      typeof config.segmentId === 'number' && ids.has(config.segmentId)
        ? { ...config, segmentId: ids.get(config.segmentId) }
        : config;
    return {
      ...template.graph,
      nodes: template.graph.nodes.map((node) => ({ ...node, config: mapSegment(node.config) })),
    };
  }
}
