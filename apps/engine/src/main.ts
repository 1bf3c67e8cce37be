import 'reflect-metadata';
import { ConfigError, loadEngineConfig } from './config/engine-config';
import { startEngine } from './bootstrap/start-engine';

async function main(): Promise<void> {
  const engine = await startEngine(loadEngineConfig());
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    engine.logger.info({ signal }, 'shutting down');
    engine
      .stop()
      .then(() => {
        engine.logger.info('stopped');
        engine.logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        engine.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Kizuna could not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
