import {
  calendarDayFromIso,
  fitRepeatPurchaseModels,
  isoFromCalendarDay,
  predictRepeatPurchases,
  PurchaseSummariser,
  timeUnitSchema,
  type RepeatPurchaseFit,
  type RepeatPurchasePrediction,
  type TimeUnit,
} from '@kizuna/scoring';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliUsageError } from '../cli-output';
import { readPurchaseFile } from '../purchases-csv';

const optionsSchema = z.object({
  transactions: z.string().min(1),
  calibrationEnd: z.string().refine((text) => calendarDayFromIso(text) !== null, 'must be a date YYYY-MM-DD'),
  unit: timeUnitSchema,
  predict: z.coerce
    .number({ error: 'must be a number of time units > 0' })
    .positive('must be a number of time units > 0')
    .optional(),
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
      const predictions =
        options.predict === undefined
          ? null
          : {
              horizon: options.predict,
              unit: options.unit,
              values: predictRepeatPurchases(models, summaries, options.predict),
            };
      const result = resultOf(models, file.withAmounts, predictions);
      await write(
        options.json ? JSON.stringify(result, null, 2) : describe(result, options.calibrationEnd, options.unit),
      );
    });
}

/** What `--json` prints: the paper's names for the parameters, `ll` for the log-likelihood. */
interface BgNbdCommandResult {
  r: number;
  alpha: number;
  a: number;
  b: number;
  ll: number;
  customers: number;
  /** Present when the file has amounts; null when it could not be fitted, and then why. */
  gammaGamma?: { p: number; q: number; gamma: number; ll: number; customers: number } | null;
  gammaGammaNotFitted?: string;
  /** With --predict: the horizon and its unit, and each customer's predictions. */
  horizon?: number;
  unit?: TimeUnit;
  predictions?: RepeatPurchasePrediction[];
}

function resultOf(
  { bgNbd, gammaGamma, gammaGammaNotFitted }: RepeatPurchaseFit,
  withAmounts: boolean,
  predictions: { horizon: number; unit: TimeUnit; values: RepeatPurchasePrediction[] } | null,
): BgNbdCommandResult {
  const spend = gammaGamma && {
    p: gammaGamma.p,
    q: gammaGamma.q,
    gamma: gammaGamma.gamma,
    ll: gammaGamma.logLikelihood,
    customers: gammaGamma.customers,
  };
  return {
    r: bgNbd.r,
    alpha: bgNbd.alpha,
    a: bgNbd.a,
    b: bgNbd.b,
    ll: bgNbd.logLikelihood,
    customers: bgNbd.customers,
    ...(withAmounts ? { gammaGamma: spend } : {}),
    ...(withAmounts && gammaGammaNotFitted ? { gammaGammaNotFitted } : {}),
    ...(predictions ? { horizon: predictions.horizon, unit: predictions.unit, predictions: predictions.values } : {}),
  };
}

function describe(result: BgNbdCommandResult, calibrationEnd: string, unit: TimeUnit): string {
  const { gammaGamma, predictions } = result;
  const fixed = (value: number, digits: number) => value.toFixed(digits);
  return [
    `BG/NBD on ${result.customers} customers (calibration to ${calibrationEnd}, ${unit}s):`,
    `  r ${fixed(result.r, 4)}  alpha ${fixed(result.alpha, 4)}  a ${fixed(result.a, 4)}  b ${fixed(result.b, 4)}  log-likelihood ${fixed(result.ll, 2)}`,
    ...(gammaGamma
      ? [
          `Gamma-Gamma on ${gammaGamma.customers} customers with repeat purchases:`,
          `  p ${fixed(gammaGamma.p, 4)}  q ${fixed(gammaGamma.q, 4)}  gamma ${fixed(gammaGamma.gamma, 4)}  log-likelihood ${fixed(gammaGamma.ll, 2)}`,
        ]
      : []),
    ...(result.gammaGammaNotFitted ? [`Gamma-Gamma not fitted: ${result.gammaGammaNotFitted}`] : []),
    ...(predictions
      ? [
          `customer\tx\tt_x\tT\tP(alive)\tE[purchases in ${result.horizon} ${unit}s]${gammaGamma ? '\tE[order value]' : ''}`,
          ...predictions.map((p) =>
            [
              p.customerId,
              p.frequency,
              fixed(p.recency, 2),
              fixed(p.age, 2),
              fixed(p.probabilityAlive, 4),
              fixed(p.expectedPurchases, 4),
              ...(p.expectedOrderValue === null ? [] : [fixed(p.expectedOrderValue, 2)]),
            ].join('\t'),
          ),
        ]
      : []),
  ].join('\n');
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
