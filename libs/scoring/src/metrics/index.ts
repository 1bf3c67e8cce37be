export { rankAuc } from './auc';
export { calibrationTable, expectedCalibrationError, type CalibrationBin } from './calibration';
export { scoreDistribution, type ScoreDistribution } from './score-distribution';
