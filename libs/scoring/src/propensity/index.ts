export { isHeldOut, splitRowsByCustomer } from './held-out-split';
export { InsufficientDataError } from './insufficient-data.error';
export {
  fitLogisticRegression,
  predictLogistic,
  type LogisticFit,
  type LogisticFitOptions,
} from './logistic-regression';
export {
  featureEffects,
  fitPropensity,
  rawIntercept,
  scorePropensity,
  type FeatureEffect,
  type PropensityDataset,
  type PropensityFit,
  type PropensityFitOptions,
  type PropensityMetrics,
  type PropensityModel,
} from './propensity-model';
export { fitStandardisation, type Standardisation } from './standardisation';
