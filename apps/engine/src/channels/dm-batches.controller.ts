import { CSV_ENCODINGS } from '@kizuna/channels';
import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { sendCsvDownload } from './csv-download';
import { DmBatchesService } from './dm-batches.service';
import { Requires } from '../auth/requires.decorator';

const ListQuerySchema = z
  .object({
    status: z.enum(['open', 'exported']).optional(),
    journeyId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(1_000).default(200),
  })
  .strict();
const EncodingQuerySchema = z.object({ encoding: z.enum(CSV_ENCODINGS).default('utf8') }).strict();
type EncodingQuery = z.infer<typeof EncodingQuerySchema>;

@ApiTags('Direct mail')
@ApiBearerAuth()
@Controller('v1/dm-batches')
export class DmBatchesController {
  constructor(private readonly batches: DmBatchesService) {}

  /** Batches by send date, newest first: one per journey step and local day, open until exported. */
  @Requires('journeys.read')
  @Get()
  async list(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query({ schema: ListQuerySchema }) query: z.infer<typeof ListQuerySchema>,
  ) {
    return { items: await this.batches.list(auth.workspaceId, query) };
  }

  /**
   * The print-vendor file (CSV, `encoding=utf8` with a BOM or `sjis` for CP932). The first export
   * closes the batch; exporting it again gives the same bytes. 422 names any character Shift_JIS
   * cannot write.
   */
  @Requires('messages.send')
  @Post(':id/export')
  @HttpCode(200)
  async export(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: EncodingQuerySchema }) query: EncodingQuery,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.batches.export(auth.workspaceId, id, query.encoding);
    sendCsvDownload(response, { ...file, sha256: file.manifest.sha256 });
  }

  /** Batch, journey step, send date, rows, pieces per creative and the SHA-256 of the file in that encoding. */
  @Requires('journeys.read')
  @Get(':id/manifest')
  manifest(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: EncodingQuerySchema }) query: EncodingQuery,
  ) {
    return this.batches.manifest(auth.workspaceId, id, query.encoding);
  }
}
