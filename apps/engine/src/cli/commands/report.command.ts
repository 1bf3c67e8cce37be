import type { Command } from 'commander';
import { JourneyService } from '../../journeys/journey.service';
import { BuildLiftReportUseCase } from '../../reports/build-lift-report.use-case';
import { liftReportCsv } from '../../reports/lift-report-csv';
import { liftReportHtml } from '../../reports/lift-report-html';
import type { LiftReport, NodeReport } from '../../reports/lift-report.result';
import type { CliContext } from '../cli-context';
import { CliUsageError, printJson, printLines } from '../cli-output';
import { resolveWorkspace } from '../resolve-workspace';
import { withContext } from './workspaces.command';

interface LiftOptions {
  workspace?: string;
  json?: boolean;
  csv?: boolean;
  html?: boolean;
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const pts = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}pt`;
const yen = (value: number) => `¥${Math.round(value).toLocaleString('ja-JP')}`;
const p = (value: number | undefined) => (value === undefined ? '-' : value < 0.001 ? '<0.001' : value.toFixed(3));

async function journeyId(context: CliContext, workspaceId: number, target: string): Promise<number> {
  if (/^\d+$/.test(target)) return Number(target);
  const found = (await context.get(JourneyService).list(workspaceId)).find((j) => j.name === target);
  if (!found) throw new CliUsageError(`no journey "${target}" (see: kizuna journeys list)`);
  return found.id;
}

function liftText(lift: NonNullable<NodeReport['lift']>): string {
  const d = lift.difference;
  return `${pct(lift.treatedRate)} vs ${pct(lift.controlRate)}  ${pts(d.estimate)} [${pts(d.lower)}, ${pts(d.upper)}]  p=${p(lift.test.pValue)}${lift.test.method === 'fisher-exact' ? ' (exact)' : ''}  always-valid p=${p(lift.sequential?.pValue)}${lift.significant ? '  *' : ''}`;
}

function describe(report: LiftReport): string[] {
  const lines = [
    `Lift report: ${report.journey.name} (journey ${report.journey.id})`,
    `${report.period.from} – ${report.period.to} ${report.period.timeZone}${report.period.lastFullWeek ? ' (last full week)' : ''}`,
    '',
    report.summary.lift
      ? `Journey: ${liftText(report.summary.lift)}  net ${yen(report.summary.roi?.net.estimate ?? 0)} after ${yen(report.summary.cost)} cost`
      : 'Journey: no holdout comparison in this period',
    '',
    [
      'ver',
      'node',
      'type',
      'entered',
      'waiting',
      'exited',
      'sent',
      'delivered',
      'opened',
      'clicked',
      'converted',
      'revenue',
      'cost',
    ].join('\t'),
  ];
  for (const node of report.nodes) {
    lines.push(
      [
        `v${node.version}`,
        node.nodeId,
        node.type,
        node.entered,
        node.waiting,
        node.exited,
        node.sent,
        node.delivered,
        node.opened,
        node.clicked,
        node.converted,
        yen(node.revenue),
        yen(node.cost),
      ].join('\t'),
    );
    if (node.lift) lines.push(`\tlift: ${liftText(node.lift)}`);
    if (node.split) lines.push(`\tsplit: winner ${node.split.winner ?? 'none yet'}`);
  }
  const stages = report.repeatRateByStage.filter((s) => s.pointsGained);
  if (stages.length) {
    lines.push('', 'Repeat rate by stage at entry (points gained vs holdout):');
    for (const s of stages)
      lines.push(
        `\t${s.label}\t${s.pointsGained!.estimate.toFixed(1)}pt [${s.pointsGained!.lower.toFixed(1)}, ${s.pointsGained!.upper.toFixed(1)}]`,
      );
  }
  return lines;
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('analyst reports');
  report
    .command('lift')
    .description('lift per journey step against the holdout; default period: the last full week')
    .argument('<journey>', 'journey id or name')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--from <date>', 'first day (YYYY-MM-DD, workspace timezone)')
    .option('--to <date>', 'day after the last (exclusive)')
    .option('--json', 'print the report as JSON')
    .option('--csv', 'print the report as CSV')
    .option('--html', 'print the printable HTML page')
    .action(async (target: string, options: LiftOptions) => {
      for (const field of ['from', 'to'] as const) {
        const value = options[field];
        if (value !== undefined && !DATE.test(value)) throw new CliUsageError(`--${field} must be YYYY-MM-DD`);
      }
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const id = await journeyId(context, workspace.id, target);
        const result = await context
          .get(BuildLiftReportUseCase)
          .execute(workspace.id, id, { from: options.from, to: options.to });
        if (options.json) return printJson(result);
        if (options.csv) return void process.stdout.write(liftReportCsv(result));
        if (options.html) return void process.stdout.write(liftReportHtml(result));
        printLines(...describe(result));
      });
    });
}
