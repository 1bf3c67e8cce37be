export * from './analyses';
export * from './rules';
