import {
  compareGroups,
  compareSplitArms,
  repeatRateByStage,
  returnOnInvestment,
  type GroupOutcome,
  type StageOutcome,
} from '@kizuna/analytics';
import { DeliverySettingsSchema, isTriggerNode, type JourneyNode } from '@kizuna/journey';
import { rfStage } from '@kizuna/segments';
import type { Clock } from '@kizuna/shared';
import { NotFoundError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AnalyticsSettingsService } from '../analytics/analytics-settings.service';
import { CLOCK } from '../infrastructure/clock.provider';
import { JourneyRepository } from '../journeys/journey.repository';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import { WorkspaceSettingsStore } from '../workspaces/workspace-settings.store';
import { LiftReportRepository, type BuyerOutcomeRow, type ComparedNode } from './lift-report.repository';
import type { GroupFigures, LiftReport, NodeReport } from './lift-report.result';
import { resolvePeriod, type PeriodQuery } from './report-period';
import { ReportSettingsSchema } from './report-settings.schema';

const COMPARED: Partial<Record<JourneyNode['type'], ComparedNode['kind']>> = {
  holdout: 'holdout',
  send: 'send',
  split: 'split',
};

const DAY_MS = 86_400_000;

/**
 * A group's outcome at a node: the customers placed there (counted from the transitions) less those
 * left out for having bought already, and, from the buyers' rows, conversions and revenue. Revenue
 * variance from the sums: everyone else spent nothing.
 */
function outcomeOf(placed: number, buyers: BuyerOutcomeRow | undefined): GroupOutcome {
  const customers = Math.max(0, placed - (buyers?.excluded ?? 0));
  const sum = buyers?.revenueSum ?? 0;
  const squares = buyers?.revenueSquares ?? 0;
  const variance = customers > 1 ? Math.max(0, (squares - (sum * sum) / customers) / (customers - 1)) : 0;
  return {
    customers,
    // A buyer placed by the minute-rounded count's edge could otherwise exceed the customers counted.
    converted: Math.min(customers, buyers?.converted ?? 0),
    revenue: { n: customers, mean: customers ? sum / customers : 0, variance },
  };
}

function figures(outcome: GroupOutcome): GroupFigures {
  return {
    customers: outcome.customers,
    converted: outcome.converted,
    revenue: outcome.revenue.mean * outcome.customers,
  };
}

/**
 * The analyst's view of one journey over a period (default: the last full week in the workspace's
 * timezone): per version and node the funnel, the messages and responses, cost, treated against
 * holdout with the statistics of libs/analytics, split arms, ROI, and repeat rate by purchase stage.
 */
