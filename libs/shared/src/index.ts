export * from './clock';
export * from './domain-error';
export * from './schedule/cron-schedule';
export * from './collections/group-by';
export * from './access/permissions';
