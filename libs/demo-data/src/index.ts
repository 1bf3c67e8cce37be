export type { DemoImportKind, DemoOptions, DemoSource, DemoTable } from './demo-table';
export { demoDataset } from './demo-dataset';
