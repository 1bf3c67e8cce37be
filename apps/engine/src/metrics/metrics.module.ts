import { Module } from '@nestjs/common';
import { BacklogRepository } from './backlog.repository';
import { EngineGauges } from './engine-gauges';
import { HttpMetrics } from './http-metrics';
import { METRICS_REGISTRY } from './metrics-registry';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { ProcessGauges } from './process-gauges';
import { TextFormatRegistry } from './text-format-registry';

/** GET /api/metrics in the Prometheus text format (docs/operations.md lists the metrics). */
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useClass: TextFormatRegistry },
    BacklogRepository,
    EngineGauges,
    HttpMetrics,
    MetricsTokenGuard,
    ProcessGauges,
  ],
})
export class MetricsModule {}
