export * from './database-bootstrap';
export * from './embedded-postgres-server';
export * from './pg-pool';
export * from './prisma-client';
export { createPgAdapter, parsePostgresUrl } from './prisma-pg-adapter';
export * as Db from './generated/prisma/enums';
