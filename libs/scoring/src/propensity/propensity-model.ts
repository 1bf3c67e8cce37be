import { rankAuc } from '../metrics/auc';
import { calibrationTable, expectedCalibrationError, type CalibrationBin } from '../metrics/calibration';
import { splitRowsByCustomer } from './held-out-split';
import { InsufficientDataError } from './insufficient-data.error';
import { fitLogisticRegression, predictLogistic } from './logistic-regression';
import { fitStandardisation, type Standardisation } from './standardisation';

/** Rows to learn from: one per send, with its features (row-major) and whether it was answered. */
export interface PropensityDataset {
  featureNames: readonly string[];
  /** Row i's feature j at `i * featureNames.length + j`. */
  features: Float64Array;
  /** 1: the send was answered within the label window. */
  responded: Uint8Array;
  /** The customer of each row: decides the held-out side. */
  customerIds: Int32Array;
}

export interface PropensityFitOptions {
  /** L2 penalty on standardised coefficients (default 1). */
  l2?: number;
  /** Share of customers held out for the AUC and calibration (default 0.2). */
  heldOutShare?: number;
  /** Fewest rows, and fewest responses and non-responses, in each side (default 20 rows, 5 of each). */
  minimumRows?: number;
  minimumPerClass?: number;
}

/** How one feature moves the odds: what the user reads to see why a customer scores high. */
export interface FeatureEffect {
  feature: string;
  /** Per standard deviation of the feature: comparable across features. */
  coefficient: number;
  /** exp(coefficient): the odds multiply by this per standard deviation. */
  oddsRatioPerSd: number;
  /** Per unit of the feature as recorded. */
  rawCoefficient: number;
  mean: number;
  sd: number;
}

export interface PropensityModel {
  featureNames: string[];
  standardisation: Standardisation;
  intercept: number;
  /** On standardised features. */
  coefficients: number[];
  l2: number;
}

export interface PropensityMetrics {
  /** Rank AUC on the held-out customers' rows. */
  auc: number;
  /** On the training rows (a large gap to `auc` means over-fitting). */
  trainingAuc: number;
  trainingRows: number;
  heldOutRows: number;
  trainingResponseRate: number;
  heldOutResponseRate: number;
  /** Mean negative log-likelihood per held-out row. */
  heldOutLogLoss: number;
  calibration: CalibrationBin[];
  expectedCalibrationError: number;
  iterations: number;
  converged: boolean;
}

export interface PropensityFit {
  model: PropensityModel;
  metrics: PropensityMetrics;
  /** Sorted by the size of the effect, largest first. */
  effects: FeatureEffect[];
}

function rate(labels: Uint8Array, rows: Uint32Array): number {
  let positives = 0;
  for (let i = 0; i < rows.length; i++) positives += labels[rows[i]!]!;
  return rows.length ? positives / rows.length : Number.NaN;
}

function checkSide(
  name: string,
  side: string,
  labels: Uint8Array,
  rows: Uint32Array,
  minRows: number,
  minClass: number,
) {
  let positives = 0;
  for (let i = 0; i < rows.length; i++) positives += labels[rows[i]!]!;
  const negatives = rows.length - positives;
  if (rows.length < minRows || positives < minClass || negatives < minClass) {
    throw new InsufficientDataError(
      name,
      `the ${side} rows need at least ${minRows} sends with ${minClass} responses and ${minClass} non-responses`,
      { side, rows: rows.length, responses: positives },
    );
  }
}

/**
 * Fits a response-propensity model: standardisation and an L2 logistic regression on the
 * training customers, then AUC and a decile calibration table on the held-out customers.
 */
export function fitPropensity(
  dataset: PropensityDataset,
  options: PropensityFitOptions = {},
  name = 'propensity',
): PropensityFit {
  const p = dataset.featureNames.length;
  const n = dataset.responded.length;
  if (dataset.features.length !== n * p || dataset.customerIds.length !== n) {
    throw new RangeError(
      `dataset shape: ${n} labels, ${dataset.customerIds.length} customers, ${dataset.features.length} values for ${p} features`,
    );
  }
  const l2 = options.l2 ?? 1;
  const { training, heldOut } = splitRowsByCustomer(dataset.customerIds, options.heldOutShare ?? 0.2);
  const minRows = options.minimumRows ?? 20;
  const minClass = options.minimumPerClass ?? 5;
  checkSide(name, 'training', dataset.responded, training, minRows, minClass);
  checkSide(name, 'held-out', dataset.responded, heldOut, Math.ceil(minRows / 4), Math.ceil(minClass / 2));

  const standardisation = fitStandardisation(dataset.features, p, training);
  const fit = fitLogisticRegression(dataset.features, p, dataset.responded, training, standardisation, { l2 });
  const predicted = predictLogistic(fit, standardisation, dataset.features, p);
  const calibration = calibrationTable(predicted, dataset.responded, heldOut);
  let logLoss = 0;
  for (let i = 0; i < heldOut.length; i++) {
    const row = heldOut[i]!;
    const probability = Math.min(1 - 1e-15, Math.max(1e-15, predicted[row]!));
    logLoss -= dataset.responded[row] ? Math.log(probability) : Math.log(1 - probability);
  }
  const model: PropensityModel = {
    featureNames: [...dataset.featureNames],
    standardisation,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    l2,
  };
  return {
    model,
    metrics: {
      auc: rankAuc(predicted, dataset.responded, heldOut),
      trainingAuc: rankAuc(predicted, dataset.responded, training),
      trainingRows: training.length,
      heldOutRows: heldOut.length,
      trainingResponseRate: rate(dataset.responded, training),
      heldOutResponseRate: rate(dataset.responded, heldOut),
      heldOutLogLoss: logLoss / heldOut.length,
      calibration,
      expectedCalibrationError: expectedCalibrationError(calibration),
      iterations: fit.iterations,
      converged: fit.converged,
    },
    effects: featureEffects(model),
  };
}

/** Coefficients per feature, per standard deviation and per unit, largest effect first. */
export function featureEffects(model: PropensityModel): FeatureEffect[] {
  return model.featureNames
    .map((feature, j) => {
      const coefficient = model.coefficients[j]!;
      const sd = model.standardisation.scales[j]!;
      return {
        feature,
        coefficient,
        oddsRatioPerSd: Math.exp(coefficient),
        rawCoefficient: coefficient / sd,
        mean: model.standardisation.means[j]!,
        sd,
      };
    })
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || a.feature.localeCompare(b.feature));
}

/** The intercept on the features as recorded (unstandardised): β0 - Σ βj·μj/σj. */
export function rawIntercept(model: PropensityModel): number {
  return model.featureNames.reduce(
    (sum, _, j) => sum - (model.coefficients[j]! * model.standardisation.means[j]!) / model.standardisation.scales[j]!,
    model.intercept,
  );
}

/** P(response) for each row (row-major features in the model's feature order). */
export function scorePropensity(model: PropensityModel, features: Float64Array): Float64Array {
  return predictLogistic(model, model.standardisation, features, model.featureNames.length);
}
