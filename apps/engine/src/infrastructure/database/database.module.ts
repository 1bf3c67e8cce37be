import { createPgPool, createPrismaClient, type Pool, type PrismaClient } from '@kizuna/db';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DATABASE_URL, PG_POOL, PRISMA } from './database.tokens';

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
  ) {}

  static forRoot(url: string, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_URL, useValue: url },
        { provide: PG_POOL, useFactory: () => createPgPool(url, { max: poolSize }) },
        { provide: PRISMA, useFactory: () => createPrismaClient(url, { max: Math.max(2, Math.floor(poolSize / 2)) }) },
      ],
      exports: [DATABASE_URL, PG_POOL, PRISMA],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end();
  }
}