@Injectable()
export class BuildLiftReportUseCase {
  constructor(
    private readonly reports: LiftReportRepository,
    private readonly journeys: JourneyRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly settings: WorkspaceSettingsStore,
    private readonly analyticsSettings: AnalyticsSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(workspaceId: number, journeyId: number, query: PeriodQuery = {}): Promise<LiftReport> {
    const [journey, versions, workspace, reportSettings, delivery, analytics] = await Promise.all([
      this.journeys.find(workspaceId, journeyId),
      this.journeys.versions(workspaceId, journeyId),
      this.workspaces.findById(workspaceId),
      this.settings.get(workspaceId, 'reports', ReportSettingsSchema),
      this.settings.get(workspaceId, 'delivery', DeliverySettingsSchema),
      this.analyticsSettings.get(workspaceId),
    ]);
    if (!journey || !workspace) throw new NotFoundError('journey', journeyId);
    const timeZone = workspace.timezone;
    const period = resolvePeriod(query, this.clock.now(), timeZone);
    const scope = { workspaceId, journeyId, versionIds: versions.map((v) => v.id), period };
    const graphNodes = versions.flatMap((v) => v.graph.nodes.map((node) => ({ version: v, node })));
    const compared: ComparedNode[] = graphNodes.flatMap(({ version, node }) => {
      const kind = COMPARED[node.type];
      return kind ? [{ versionId: version.id, nodeId: node.id, kind }] : [];
    });
    const triggers = new Set(graphNodes.filter(({ node }) => isTriggerNode(node)).map(({ node }) => node.id));
    const holdoutNodes = [...new Set(compared.filter((n) => n.kind === 'holdout').map((n) => n.nodeId))];
    const sends = versions.flatMap((version) =>
      version.graph.nodes
        .filter((node) => node.type === 'send')
        .map((node) => ({
          versionId: version.id,
          nodeId: node.id,
          predecessors: version.graph.edges.filter((edge) => edge.target === node.id).map((edge) => edge.source),
        })),
    );
    const rf = analytics.rfMatrix;
    const windowDays = delivery.attributionWindowDays;
    const delays = await this.reports.delays(scope, sends, holdoutNodes);
    // Holdout decisions this long before the period place holdout customers at sends within it;
    // orders since then can exclude a customer as having bought already.
    const lookbackFrom = new Date(
      period.from.getTime() - Math.max(0, ...delays.map((d) => d.seconds)) * 1000 - 30 * DAY_MS,
    );
    const [{ transitions, controlMinutes }, waiting, messages, responses, buyers, cells] = await Promise.all([
      this.reports.transitions(scope, holdoutNodes, lookbackFrom),
      this.reports.waiting(scope),
      this.reports.messages(scope),
      this.reports.responses(scope),
      this.reports.buyerOutcomes(scope, compared, delays, windowDays, lookbackFrom),
      this.reports.stageCells(scope, rf.frequencyCap, rf.recencyMonths, rf.repeatWindowDays),
    ]);

    const key = (versionId: number, nodeId: string) => `${versionId}:${nodeId}`;
    const responsesOf = new Map(responses.map((row) => [key(row.versionId, row.nodeId), row]));
    const waitingOf = new Map(waiting.map((row) => [key(row.versionId, row.nodeId), row.n]));
    const sum = (rows: readonly { n: number }[]) => rows.reduce((total, row) => total + row.n, 0);
    const unitCosts: Record<string, number> = reportSettings.unitCosts;
    const sequential = { mixtureSd: reportSettings.mixtureSd };
    const options = { confidence: reportSettings.confidence, sequential };
    const placedControl = (versionId: number, nodeId: string) => {
      const delay = delays.find((d) => d.versionId === versionId && d.nodeId === nodeId);
      if (!delay) return 0;
      const [from, to] = [period.from.getTime(), period.to.getTime()];
      return sum(
        controlMinutes.filter((m) => {
          const at = m.minute.getTime() + delay.seconds * 1000;
          return m.versionId === versionId && at >= from && at < to;
        }),
      );
    };

    const nodes: NodeReport[] = graphNodes.map(({ version, node }) => {
      const k = key(version.id, node.id);
      const out = transitions.filter((t) => t.versionId === version.id && t.fromNode === node.id);
      const into = transitions.filter((t) => t.versionId === version.id && t.toNode === node.id);
      // A trigger has no arrivals: the enrolments that left it in the period entered there.
      const entered = triggers.has(node.id) ? sum(out) : sum(into);
      const nodeMessages = messages.filter((row) => key(row.versionId, row.nodeId) === k);
      const response = responsesOf.get(k);
      const cost = nodeMessages.reduce((total, row) => total + row.sent * (unitCosts[row.channel] ?? 0), 0);
      const buyersOf = (group: string) =>
        buyers.find((row) => row.versionId === version.id && row.nodeId === node.id && row.group === group);
      let lift: NodeReport['lift'] = null;
      if (node.type === 'holdout' || (node.type === 'send' && holdoutNodes.length)) {
        const treated = outcomeOf(
          node.type === 'holdout' ? sum(out.filter((t) => t.handle === 'treatment')) : entered,
          buyersOf('treatment'),
        );
        const control = outcomeOf(
          node.type === 'holdout' ? sum(out.filter((t) => t.handle === 'control')) : placedControl(version.id, node.id),
          buyersOf('control'),
        );
        const comparison = compareGroups(treated, control, options);
        lift = comparison ? { treated: figures(treated), control: figures(control), ...comparison } : null;
      }
      const arms =
        node.type === 'split'
          ? [...new Set(out.map((t) => t.handle))].map((arm) => ({
              arm,
              ...outcomeOf(sum(out.filter((t) => t.handle === arm)), buyersOf(`arm:${arm}`)),
            }))
          : [];
      return {
        versionId: version.id,
        version: version.version,
        nodeId: node.id,
        type: node.type,
        label: node.label ?? node.id,
        entered,
        exited: sum(out.filter((t) => t.toNode === null)),
        waiting: waitingOf.get(k) ?? 0,
        sent: nodeMessages.reduce((total, row) => total + row.sent, 0),
        suppressed: nodeMessages.reduce((total, row) => total + row.suppressed, 0),
        failed: nodeMessages.reduce((total, row) => total + row.failed, 0),
        sentByChannel: Object.fromEntries(nodeMessages.map((row) => [row.channel, row.sent])),
        delivered: response?.delivered ?? 0,
        opened: response?.opened ?? 0,
        clicked: response?.clicked ?? 0,
        replied: response?.replied ?? 0,
        unsubscribes: response?.unsubscribed ?? 0,
        converted: response?.converted ?? 0,
        revenue: response?.revenue ?? 0,
        cost,
        lift,
        split: arms.length ? compareSplitArms(arms, options) : null,
        roi: lift && node.type === 'send' ? roiOf(lift, cost) : null,
      };
    });

    const totalCost = nodes.reduce((sum, node) => sum + node.cost, 0);
    // The journey's own experiment: its (first) holdout node, where both groups are placed at random.
    const holdoutNode = nodes.find((node) => node.type === 'holdout' && node.lift);
    const stages = new Map<string, StageOutcome>();
    for (const cell of cells) {
      const stage = rfStage(cell.months ?? rf.recencyMonths, cell.purchases, rf);
      const entry = stages.get(stage.code) ?? {
        stage: stage.code,
        label: stage.label,
        treated: { customers: 0, repeated: 0 },
        control: { customers: 0, repeated: 0 },
      };
      const side = cell.group === 'control' ? entry.control : entry.treated;
      side.customers += cell.customers;
      side.repeated += cell.repeated;
      stages.set(stage.code, entry);
    }
    return {
      journey: { id: journey.id, name: journey.name },
      period: {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        timeZone,
        lastFullWeek: !query.from && !query.to,
      },
      method: {
        confidence: reportSettings.confidence,
        interval: 'newcombe-hybrid-score',
        test: 'z-test; fisher-exact when an expected count < 5',
        relativeLift: 'katz-log',
        revenuePerCustomer: 'welch',
        sequential: { method: 'mixture-sprt', mixtureSd: reportSettings.mixtureSd },
        attributionWindowDays: windowDays,
        repeatWindowDays: rf.repeatWindowDays,
        unitCosts,
      },
      summary: {
        lift: holdoutNode?.lift ?? null,
        roi: holdoutNode?.lift ? roiOf(holdoutNode.lift, totalCost) : null,
        cost: totalCost,
      },
      nodes,
      repeatRateByStage: repeatRateByStage([...stages.values()], reportSettings.confidence),
    };
  }
}

function roiOf(lift: NonNullable<NodeReport['lift']>, cost: number) {
  return returnOnInvestment({
    treatedCustomers: lift.treated.customers,
    difference: lift.difference,
    averageOrderValue: lift.treated.converted ? lift.treated.revenue / lift.treated.converted : 0,
    cost,
  });
}
