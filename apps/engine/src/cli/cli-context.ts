import 'reflect-metadata';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadEngineConfig, type EngineConfig } from '../config/engine-config';
import { connectDatabase } from '../bootstrap/database-connection';
import { createRootLogger } from '../infrastructure/logging/create-logger';

/**
 * What a command runs against: the engine's own services (no HTTP, no workers) on the database
 * `npm start` uses — DATABASE_URL, or the embedded PostgreSQL in .data/ (started for the command
 * and stopped after it when no engine is running).
 */
export class CliContext {
  private constructor(
    private readonly app: INestApplicationContext,
    private readonly stopDatabase: () => Promise<void>,
    readonly config: EngineConfig,
  ) {}

  static async open(): Promise<CliContext> {
    const config = loadEngineConfig({ ...process.env, KIZUNA_ROLE: 'cli', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    const logger = createRootLogger(config.LOG_LEVEL);
    const database = await connectDatabase(config, logger);
    try {
      const app = await NestFactory.createApplicationContext(
        AppModule.forRoot({ config, databaseUrl: database.url, logger }),
        {
          logger: false,
        },
      );
      return new CliContext(
        app,
        async () => {
          await app.close();
          if (database.embedded && database.startedHere) await database.embedded.stop();
        },
        config,
      );
    } catch (error) {
      if (database.embedded && database.startedHere) await database.embedded.stop();
      throw error;
    }
  }

  get<T>(type: Type<T>): T {
    return this.app.get(type, { strict: false });
  }

  close(): Promise<void> {
    return this.stopDatabase();
  }
}
