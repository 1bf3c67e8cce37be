import type { AnalysisContext } from '../sql/analysis-context';
import { createCustomerBase } from '../sql/customer-base.sql';
import { computeCuts, scoreSql, type RfmCuts } from '../sql/scores.sql';
import { groupCustomers } from '../results/customer-groups';
import { decileResult, type DecileResult } from '../results/deciles.result';
import { rfMatrixResult, type RfMatrixResult } from '../results/rf-matrix.result';
import { rfmResult, type RfmResult } from '../results/rfm.result';
import { timed } from './analysis-transaction';

export interface CoreAnalyses {
  cuts: RfmCuts;
  rfm: RfmResult;
  rfMatrix: RfMatrixResult;
  deciles: DecileResult;
}

/**
 * RFM, the RF matrix and deciles: orders -> customers (one parallel pass) -> cut points; every
 * result is then one grouped scan of the customers.
 */
export async function computeCoreAnalyses(
  context: AnalysisContext,
  timings: Record<string, number>,
): Promise<CoreAnalyses> {
  await timed(timings, 'customers', () => createCustomerBase(context));
  const cuts = await timed(timings, 'cuts', () => computeCuts(context));
  const groups = await timed(timings, 'results', () => groupCustomers(context, scoreSql(cuts, context.settings)));
  return {
    cuts,
    rfm: rfmResult(context, cuts, groups),
    rfMatrix: rfMatrixResult(context, groups),
    deciles: decileResult(context, groups),
  };
}
