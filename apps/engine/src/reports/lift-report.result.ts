import type { LiftComparison, Roi, SplitComparison, StageRepeatRate } from '@kizuna/analytics';

export interface GroupFigures {
  customers: number;
  converted: number;
  revenue: number;
}

export interface NodeReport {
  versionId: number;
  version: number;
  nodeId: string;
  type: string;
  label: string;
  /** Transitions in the period. */
  entered: number;
  exited: number;
  /** Enrolments waiting at the node now. */
  waiting: number;
  /** Messages created in the period, by outcome. */
  sent: number;
  suppressed: number;
  failed: number;
  sentByChannel: Record<string, number>;
  /** Responses recorded in the period. */
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  unsubscribes: number;
  /** Conversions attributed to this step (last touch or coupon) and their revenue, yen. */
  converted: number;
  revenue: number;
  /** Sent messages times the channel's unit cost, yen. */
  cost: number;
  /** Treated against holdout at this node (holdout and send nodes of a journey with a holdout). */
  lift: ({ treated: GroupFigures; control: GroupFigures } & LiftComparison) | null;
  /** Arms against each other (split nodes). */
  split: SplitComparison | null;
  roi: Roi | null;
}

export interface LiftReport {
  journey: { id: number; name: string };
  period: { from: string; to: string; timeZone: string; lastFullWeek: boolean };
  method: {
    confidence: number;
    interval: 'newcombe-hybrid-score';
    test: 'z-test; fisher-exact when an expected count < 5';
    relativeLift: 'katz-log';
    revenuePerCustomer: 'welch';
    sequential: { method: 'mixture-sprt'; mixtureSd: number };
    attributionWindowDays: number;
    repeatWindowDays: number;
    unitCosts: Record<string, number>;
  };
  /** The journey as a whole: its holdout node's comparison and ROI over every node's cost. */
  summary: { lift: NodeReport['lift']; roi: Roi | null; cost: number };
  nodes: NodeReport[];
  repeatRateByStage: StageRepeatRate[];
}
