import { Command, CommanderError } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze.command';
import { registerApiKeyCommands } from './commands/api-keys.command';
import { registerDemoCommands } from './commands/demo.command';
import { registerImportCommand } from './commands/import.command';
import { registerJourneyCommands } from './commands/journeys.command';
import { registerReportCommands } from './commands/report.command';
import { registerScoreCommands } from './commands/score.command';
import { registerSegmentCommands } from './commands/segments.command';
import { registerUserCommands } from './commands/users.command';
import { registerWorkspaceCommands } from './commands/workspaces.command';
import { reportFailure } from './cli-output';

/** `npx kizuna <command>`: the engine's operations from a terminal, on the same database as `npm start`. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('kizuna')
    .description('Kizuna marketing automation: data in, analytics, journeys')
    .showHelpAfterError()
    .exitOverride();
  registerImportCommand(program);
  registerWorkspaceCommands(program);
  registerApiKeyCommands(program);
  registerUserCommands(program);
  registerDemoCommands(program);
  registerAnalyzeCommand(program);
  registerSegmentCommands(program);
  registerJourneyCommands(program);
  registerReportCommands(program);
  registerScoreCommands(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return reportFailure(error);
  }
}
