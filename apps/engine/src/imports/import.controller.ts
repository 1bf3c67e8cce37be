import { ValidationFailedError } from '@kizuna/shared';
import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { toCsvLine } from './csv-line';
import { ImportUploadFieldsSchema } from './import-upload.schema';
import { ImportService } from './import.service';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  /** Upload a CSV file; 202 with the import job, whose progress `GET /imports/:id` reports. */
  @Requires('data.import')
  @Post()
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: {
          type: 'string',
          enum: ['customers', 'products', 'orders', 'shipments', 'returns', 'events', 'consents'],
        },
        encoding: { type: 'string', enum: ['utf8', 'sjis'], default: 'utf8' },
        source: { type: 'string', description: 'source system of the rows, e.g. ec, pos' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  async upload(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
  ) {
    // Validated here rather than by a pipe: the file is already on disk and must not be left there.
    const fields = ImportUploadFieldsSchema.safeParse(body ?? {});
    if (!file || !fields.success) {
      if (file) await rm(file.path, { force: true });
      const issues = fields.success
        ? []
        : fields.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      if (!file) issues.push({ field: 'file', message: 'a CSV file is required (multipart field "file")' });
      throw new ValidationFailedError(
        `The upload is invalid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    return this.imports.startUpload(
      auth.workspaceId,
      { path: file.path, originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'), size: file.size },
      fields.data,
    );
  }

  @Requires('imports.read')
  @Get()
  async list(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
  ) {
    return { items: await this.imports.list(auth.workspaceId, Math.min(Math.max(limit, 1), 500)) };
  }

  @Requires('imports.read')
  @Get(':id')
  get(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.imports.get(auth.workspaceId, id);
  }

  /** The rejected rows as CSV (UTF-8 with a BOM, so Excel opens Japanese text correctly). */
  @Requires('personal_data.read')
  @Get(':id/rejections')
  async rejections(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Res() response: Response,
  ): Promise<void> {
    const pages = await this.imports.rejections(auth.workspaceId, id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="import-${id}-rejections.csv"`);
    response.write(`\ufeff${toCsvLine(['line', 'column', 'reason', 'row'])}\r\n`);
    for await (const page of pages) {
      const chunk = page.map((r) => toCsvLine([r.line, r.column, r.reason, r.raw])).join('\r\n');
      if (!response.write(`${chunk}\r\n`)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }
}
