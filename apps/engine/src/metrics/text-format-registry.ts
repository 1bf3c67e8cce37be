import type {
  CounterMetric,
  GaugeMetric,
  HistogramMetric,
  Labels,
  MetricDefinition,
  MetricsRegistry,
} from './metrics-registry';

/**
 * A small writer of the Prometheus text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): `# HELP` and `# TYPE` per
 * metric, one line per series, histograms as cumulative `_bucket{le=…}` lines with `_sum` and
 * `_count`. Only what the engine uses: counters, gauges, histograms.
 */
export class TextFormatRegistry implements MetricsRegistry {
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';
  private readonly metrics = new Map<string, WritableMetric>();

  counter<L extends string>(definition: MetricDefinition<L>): CounterMetric<L> {
    return this.add(new Counter(definition));
  }

  histogram<L extends string>(definition: MetricDefinition<L> & { buckets: readonly number[] }): HistogramMetric<L> {
    return this.add(new Histogram(definition, definition.buckets));
  }

  gauge<L extends string>(
    definition: MetricDefinition<L> & { collect?: (gauge: GaugeMetric<L>) => Promise<void> | void },
  ): GaugeMetric<L> {
    return this.add(new Gauge(definition, definition.collect));
  }

  async render(): Promise<string> {
    const metrics = [...this.metrics.values()];
    await Promise.all(metrics.map((metric) => metric.collect()));
    return metrics.map((metric) => metric.write()).join('');
  }

  private add<M extends WritableMetric>(metric: M): M {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric.name)) throw new Error(`invalid metric name ${metric.name}`);
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}

interface WritableMetric {
  readonly name: string;
  collect(): Promise<void>;
  write(): string;
}

abstract class Metric<L extends string> implements WritableMetric {
  readonly name: string;
  protected abstract readonly type: 'counter' | 'gauge' | 'histogram';

  constructor(protected readonly definition: MetricDefinition<L>) {
    this.name = definition.name;
  }

  async collect(): Promise<void> {}

  write(): string {
    return `# HELP ${this.name} ${escapeHelp(this.definition.help)}\n# TYPE ${this.name} ${this.type}\n${this.lines()}`;
  }

  protected abstract lines(): string;

  /** The series key and its label text, `{a="x",b="y"}` in the order of labelNames. */
  protected series(labels: Labels<L>): string {
    const pairs = this.definition.labelNames.map((name) => {
      const value = (labels as Partial<Labels<L>>)[name];
      if (value === undefined) throw new Error(`${this.name}: label ${name} is missing`);
      return `${name}="${escapeLabelValue(value)}"`;
    });
    return pairs.length ? `{${pairs.join(',')}}` : '';
  }
}

class Counter<L extends string> extends Metric<L> implements CounterMetric<L> {
  protected readonly type = 'counter';
  private readonly values = new Map<string, number>();

  inc(labels: Labels<L>, by = 1): void {
    if (!(by >= 0)) throw new Error(`${this.name}: a counter only goes up (got ${by})`);
    const key = this.series(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  protected lines(): string {
    return [...this.values].map(([labels, value]) => `${this.name}${labels} ${formatValue(value)}\n`).join('');
  }
}

class Gauge<L extends string> extends Metric<L> implements GaugeMetric<L> {
  protected readonly type = 'gauge';
  private readonly values = new Map<string, number>();

  constructor(
    definition: MetricDefinition<L>,
    private readonly collector?: (gauge: GaugeMetric<L>) => Promise<void> | void,
  ) {
    super(definition);
  }

  set(labels: Labels<L>, value: number): void {
    this.values.set(this.series(labels), value);
  }

  reset(): void {
    this.values.clear();
  }

  override async collect(): Promise<void> {
    await this.collector?.(this);
  }

  protected lines(): string {
    return [...this.values].map(([labels, value]) => `${this.name}${labels} ${formatValue(value)}\n`).join('');
  }
}

interface HistogramSeries {
  /** Observations per bucket (not cumulative), the last one being +Inf. */
  counts: number[];
  sum: number;
  count: number;
  labels: string[];
}

class Histogram<L extends string> extends Metric<L> implements HistogramMetric<L> {
  protected readonly type = 'histogram';
  private readonly upperBounds: readonly number[];
  private readonly values = new Map<string, HistogramSeries>();

  constructor(definition: MetricDefinition<L>, buckets: readonly number[]) {
    super(definition);
    if ((definition.labelNames as readonly string[]).includes('le')) throw new Error(`${this.name}: "le" is reserved`);
    this.upperBounds = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: Labels<L>, value: number): void {
    const key = this.series(labels);
    let series = this.values.get(key);
    if (!series) {
      series = {
        counts: new Array<number>(this.upperBounds.length + 1).fill(0),
        sum: 0,
        count: 0,
        labels: this.definition.labelNames.map((name) => `${name}="${escapeLabelValue(labels[name])}"`),
      };
      this.values.set(key, series);
    }
    let bucket = this.upperBounds.findIndex((bound) => value <= bound);
    if (bucket === -1) bucket = this.upperBounds.length;
    series.counts[bucket]!++;
    series.sum += value;
    series.count++;
  }

  protected lines(): string {
    let text = '';
    for (const [key, series] of this.values) {
      let cumulative = 0;
      const bounds = [...this.upperBounds.map(formatValue), '+Inf'];
      bounds.forEach((bound, index) => {
        cumulative += series.counts[index]!;
        text += `${this.name}_bucket{${[...series.labels, `le="${bound}"`].join(',')}} ${cumulative}\n`;
      });
      text += `${this.name}_sum${key} ${formatValue(series.sum)}\n${this.name}_count${key} ${series.count}\n`;
    }
    return text;
  }
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** HELP text escapes backslash and line feed; label values also the double quote. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(value: string): string {
  return escapeHelp(value).replace(/"/g, '\\"');
}
