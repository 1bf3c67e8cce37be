import { frequencyLabel, recencyLabel, rfCells } from '@kizuna/segments';
import type { AnalysisContext } from '../sql/analysis-context';
import type { CustomerGroups } from './customer-groups';
import { share } from './share';

export interface RfCell {
  recency: number;
  frequency: number;
  recencyLabel: string;
  frequencyLabel: string;
  stage: { code: string; label: string };
  customers: number;
  customerShare: number;
  sales: number;
  salesShare: number;
  /** The same cell one repeat window earlier, and how many of its customers bought again within the window. */
  cohortCustomers: number;
  repeated: number;
  repeatRate: number | null;
}

export interface RfMatrixResult {
  recencyMonths: number;
  frequencyCap: number;
  repeatWindowDays: number;
  salesWindowDays: number;
  cohortReferenceAt: string;
  customers: number;
  sales: number;
  cells: RfCell[];
  stages: {
    code: string;
    label: string;
    customers: number;
    customerShare: number;
    sales: number;
    salesShare: number;
    repeatRate: number | null;
  }[];
}

/**
 * The Recency x Frequency matrix. Repeat rate is measured, not guessed: the cohort is the same cell
 * computed one repeat window before the reference date, and its rate is the share of its customers
 * who did buy within that window.
 */
export function rfMatrixResult({ settings, referenceAt }: AnalysisContext, groups: CustomerGroups): RfMatrixResult {
  const { recencyMonths, frequencyCap, repeatWindowDays, salesWindowDays } = settings.rfMatrix;
  const cellsNow = rfCells(settings.rfMatrix).map((cell) => ({
    cell,
    now: groups.get(`rf:${cell.recency}:${cell.frequency}`),
  }));
  const customers = cellsNow.reduce((sum, { now }) => sum + (now?.customers ?? 0), 0);
  const sales = cellsNow.reduce((sum, { now }) => sum + (now?.sales ?? 0), 0);
  const cells: RfCell[] = cellsNow.map(({ cell, now }) => {
    const before = groups.get(`cohort:${cell.recency}:${cell.frequency}`);
    return {
      recency: cell.recency,
      frequency: cell.frequency,
      recencyLabel: recencyLabel(cell.recency, recencyMonths),
      frequencyLabel: frequencyLabel(cell.frequency, frequencyCap),
      stage: { code: cell.code, label: cell.label },
      customers: now?.customers ?? 0,
      customerShare: share(now?.customers ?? 0, customers),
      sales: now?.sales ?? 0,
      salesShare: share(now?.sales ?? 0, sales),
      cohortCustomers: before?.customers ?? 0,
      repeated: before?.repeated ?? 0,
      repeatRate: before?.customers ? share(before.repeated, before.customers) : null,
    };
  });
  const stageCodes = [...new Set(cells.map((cell) => cell.stage.code))];
  const stages = stageCodes.map((code) => {
    const inStage = cells.filter((cell) => cell.stage.code === code);
    const stageCustomers = inStage.reduce((sum, cell) => sum + cell.customers, 0);
    const stageSales = inStage.reduce((sum, cell) => sum + cell.sales, 0);
    const cohortCustomers = inStage.reduce((sum, cell) => sum + cell.cohortCustomers, 0);
    const repeated = inStage.reduce((sum, cell) => sum + cell.repeated, 0);
    return {
      code,
      label: inStage[0]!.stage.label,
      customers: stageCustomers,
      customerShare: share(stageCustomers, customers),
      sales: stageSales,
      salesShare: share(stageSales, sales),
      repeatRate: cohortCustomers ? share(repeated, cohortCustomers) : null,
    };
  });
  return {
    recencyMonths,
    frequencyCap,
    repeatWindowDays,
    salesWindowDays,
    cohortReferenceAt: new Date(referenceAt.getTime() - repeatWindowDays * 86_400_000).toISOString(),
    customers,
    sales,
    cells,
    stages,
  };
}
