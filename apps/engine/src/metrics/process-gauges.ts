import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { METRICS_REGISTRY, type MetricsRegistry } from './metrics-registry';

/**
 * This process's memory and event-loop delay, under the names prom-client's default metrics use
 * (`process_resident_memory_bytes`, `nodejs_heap_size_used_bytes`, `nodejs_eventloop_lag_p99_seconds`),
 * so dashboards keep working when that library replaces this writer. A busy event loop delays
 * every request and every job of the process: the first thing to read when latency grows.
 */
@Injectable()
export class ProcessGauges implements OnApplicationShutdown {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });

  constructor(@Inject(METRICS_REGISTRY) registry: MetricsRegistry) {
    this.delay.enable();
    registry.gauge({
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes.',
      labelNames: [],
      collect: (gauge) => gauge.set({}, process.memoryUsage.rss()),
    });
    registry.gauge({
      name: 'nodejs_heap_size_used_bytes',
      help: 'V8 heap in use, in bytes.',
      labelNames: [],
      collect: (gauge) => gauge.set({}, process.memoryUsage().heapUsed),
    });
    registry.gauge({
      name: 'nodejs_eventloop_lag_p99_seconds',
      help: '99th percentile of the event loop delay since the previous scrape, in seconds.',
      labelNames: [],
      collect: (gauge) => {
        // Nanoseconds; NaN when the loop was never sampled (a scrape right after start).
        const p99 = this.delay.count ? this.delay.percentile(99) / 1e9 : 0;
        gauge.set({}, p99);
        this.delay.reset();
      },
    });
  }

  onApplicationShutdown(): void {
    this.delay.disable();
  }
}
