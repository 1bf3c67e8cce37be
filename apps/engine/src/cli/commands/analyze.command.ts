import type { Command } from 'commander';
import { AnalyticsSnapshotRepository, type AnalysisKind } from '../../analytics/analytics-snapshot.repository';
import type { AbcResult } from '../../analytics/results/abc.result';
import type { DecileResult } from '../../analytics/results/deciles.result';
import type { RankDownResult } from '../../analytics/results/rank-down.result';
import type { RfMatrixResult } from '../../analytics/results/rf-matrix.result';
import type { RfmResult } from '../../analytics/results/rfm.result';
import type { StableSegmentsResult } from '../../analytics/results/stable-segments.result';
import { rfMatrixCsv } from '../../analytics/rf-matrix-csv';
import { RefreshAnalyticsUseCase } from '../../analytics/use-cases/refresh-analytics.use-case';
import { StabilityReportUseCase, type StabilityReport } from '../../analytics/use-cases/stability-report.use-case';
import { CliUsageError, printJson, printLines } from '../cli-output';
import { resolveWorkspace } from '../resolve-workspace';
import { withContext } from './workspaces.command';

const ANALYSES: Record<string, AnalysisKind> = {
  rfm: 'rfm',
  'rf-matrix': 'rf_matrix',
  deciles: 'deciles',
  abc: 'abc',
  'stable-segments': 'stable_segments',
  'rank-down': 'rank_down',
  stability: 'stability',
};

interface AnalyzeOptions {
  workspace?: string;
  json?: boolean;
  csv?: boolean;
  asOf?: string;
  cached?: boolean;
}

const yen = (value: number) => `¥${Math.round(value).toLocaleString('ja-JP')}`;
const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description(`run an analysis: ${Object.keys(ANALYSES).join(', ')} (refreshes the figures first unless --cached)`)
    .argument('<analysis>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--as-of <date>', 'reference date (YYYY-MM-DD), default now')
    .option('--cached', 'show the latest computed result without recomputing')
    .option('--json', 'print the result as JSON')
    .option('--csv', 'rf-matrix only: print CSV')
    .action(async (analysis: string, options: AnalyzeOptions) => {
      const kind = ANALYSES[analysis];
      if (!kind) throw new CliUsageError(`unknown analysis "${analysis}"; one of: ${Object.keys(ANALYSES).join(', ')}`);
      const referenceAt = options.asOf ? new Date(`${options.asOf}T00:00:00+09:00`) : undefined;
      if (referenceAt && Number.isNaN(referenceAt.getTime())) throw new CliUsageError('--as-of must be YYYY-MM-DD');
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const scope = referenceAt ? { referenceAt } : {};
        if (!options.cached) {
          if (kind === 'stability') await context.get(StabilityReportUseCase).execute(workspace.id, scope);
          else await context.get(RefreshAnalyticsUseCase).execute(workspace.id, scope);
        }
        const snapshot = await context.get(AnalyticsSnapshotRepository).find(workspace.id, kind);
        if (!snapshot) throw new CliUsageError(`no ${analysis} result yet: run without --cached`);
        if (options.json) return printJson(snapshot);
        if (options.csv && kind === 'rf_matrix')
          return void process.stdout.write(rfMatrixCsv(snapshot.result as RfMatrixResult));
        printLines(`${analysis} of workspace ${workspace.slug} as of ${snapshot.referenceAt.toISOString()}`, '');
        printLines(...describe(kind, snapshot.result));
      });
    });
}

function describe(kind: AnalysisKind, result: unknown): string[] {
  switch (kind) {
    case 'rfm': {
      const rfm = result as RfmResult;
      return [
        `${rfm.customers} customers, window ${rfm.windowDays} days`,
        ...rfm.ranks.map(
          (r) => `${r.label}\t${r.customers}\t${pct(r.customerShare)}\t${yen(r.monetary)}\t${pct(r.monetaryShare)}`,
        ),
      ];
    }
    case 'rf_matrix': {
      const matrix = result as RfMatrixResult;
      return matrix.stages.map(
        (s) =>
          `${s.label}\t${s.customers}\t${pct(s.customerShare)}\tsales ${pct(s.salesShare)}\trepeat ${pct(s.repeatRate)}`,
      );
    }
    case 'deciles':
      return (result as DecileResult).deciles.map(
        (d) => `D${d.decile}\t${d.customers}\t${yen(d.sales)}\t${pct(d.salesShare)}\tcum ${pct(d.cumulativeShare)}`,
      );
    case 'abc':
      return (result as AbcResult).categories.flatMap((c) => [
        `${c.category}: A ${c.counts.A}, B ${c.counts.B}, C ${c.counts.C}`,
        ...c.products.map((p) => `  ${p.abcClass}\t${p.sku}\t${yen(p.sales)}\t${pct(p.cumulativeShare)}`),
      ]);
    case 'stable_segments':
      return (result as StableSegmentsResult).segments.map(
        (s) => `${s.label}\t${s.customers}\t${pct(s.customerShare)}\tnet ${pct(s.netSpendShare)}`,
      );
    case 'rank_down': {
      const rankDown = result as RankDownResult;
      return [
        `${rankDown.customers} customers late against their rhythm; expected loss ${yen(rankDown.expectedLoss)} a year`,
        ...rankDown.bySegment.map((s) => `${s.segment}\t${s.customers}\t${yen(s.expectedLoss)}`),
      ];
    }
    case 'stability': {
      const report = result as StabilityReport;
      const line = (name: string, f: StabilityReport['rfmRanks']) =>
        `${name}\t${f.customers}\t1m ${pct(f.unchanged['1m'])}\t3m ${pct(f.unchanged['3m'])}\t6m ${pct(f.unchanged['6m'])}` +
        `\t| no purchase since: 1m ${pct(f.withoutPurchases.unchanged['1m'])}\t3m ${pct(f.withoutPurchases.unchanged['3m'])}\t6m ${pct(f.withoutPurchases.unchanged['6m'])}`;
      return [
        line('stable segments', report.stableSegments),
        line('RFM ranks', report.rfmRanks),
        ...report.categories.map((c) => line(`  ${c.category}`, c.stableSegments)),
      ];
    }
  }
}
