import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type {
  CounterMetric,
  GaugeMetric,
  HistogramMetric,
  MetricDefinition,
  MetricsRegistry,
} from './metrics-registry';

/**
 * The metrics port on prom-client, with a Registry of its own per engine (not the library's global
 * one: tests and benchmarks start several engines in one process, and a name registered twice in
 * one registry throws). Process and Node.js metrics come from prom-client's default collectors
 * (`process_cpu_seconds_total`, `process_resident_memory_bytes`, `nodejs_eventloop_lag_p99_seconds`,
 * heap, GC, handles).
 */
export class PromClientRegistry implements MetricsRegistry {
  private readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  counter<L extends string>(definition: MetricDefinition<L>): CounterMetric<L> {
    const counter = new Counter<L>({ ...definition, registers: [this.registry] });
    return { inc: (labels, by = 1) => counter.inc(labels, by) };
  }

  histogram<L extends string>(definition: MetricDefinition<L> & { buckets: readonly number[] }): HistogramMetric<L> {
    const histogram = new Histogram<L>({ ...definition, buckets: [...definition.buckets], registers: [this.registry] });
    return { observe: (labels, value) => histogram.observe(labels, value) };
  }

  gauge<L extends string>(
    definition: MetricDefinition<L> & { collect?: (gauge: GaugeMetric<L>) => Promise<void> | void },
  ): GaugeMetric<L> {
    const { collect, ...configuration } = definition;
    const port: GaugeMetric<L> = { set: (labels, value) => gauge.set(labels, value), reset: () => gauge.reset() };
    const gauge = new Gauge<L>({
      ...configuration,
      registers: [this.registry],
      ...(collect ? { collect: () => collect(port) } : {}),
    });
    return port;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
