import { Module } from '@nestjs/common';
import { BacklogRepository } from './backlog.repository';
import { EngineGauges } from './engine-gauges';
import { HttpMetrics } from './http-metrics';
import { METRICS_REGISTRY } from './metrics-registry';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { PromClientRegistry } from './prom-client-registry';

/** GET /api/metrics in the Prometheus text format (docs/operations.md lists the metrics). */
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useClass: PromClientRegistry },
    BacklogRepository,
    EngineGauges,
    HttpMetrics,
    MetricsTokenGuard,
  ],
})
export class MetricsModule {}
