import { toCsvLine } from '../imports/csv-line';
import type { RfMatrixResult } from './results/rf-matrix.result';

/** One line per cell, with its stage, counts, shares and the measured repeat rate. */
export function rfMatrixCsv(matrix: RfMatrixResult): string {
  const header = [
    'months_since_last',
    'purchases',
    'stage',
    'stage_code',
    'customers',
    'customer_share',
    'sales',
    'sales_share',
    'cohort_customers',
    'repeated',
    'repeat_rate',
  ];
  const lines = matrix.cells.map((cell) =>
    toCsvLine([
      cell.recencyLabel,
      cell.frequencyLabel,
      cell.stage.label,
      cell.stage.code,
      cell.customers,
      cell.customerShare,
      cell.sales,
      cell.salesShare,
      cell.cohortCustomers,
      cell.repeated,
      cell.repeatRate ?? '',
    ]),
  );
  return `${[toCsvLine(header), ...lines].join('\r\n')}\r\n`;
}
