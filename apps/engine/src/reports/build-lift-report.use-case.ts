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
import { LiftReportRepository, type ComparedNode, type GroupOutcomeRow } from './lift-report.repository';
import type { GroupFigures, LiftReport, NodeReport } from './lift-report.result';
import { resolvePeriod, type PeriodQuery } from './report-period';
import { ReportSettingsSchema } from './report-settings.schema';

const COMPARED: Partial<Record<JourneyNode['type'], ComparedNode['kind']>> = {
  holdout: 'holdout',
  send: 'send',
  split: 'split',
};

function outcomeOf(row: GroupOutcomeRow | undefined): GroupOutcome {
  if (!row) return { customers: 0, converted: 0, revenue: { n: 0, mean: 0, variance: 0 } };
  return {
    customers: row.customers,
    converted: row.converted,
    revenue: {
      n: row.customers,
      mean: row.customers ? row.revenueSum / row.customers : 0,
      variance: row.revenueVariance ?? 0,
    },
  };
}

function figures(row: GroupOutcomeRow | undefined): GroupFigures {
  return { customers: row?.customers ?? 0, converted: row?.converted ?? 0, revenue: row?.revenueSum ?? 0 };
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
    const triggers = [...new Set(graphNodes.filter(({ node }) => isTriggerNode(node)).map(({ node }) => node.id))];
    const rf = analytics.rfMatrix;
    const [funnel, messages, responses, outcomes, cells] = await Promise.all([
      this.reports.funnel(scope, triggers),
      this.reports.messages(scope),
      this.reports.responses(scope),
      this.reports.groupOutcomes(scope, compared, delivery.attributionWindowDays),
      this.reports.stageCells(scope, rf.frequencyCap, rf.recencyMonths, rf.repeatWindowDays),
    ]);

    const key = (versionId: number, nodeId: string) => `${versionId}:${nodeId}`;
    const funnelOf = new Map(funnel.map((row) => [key(row.versionId, row.nodeId), row]));
    const responsesOf = new Map(responses.map((row) => [key(row.versionId, row.nodeId), row]));
    const unitCosts: Record<string, number> = reportSettings.unitCosts;
    const sequential = { mixtureSd: reportSettings.mixtureSd };
    const options = { confidence: reportSettings.confidence, sequential };

    const nodes: NodeReport[] = graphNodes.map(({ version, node }) => {
      const k = key(version.id, node.id);
      const nodeMessages = messages.filter((row) => key(row.versionId, row.nodeId) === k);
      const nodeOutcomes = outcomes.filter((row) => key(row.versionId, row.nodeId) === k);
      const sentByChannel = Object.fromEntries(nodeMessages.map((row) => [row.channel, row.sent]));
      const response = responsesOf.get(k);
      const cost = nodeMessages.reduce((sum, row) => sum + row.sent * (unitCosts[row.channel] ?? 0), 0);
      const treated = nodeOutcomes.find((row) => row.group === 'treatment');
      const control = nodeOutcomes.find((row) => row.group === 'control');
      const comparison =
        node.type !== 'split' && treated && control
          ? compareGroups(outcomeOf(treated), outcomeOf(control), options)
          : null;
      const lift = comparison ? { treated: figures(treated), control: figures(control), ...comparison } : null;
      const arms = nodeOutcomes.filter((row) => row.group.startsWith('arm:'));
      return {
        versionId: version.id,
        version: version.version,
        nodeId: node.id,
        type: node.type,
        label: node.label ?? node.id,
        entered: funnelOf.get(k)?.entered ?? 0,
        exited: funnelOf.get(k)?.exited ?? 0,
        waiting: funnelOf.get(k)?.waiting ?? 0,
        sent: nodeMessages.reduce((sum, row) => sum + row.sent, 0),
        suppressed: nodeMessages.reduce((sum, row) => sum + row.suppressed, 0),
        failed: nodeMessages.reduce((sum, row) => sum + row.failed, 0),
        sentByChannel,
        delivered: response?.delivered ?? 0,
        opened: response?.opened ?? 0,
        clicked: response?.clicked ?? 0,
        replied: response?.replied ?? 0,
        unsubscribes: response?.unsubscribed ?? 0,
        converted: response?.converted ?? 0,
        revenue: response?.revenue ?? 0,
        cost,
        lift,
        split:
          node.type === 'split' && arms.length
            ? compareSplitArms(
                arms.map((row) => ({ arm: row.group.slice(4), ...outcomeOf(row) })),
                options,
              )
            : null,
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
        attributionWindowDays: delivery.attributionWindowDays,
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
