import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { diskStorage } from 'multer';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { EventsModule } from '../events/events.module';
import { IdentityModule } from '../identity/identity.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { ImportJobExecutor } from './import-job-executor';
import { ImportJobRepository } from './import-job.repository';
import { ImportController } from './import.controller';
import { ImportProcessor } from './import.processor';
import { ImportService } from './import.service';
import { RunImportUseCase } from './run-import.use-case';
import { importWriterProviders } from './writers/import-writers';

@Module({
  imports: [
    IdentityModule,
    EventsModule,
    WorkspaceModule,
    // Uploads stream to disk (memory stays flat), under KIZUNA_DATA_DIR/uploads.
    MulterModule.registerAsync({
      inject: [ENGINE_CONFIG],
      useFactory: (config: EngineConfig) => {
        mkdirSync(config.uploadDir, { recursive: true });
        return {
          storage: diskStorage({
            destination: config.uploadDir,
            filename: (_request, _file, callback) => callback(null, `${randomUUID()}.csv`),
          }),
          limits: { fileSize: config.KIZUNA_MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10 },
        };
      },
    }),
  ],
  controllers: [ImportController],
  providers: [
    ...importWriterProviders,
    RunImportUseCase,
    ImportJobRepository,
    ImportJobExecutor,
    ImportService,
    ImportProcessor,
  ],
  exports: [RunImportUseCase, ImportJobRepository, ImportJobExecutor],
})
export class ImportsModule {}
