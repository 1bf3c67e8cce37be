import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Clock } from '@kizuna/shared';
import type { Logger } from 'pino';
import { AppModule } from '../app.module';
import { loadEngineConfig, describeConfig, type EngineConfig } from '../config/engine-config';
import { SeedDemoUseCase } from '../demo/seed-demo.use-case';
import { createRootLogger } from '../infrastructure/logging/create-logger';
import { OperatorAccounts, type FirstAdmin } from '../users/operator-accounts.service';
import { connectDatabase } from './database-connection';
import { configureHttp } from './configure-http';

export interface RunningEngine {
  app: NestExpressApplication;
  url: string;
  databaseUrl: string;
  logger: Logger;
  /** Drains the engine, then stops the embedded database if there is one. */
  stop(): Promise<void>;
}

/** Starts the whole engine as `npm start` does: database, migrations, app, demo data, HTTP. */
export async function startEngine(
  config: EngineConfig = loadEngineConfig(),
  options: { migrate?: boolean; clock?: Clock } = {},
): Promise<RunningEngine> {
  const logger = createRootLogger(config.LOG_LEVEL);
  logger.debug({ config: describeConfig(config) }, 'configuration');
  const database = await connectDatabase(config, logger, options);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, databaseUrl: database.url, logger, clock: options.clock }),
      {
        bufferLogs: true,
        // Webhook signatures are computed over the exact bytes received (LINE: X-Line-Signature).
        rawBody: true,
      },
    );
    app.useLogger(app.get(PinoNestLogger));
    configureHttp(app, config);
    await app.init();

    const seeded = await app.get(SeedDemoUseCase).seedOnFirstStart();
    const firstAdmin = config.KIZUNA_ROLE === 'worker' ? undefined : await app.get(OperatorAccounts).ensureFirstAdmin();
    await app.listen(config.PORT, config.HOST);
    const port = (app.getHttpServer().address() as { port: number }).port;
    const url = `http://localhost:${port}`;
    logger.info(
      { url, queue: config.REDIS_URL ? 'bullmq' : 'inline', role: config.KIZUNA_ROLE },
      `Kizuna is running at ${url}`,
    );
    if (seeded) announceDemo(url, seeded);
    if (firstAdmin) announceFirstAdmin(url, firstAdmin);
    const running = app;
    return {
      app: running,
      url,
      databaseUrl: database.url,
      logger,
      stop: async () => {
        await running.close();
        await database.embedded?.stop();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
}

function announceDemo(url: string, seeded: { workspaceSlug: string; apiKey: string; customers: number }): void {
  // Printed, not logged: the key is shown this once and must not land in log storage.
  process.stdout.write(
    [
      '',
      `  Demo workspace "${seeded.workspaceSlug}" is ready (${seeded.customers.toLocaleString('en-US')} customers).`,
      `  API key for scripts and integrations (shown once):`,
      '',
      `    ${seeded.apiKey}`,
      '',
      `  API docs: ${url}/api/docs`,
      '',
    ].join('\n') + '\n',
  );
}

function announceFirstAdmin(url: string, admin: FirstAdmin): void {
  // Printed, not logged, for the same reason as the demo key.
  process.stdout.write(
    [
      '',
      `  Sign in to the editor at ${url} as the first admin (of ${admin.workspaces.join(', ')}):`,
      '',
      `    email:    ${admin.email}`,
      `    password: ${admin.password ?? '(KIZUNA_ADMIN_PASSWORD)'}`,
      '',
      admin.password ? '  The password is shown this once; change it after signing in.' : '',
      '',
    ].join('\n') + '\n',
  );
}
