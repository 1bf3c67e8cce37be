import type { Command } from 'commander';
import { registerScoreBgNbdCommand } from './score-bgnbd.command';
import { registerScoreModelCommands } from './score-models.command';

/**
 * `kizuna score ...`: customer scores. One group, each subcommand registered from its own file, so
 * the models grow without this file growing.
 */
export function registerScoreCommands(program: Command): Command {
  const score = program.command('score').description('customer scores: repeat-purchase models, fits, scores');
  registerScoreBgNbdCommand(score);

  // ---- Workspace model commands (`score fit <model>`, `score show <customer>`) go here: ----
  registerScoreModelCommands(score);
  // ---------------------------------------------------------------------------------------------
  return score;
}
