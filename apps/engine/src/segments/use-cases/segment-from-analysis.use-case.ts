import { analysisSegment } from '@kizuna/segments';
import { ValidationFailedError } from '@kizuna/shared';
import { Injectable } from '@nestjs/common';
import { AnalyticsSettingsService } from '../../analytics/analytics-settings.service';
import type { SegmentFromAnalysisBody } from '../segment-input.schema';
import type { SegmentRecord } from '../segment.repository';
import { SegmentService } from '../segment.service';

/**
 * Keeps a group an analysis shows (an RF cell or stage, an RFM rank, a decile, a stable segment,
 * the rank-down customers) as a live segment in one call: the rule reads the figures of each
 * analytics refresh, so membership follows the analysis.
 */
@Injectable()
export class SegmentFromAnalysisUseCase {
  constructor(
    private readonly settings: AnalyticsSettingsService,
    private readonly segments: SegmentService,
  ) {}

  async execute(workspaceId: number, body: SegmentFromAnalysisBody): Promise<SegmentRecord> {
    const built = analysisSegment(body.group, await this.settings.get(workspaceId));
    if (!built.ok) {
      throw new ValidationFailedError(`Invalid group: ${built.field} ${built.reason}`, [
        { field: `group.${built.field}`, message: built.reason },
      ]);
    }
    return this.segments.create(workspaceId, {
      name: body.name ?? built.name,
      description: body.description ?? `${built.name} (from the analytics; follows every analytics refresh)`,
      definition: built.rule,
      ...(body.refreshCron === undefined ? {} : { refreshCron: body.refreshCron }),
    });
  }
}
