import { journeyTemplateSchema, type JourneyGraph, type JourneyTemplate } from '@kizuna/journey';
import { NotFoundError } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { SegmentRepository } from '../segments/segment.repository';
import { SegmentService } from '../segments/segment.service';
import { TemplateService } from '../channels/template.service';

/** The ready-made journeys of scenarios/: listed for the template picker, instantiated per workspace. */
@Injectable()
export class JourneyTemplates {
  private readonly logger = new Logger(JourneyTemplates.name);
  private loaded: JourneyTemplate[] | undefined;

  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly segments: SegmentRepository,
    private readonly segmentService: SegmentService,
    private readonly messageTemplates: TemplateService,
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
    await this.ensureMessageTemplates(workspaceId, template);
    const mapSegment = (config: Record<string, unknown>) =>
      typeof config.segmentId === 'number' && ids.has(config.segmentId)
        ? { ...config, segmentId: ids.get(config.segmentId) }
        : config;
    return {
      ...template.graph,
      nodes: template.graph.nodes.map((node) => ({ ...node, config: mapSegment(node.config) })),
    };
  }

  /**
   * A starting message for every template key the journey sends that the workspace lacks, so the
   * journey can be published and tried at once; marketers then write the real copy.
   */
  private async ensureMessageTemplates(workspaceId: number, template: JourneyTemplate): Promise<void> {
    const existing = await this.messageTemplates.keysByChannel(workspaceId);
    for (const node of template.graph.nodes) {
      if (node.type !== 'send') continue;
      const { channel, templateId, channels } = node.config as {
        channel?: string;
        templateId?: string;
        channels?: string[];
      };
      if (!templateId || !channel) continue;
      for (const target of channel === 'best' ? (channels ?? ['line', 'email', 'sms', 'dm']) : [channel]) {
        if (existing.get(target)?.has(templateId)) continue;
        await this.messageTemplates.put(workspaceId, target, templateId, {
          name: `${template.nameJa}: ${node.label ?? templateId}`,
          content: starterContent(target),
        });
        existing.set(target, (existing.get(target) ?? new Set()).add(templateId));
      }
    }
  }
}

/** Placeholder copy per channel (Liquid), addressed by name with a fallback. */
function starterContent(channel: string): Record<string, unknown> {
  const greeting = '{{ customer.fullName }} 様';
  const fallbacks = { 'customer.fullName': 'お客' };
  switch (channel) {
    case 'email':
      return {
        channel,
        subject: '{{ customer.fullName }} 様へのお知らせ',
        html: `<p>${greeting}</p><p>いつもご利用ありがとうございます。</p><p><a href="https://example.com/">詳しくはこちら</a></p>`,
        fallbacks,
      };
    case 'line':
      return {
        channel,
        messages: [{ type: 'text', text: `${greeting}\nいつもご利用ありがとうございます。` }],
        fallbacks,
      };
    case 'sms':
      return { channel, body: `${greeting} いつもご利用ありがとうございます。`, fallbacks };
    default:
      return {
        channel: 'dm',
        creativeId: 'standard-postcard',
        message: `${greeting} いつもありがとうございます。`,
        fallbacks,
      };
  }
}
