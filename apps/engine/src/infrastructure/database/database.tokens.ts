export const PG_POOL = Symbol('PG_POOL');
export const PRISMA = Symbol('PRISMA');
export const DATABASE_URL = Symbol('DATABASE_URL');
