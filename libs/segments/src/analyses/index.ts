export * from './abc-classes';
export * from './analytics-settings';
export * from './rf-stages';
export * from './rfm-ranks';
export * from './stable-segments';
export * from './target-selection';
export * from './analysis-segments';
