import { CSV_ENCODINGS } from '@kizuna/channels';
import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { sendCsvDownload } from './csv-download';
import { PackageInsertsService } from './package-inserts.service';
import { Requires } from '../auth/requires.decorator';

const DayQuerySchema = z.object({ date: z.iso.date().describe('local shipping date, YYYY-MM-DD') }).strict();
const FileQuerySchema = DayQuerySchema.extend({ encoding: z.enum(CSV_ENCODINGS).default('utf8') }).strict();

@ApiTags('Direct mail')
@ApiBearerAuth()
@Controller('v1/package-inserts')
export class PackageInsertsController {
  constructor(private readonly inserts: PackageInsertsService) {}

  /** Puts the day's waiting DM pieces into the parcels of their customers leaving that day. */
  @Requires('messages.send')
  @Post()
  @HttpCode(200)
  plan(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query({ schema: DayQuerySchema }) query: z.infer<typeof DayQuerySchema>,
  ) {
    return this.inserts.plan(auth.workspaceId, query.date);
  }

  /** Which piece goes in which parcel of the day. */
  @Requires('personal_data.read')
  @Get()
  list(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query({ schema: DayQuerySchema }) query: z.infer<typeof DayQuerySchema>,
  ) {
    return this.inserts.list(auth.workspaceId, query.date);
  }

  /** The packing list for the warehouse (CSV). */
  @Requires('personal_data.export')
  @Get('file')
  async file(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query({ schema: FileQuerySchema }) query: z.infer<typeof FileQuerySchema>,
    @Res() response: Response,
  ): Promise<void> {
    sendCsvDownload(response, await this.inserts.file(auth.workspaceId, query.date, query.encoding));
  }
}
