/**
 * The metrics port the engine's collectors write to. Its shapes follow prom-client's (`inc`,
 * `observe`, `set`, a gauge read on scrape through `collect`); prom-client-registry.ts is the
 * adapter, so the collectors and their tests do not depend on the library.
 */
export type Labels<L extends string> = Readonly<Record<L, string>>;

export interface MetricDefinition<L extends string> {
  /** `kizuna_…`; counters end in `_total`, durations in `_seconds` (Prometheus naming). */
  name: string;
  help: string;
  labelNames: readonly L[];
}

export interface CounterMetric<L extends string> {
  inc(labels: Labels<L>, by?: number): void;
}

export interface HistogramMetric<L extends string> {
  observe(labels: Labels<L>, value: number): void;
}

export interface GaugeMetric<L extends string> {
  set(labels: Labels<L>, value: number): void;
  /** Forgets every series: a gauge refilled on each scrape drops what no longer exists. */
  reset(): void;
}

export interface MetricsRegistry {
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
  counter<L extends string>(definition: MetricDefinition<L>): CounterMetric<L>;
  histogram<L extends string>(definition: MetricDefinition<L> & { buckets: readonly number[] }): HistogramMetric<L>;
  /** `collect` runs before each render; collectors run concurrently. */
  gauge<L extends string>(
    definition: MetricDefinition<L> & { collect?: (gauge: GaugeMetric<L>) => Promise<void> | void },
  ): GaugeMetric<L>;
  /** Every metric in the Prometheus text exposition format. */
  render(): Promise<string>;
}

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
