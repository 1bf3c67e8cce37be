import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { EngineConfig } from './config/engine-config';
import { CustomersModule } from './customers/customers.module';
import { DemoModule } from './demo/demo.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { ChannelsModule } from './channels/channels.module';
import { ImportsModule } from './imports/imports.module';
import { JourneysModule } from './journeys/journeys.module';
import { MetricsModule } from './metrics/metrics.module';
import type { Clock } from '@kizuna/shared';
import { ClockModule } from './infrastructure/clock.provider';
import { DatabaseModule } from './infrastructure/database/database.module';
import { DataChangeModule } from './infrastructure/data-changes/data-change.notifier';
import { RateLimitModule, rateLimitsFrom } from './infrastructure/http/rate-limits';
import { QueueModule } from './infrastructure/queue/queue.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ReportsModule } from './reports/reports.module';
import { SchedulingModule } from './infrastructure/scheduling/periodic-tasks';
import { SecretsModule } from './infrastructure/secrets/secret-box';
import { ScoringModule } from './scoring/scoring.module';
import { SegmentsModule } from './segments/segments.module';
import { WorkspaceModule } from './workspaces/workspace.module';

export interface AppModuleOptions {
  config: EngineConfig;
  databaseUrl: string;
  logger: Logger;
  /** The clock every module reads (default: the system clock). */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logger, clock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            // Health probes and metrics scrapes every few seconds would drown the log.
            autoLogging: { ignore: (request) => request.url === '/api/health' || request.url === '/api/metrics' },
            customLogLevel: (_request, response, error) =>
              error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
        RateLimitModule.forRoot(
          rateLimitsFrom(config),
          config.REDIS_URL
            ? {
                redisUrl: config.REDIS_URL,
                cluster: config.KIZUNA_REDIS_CLUSTER === 'on',
                prefix: config.KIZUNA_QUEUE_PREFIX,
              }
            : undefined,
        ),
        DatabaseModule.forRoot(databaseUrl, config.KIZUNA_DB_POOL_SIZE),
        QueueModule.forRoot(config.REDIS_URL, {
          prefix: config.KIZUNA_QUEUE_PREFIX,
          cluster: config.KIZUNA_REDIS_CLUSTER === 'on',
        }),
        DataChangeModule,
        SecretsModule,
        SchedulingModule,
        WorkspaceModule,
        AuditModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        CustomersModule,
        PrivacyModule,
        EventsModule,
        ImportsModule,
        AnalyticsModule,
        SegmentsModule,
        ChannelsModule,
        JourneysModule,
        ReportsModule,
        ScoringModule,
        DemoModule,
      ],
    };
  }
}
