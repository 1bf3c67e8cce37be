import type { RfMatrixSettings } from './analytics-settings';

export interface RfStage {
  code: string;
  label: string;
}

/** Rows of the RF matrix: 0 = less than a month since the last purchase ... cap = cap months or more. */
export function recencyBucket(monthsSinceLastPurchase: number, recencyMonths: number): number {
  return Math.min(Math.max(0, Math.floor(monthsSinceLastPurchase)), recencyMonths);
}

/** Columns: 0 = trial or sample purchases only, then the number of purchases, capped. */
export function frequencyBucket(purchaseCount: number, frequencyCap: number): number {
  return Math.min(Math.max(0, purchaseCount), frequencyCap);
}

/**
 * The stage of a cell, e.g. 新規現役 (one purchase, bought within three months): a purchase-count
 * group and a recency group, in the workspace's own mapping.
 */
export function rfStage(recency: number, frequency: number, settings: RfMatrixSettings): RfStage {
  const frequencyGroup =
    settings.frequencyGroups.find((group) => group.maxPurchases === null || frequency <= group.maxPurchases) ??
    settings.frequencyGroups[settings.frequencyGroups.length - 1]!;
  const recencyGroup =
    settings.recencyGroups.find((group) => group.maxMonths === null || recency < group.maxMonths) ??
    settings.recencyGroups[settings.recencyGroups.length - 1]!;
  return { code: `${frequencyGroup.code}_${recencyGroup.code}`, label: `${frequencyGroup.label}${recencyGroup.label}` };
}

export interface RfCellDefinition extends RfStage {
  recency: number;
  frequency: number;
}

/** Every cell of the matrix with its stage (the engine joins this as a lookup table). */
export function rfCells(settings: RfMatrixSettings): RfCellDefinition[] {
  const cells: RfCellDefinition[] = [];
  for (let recency = 0; recency <= settings.recencyMonths; recency++) {
    for (let frequency = 0; frequency <= settings.frequencyCap; frequency++) {
      cells.push({ recency, frequency, ...rfStage(recency, frequency, settings) });
    }
  }
  return cells;
}

export function recencyLabel(bucket: number, recencyMonths: number): string {
  return bucket >= recencyMonths ? `${recencyMonths}+` : `<${bucket + 1}`;
}

export function frequencyLabel(bucket: number, frequencyCap: number): string {
  return bucket >= frequencyCap ? `${frequencyCap}+` : String(bucket);
}
