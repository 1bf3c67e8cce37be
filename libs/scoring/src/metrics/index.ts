export { rankAuc } from './auc';
export { calibrationTable, expectedCalibrationError, type CalibrationBin } from './calibration';
