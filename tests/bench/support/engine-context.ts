import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import type { Clock } from '@kizuna/shared';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../../apps/engine/src/app.module';
import { loadEngineConfig } from '../../../apps/engine/src/config/engine-config';
import { createRootLogger } from '../../../apps/engine/src/infrastructure/logging/create-logger';

/** The engine's modules without HTTP, on a given database: benchmarks call the real services. */
export async function createEngineContext(
  databaseUrl: string,
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<INestApplicationContext> {
  const config = loadEngineConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    KIZUNA_DEMO: 'off',
    ...env,
  });
  return NestFactory.createApplicationContext(
    AppModule.forRoot({ config, databaseUrl, logger: createRootLogger('warn'), clock }),
    { logger: false },
  );
}
