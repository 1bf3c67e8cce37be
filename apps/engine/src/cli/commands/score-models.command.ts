import type { Command } from 'commander';
import { withChanges } from '../../scoring/fit-history';
import { ScoreModelNameSchema } from '../../scoring/score-models';
import { ScoringService } from '../../scoring/scoring.service';
import { FitScoreModelUseCase } from '../../scoring/use-cases/fit-score-model.use-case';
import { CliUsageError, printJson, printLines } from '../cli-output';
import { resolveWorkspace } from '../resolve-workspace';
import { withContext } from './workspaces.command';

interface WorkspaceOption {
  workspace?: string;
  json?: boolean;
}

const signed = (value: number, digits: number) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

/**
 * `kizuna score fit <model>` and `kizuna score show <customer>`: a workspace's models fitted and
 * read from a terminal, through the same use case and service as the API.
 */
export function registerScoreModelCommands(score: Command): void {
  score
    .command('fit')
    .description('fit a model now: repeat_purchase, affinity, propensity_email|line|sms|dm')
    .argument('<model>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (name: string, options: WorkspaceOption) => {
      const model = ScoreModelNameSchema.safeParse(name);
      if (!model.success) throw new CliUsageError(model.error.issues[0]!.message);
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const fit = await context.get(FitScoreModelUseCase).execute(workspace.id, model.data);
        const { items } = await context.get(ScoringService).models(workspace.id, { model: model.data, limit: 2 });
        const [latest] = withChanges(items);
        if (options.json) return printJson(latest ?? fit);
        const auc = typeof fit.metrics.auc === 'number' ? `, held-out AUC ${fit.metrics.auc.toFixed(3)}` : '';
        const moved =
          latest?.change?.auc != null
            ? ` (${signed(latest.change.auc, 3)} since v${latest.change.previousVersion})`
            : '';
        printLines(
          `${fit.model} v${fit.version}: fitted on ${fit.rows} rows${auc}${moved}; ${fit.scored} customers scored (${fit.tookMs} ms)`,
        );
      });
    });
  score
    .command('show')
    .description("a customer's latest scores, with the model version that computed each")
    .argument('<customer-id>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: WorkspaceOption) => {
      if (!/^\d+$/.test(id)) throw new CliUsageError(`customer id must be a number, not "${id}"`);
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const result = await context.get(ScoringService).customerScores(workspace.id, Number(id));
        if (options.json) return printJson(result);
        printLines(
          ...(result.scores.length
            ? result.scores.map(
                (s) =>
                  `${s.model}\t${Number(s.value.toPrecision(6))}\t${s.modelVersion}\t${s.computedAt.toISOString()}`,
              )
            : [`customer ${id} has no scores yet (kizuna score fit <model>)`]),
        );
      });
    });
}
