import { PrismaClient } from './generated/prisma/client';
import { createPgAdapter } from './prisma-pg-adapter';

export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: createPgAdapter(url, options) });
}

export { PrismaClient };
