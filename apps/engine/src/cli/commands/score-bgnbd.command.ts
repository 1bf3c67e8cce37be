import {
  calendarDayFromIso,
  fitRepeatPurchaseModels,
  isoFromCalendarDay,
  predictRepeatPurchases,
  PurchaseSummariser,
  timeUnitSchema,
} from '@kizuna/scoring';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliUsageError } from '../cli-output';
import { readPurchaseFile } from '../purchases-csv';

const optionsSchema = z.object({
  transactions: z.string().min(1),
  calibrationEnd: z.string().refine((text) => calendarDayFromIso(text) !== null, 'must be a date YYYY-MM-DD'),
  unit: timeUnitSchema,
  predict: z.coerce.number().positive('must be a number of time units > 0').optional(),
  json: z.boolean().optional(),
});

const OPTION_NAMES: Record<string, string> = {
  transactions: '--transactions',
  calibrationEnd: '--calibration-end',
  unit: '--unit',
  predict: '--predict',
};

/**
 * `kizuna score bgnbd`: BG/NBD (and Gamma-Gamma when the file has amounts) on a transaction file,
 * without a database: the models of libs/scoring on a plain CSV, for checking them against other
 * tools or scoring data that is not in a workspace.
 */
export function registerScoreBgNbdCommand(score: Command): void {
  score
    .command('bgnbd')
    .description('fit BG/NBD (and Gamma-Gamma with amounts) on a CSV of customer_id,date[,amount]')
    .requiredOption('--transactions <csv>', 'transactions: header customer_id,date[,amount], dates YYYY-MM-DD')
    .requiredOption('--calibration-end <date>', 'last day of the calibration period (YYYY-MM-DD, included)')
    .requiredOption('--unit <unit>', 'time unit of recency, T and --predict: day or week')
    .option('--predict <t>', "add each customer's P(alive) and expected purchases in the next t units")
    .option('--json', 'print as JSON')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const name = OPTION_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
        throw new CliUsageError(`${name}: ${issue.message}`);
      }
      const options = parsed.data;
      const calibrationEndDay = calendarDayFromIso(options.calibrationEnd)!;
      const summariser = new PurchaseSummariser({ calibrationEndDay, unit: options.unit });
      const file = await readPurchaseFile(options.transactions, (purchase) => summariser.add(purchase));
      if (!file.earliest) throw new CliUsageError(`${options.transactions} holds no transactions`);
      if (file.earliest.day > calibrationEndDay)
        throw new CliUsageError(
          `--calibration-end ${options.calibrationEnd} is before the first transaction ` +
            `(${options.transactions} line ${file.earliest.line}, column date: ${isoFromCalendarDay(file.earliest.day)})`,
        );
      const summaries = summariser.summaries();
      const models = fitRepeatPurchaseModels(summaries);
      const { r, alpha, a, b, logLikelihood, customers } = models.bgNbd;
      const gammaGamma = models.gammaGamma && {
        p: models.gammaGamma.p,
        q: models.gammaGamma.q,
        gamma: models.gammaGamma.gamma,
        ll: models.gammaGamma.logLikelihood,
        customers: models.gammaGamma.customers,
      };
      const predictions =
        options.predict === undefined ? undefined : predictRepeatPurchases(models, summaries, options.predict);
      if (options.json)
        return write(
          JSON.stringify(
            {
              r,
              alpha,
              a,
              b,
              ll: logLikelihood,
              customers,
              ...(file.withAmounts ? { gammaGamma } : {}),
              ...(predictions ? { horizon: options.predict, unit: options.unit, predictions } : {}),
            },
            null,
            2,
          ),
        );
      await write(
        [
          `BG/NBD on ${customers} customers (calibration to ${options.calibrationEnd}, ${options.unit}s):`,
          `  r ${r.toFixed(4)}  alpha ${alpha.toFixed(4)}  a ${a.toFixed(4)}  b ${b.toFixed(4)}  log-likelihood ${logLikelihood.toFixed(2)}`,
          ...(gammaGamma
            ? [
                `Gamma-Gamma on ${gammaGamma.customers} customers with repeat purchases:`,
                `  p ${gammaGamma.p.toFixed(4)}  q ${gammaGamma.q.toFixed(4)}  gamma ${gammaGamma.gamma.toFixed(4)}  log-likelihood ${gammaGamma.ll.toFixed(2)}`,
              ]
            : []),
          ...(predictions
            ? [
                `customer\tx\tt_x\tT\tP(alive)\tE[purchases in ${options.predict} ${options.unit}s]${gammaGamma ? '\tE[order value]' : ''}`,
                ...predictions.map(
                  (p) =>
                    `${p.customerId}\t${p.frequency}\t${p.recency.toFixed(2)}\t${p.age.toFixed(2)}\t${p.probabilityAlive.toFixed(4)}\t${p.expectedPurchases.toFixed(4)}` +
                    (p.expectedOrderValue === null ? '' : `\t${p.expectedOrderValue.toFixed(2)}`),
                ),
              ]
            : []),
        ].join('\n'),
      );
    });
}

/**
 * Writes and waits until stdout has taken the text: the CLI exits with process.exit() as soon as the
 * command returns, which would cut a large output (predictions for every customer) short on a pipe.
 */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve())),
  );
}
