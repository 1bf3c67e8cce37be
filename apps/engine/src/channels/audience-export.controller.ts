import { Controller, Get, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { AudienceExportService } from './audience-export.service';
import { sendCsvDownload } from './csv-download';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Segments')
@ApiBearerAuth()
@Controller('v1/segments')
export class AudienceExportController {
  constructor(private readonly audiences: AudienceExportService) {}

  /** `email_sha256,phone_sha256` of the segment's current members who consented (see the manifest for counts). */
  @Requires('personal_data.export')
  @Get(':id/audience.csv')
  async file(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Res() response: Response,
  ): Promise<void> {
    sendCsvDownload(response, await this.audiences.file(auth.workspaceId, id));
  }

  /** Members, rows, hashed emails and phones, members left out for lack of consent, and the file's SHA-256. */
  @Requires('segments.read')
  @Get(':id/audience-manifest')
  manifest(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.audiences.manifest(auth.workspaceId, id);
  }
}
