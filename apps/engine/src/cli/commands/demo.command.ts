import type { Command } from 'commander';
import { SeedDemoUseCase } from '../../demo/seed-demo.use-case';
import { CliUsageError, printLines } from '../cli-output';
import { withContext } from './workspaces.command';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description('demo data')
    .command('seed')
    .description('create a workspace filled with the demo brand (through the real importer)')
    .option('-w, --workspace <slug>', 'new workspace slug', 'demo')
    .option('-c, --customers <n>', 'number of customers (1,000,000 for the benchmarks)', '20000')
    .option('--as-of <date>', 'last day of history, YYYY-MM-DD (default: today in Tokyo)')
    .option('--seed <n>', 'random seed (same seed, same data)')
    .action(async (options: { workspace: string; customers: string; asOf?: string; seed?: string }) => {
      const customers = Number(options.customers.replace(/[_,]/g, ''));
      if (!Number.isInteger(customers) || customers < 100)
        throw new CliUsageError('--customers must be a whole number of at least 100');
      await withContext(async (context) => {
        const started = Date.now();
        const seeded = await context.get(SeedDemoUseCase).seed({
          slug: options.workspace,
          name: `Kizuna Demo (${customers.toLocaleString('en-US')})`,
          customers,
          ...(options.asOf ? { asOf: options.asOf } : {}),
          ...(options.seed ? { seed: Number(options.seed) } : {}),
          onTable: (table) => process.stderr.write(`importing ${table}...\n`),
        });
        printLines(
          `workspace ${seeded.workspaceSlug}: ${customers.toLocaleString('en-US')} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          `API key (shown once): ${seeded.apiKey}`,
        );
      });
    });
}
