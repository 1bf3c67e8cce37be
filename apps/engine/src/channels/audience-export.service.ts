import { AUDIENCE_COLUMNS, audienceFile, sha256Hex, type AudienceCounts } from '@kizuna/channels';
import { NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import { AudienceRepository } from './audience.repository';
import type { CsvDownload } from './csv-download';

export interface AudienceManifest extends AudienceCounts {
  segmentId: number;
  fileName: string;
  columns: string[];
  bytes: number;
  sha256: string;
  createdAt: string;
}

/**
 * A segment as an ad-platform audience (Google Customer Match, Meta custom audiences): SHA-256 of
 * each member's normalised email and E.164 phone, only where they consented to that channel.
 */
@Injectable()
export class AudienceExportService {
  constructor(
    private readonly audiences: AudienceRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async file(workspaceId: number, segmentId: number): Promise<CsvDownload & { manifest: AudienceManifest }> {
    if (!(await this.audiences.segmentExists(workspaceId, segmentId))) throw new NotFoundError('segment', segmentId);
    const file = audienceFile(await this.audiences.members(workspaceId, segmentId));
    const fileName = `segment-${segmentId}-audience.csv`;
    const sha256 = sha256Hex(file.bytes);
    return {
      fileName,
      contentType: 'text/csv; charset=utf-8',
      bytes: file.bytes,
      sha256,
      manifest: {
        segmentId,
        fileName,
        columns: [...AUDIENCE_COLUMNS],
        ...file.counts,
        bytes: file.bytes.length,
        sha256,
        createdAt: this.clock.now().toISOString(),
      },
    };
  }

  async manifest(workspaceId: number, segmentId: number): Promise<AudienceManifest> {
    return (await this.file(workspaceId, segmentId)).manifest;
  }
}
