export {
  evaluateConditions,
  quantileThresholds,
  type EvaluatedCondition,
  type PatternCondition,
  type PatternFeature,
} from './conditions';
export {
  discoverPatterns,
  type Pattern,
  type PatternDiscovery,
  type PatternKpi,
  type PatternOptions,
} from './discover-patterns';
export {
  benjaminiHochberg,
  chiSquareTwoByTwo,
  fisherExactTwoSided,
  twoByTwoPValue,
  welchTTest,
  type SampleMoments,
  type TwoByTwo,
} from './significance';
