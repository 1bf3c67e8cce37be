export {};
export * from './metrics';
export * from './propensity';
