/** A group of customers expected to respond alike (an RF stage, a stable segment, a score band). */
export interface TargetGroup {
  key: string;
  customers: number;
  /** Expected conversion uplift of a contact (0..1): conversion with the contact minus without. */
  responseRate: number;
  /** Expected yen per conversion. */
  averageOrderValue: number;
}

export interface TargetSelectionInput {
  groups: readonly TargetGroup[];
  costPerContact: number;
  /** Gross margin rate of the revenue (0..1). */
  marginRate: number;
}

export interface ProfitCurvePoint {
  key: string;
  contacts: number;
  expectedConversions: number;
  expectedRevenue: number;
  cost: number;
  expectedProfit: number;
}

export interface TargetSelection {
  /** Groups worth contacting, best first (expected profit per contact above zero). */
  selected: ProfitCurvePoint[];
  /** Cumulative figures after each group, best first, all groups. */
  curve: ProfitCurvePoint[];
  targets: number;
  expectedRevenue: number;
  expectedProfit: number;
}

/**
 * Ranks groups by expected profit per contact (uplift x order value x margin - cost) and selects
 * from the top down to break-even: the last group selected still earns more than it costs.
 * Expected revenue = targets x CVR uplift x average order value.
 */
export function selectTargets(input: TargetSelectionInput): TargetSelection {
  const perContact = (group: TargetGroup) =>
    group.responseRate * group.averageOrderValue * input.marginRate - input.costPerContact;
  const ranked = [...input.groups].sort((a, b) => perContact(b) - perContact(a) || a.key.localeCompare(b.key));
  const curve: ProfitCurvePoint[] = [];
  const total = { contacts: 0, expectedConversions: 0, expectedRevenue: 0, cost: 0 };
  let selectedUpTo = 0;
  ranked.forEach((group, index) => {
    total.contacts += group.customers;
    total.expectedConversions += group.customers * group.responseRate;
    total.expectedRevenue += group.customers * group.responseRate * group.averageOrderValue;
    total.cost += group.customers * input.costPerContact;
    curve.push({ key: group.key, ...total, expectedProfit: total.expectedRevenue * input.marginRate - total.cost });
    if (perContact(group) > 0) selectedUpTo = index + 1;
  });
  const selected = curve.slice(0, selectedUpTo);
  const last = selected[selected.length - 1];
  return {
    selected,
    curve,
    targets: last?.contacts ?? 0,
    expectedRevenue: last?.expectedRevenue ?? 0,
    expectedProfit: last?.expectedProfit ?? 0,
  };
}
