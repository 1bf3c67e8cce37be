import { TextFormatRegistry } from './text-format-registry';

describe('TextFormatRegistry', () => {
  it('writes counters with HELP, TYPE and one line per label set, escaping label values', async () => {
    const registry = new TextFormatRegistry();
    const requests = registry.counter({
      name: 'app_requests_total',
      help: 'Requests.',
      labelNames: ['route', 'status'],
    });
    requests.inc({ route: '/a', status: '200' });
    requests.inc({ route: '/a', status: '200' }, 2);
    requests.inc({ route: 'say "hi"\\\n', status: '404' });

    expect(await registry.render()).toBe(
      '# HELP app_requests_total Requests.\n' +
        '# TYPE app_requests_total counter\n' +
        'app_requests_total{route="/a",status="200"} 3\n' +
        'app_requests_total{route="say \\"hi\\"\\\\\\n",status="404"} 1\n',
    );
  });

  it('writes histograms as cumulative buckets with +Inf, _sum and _count', async () => {
    const registry = new TextFormatRegistry();
    const latency = registry.histogram({
      name: 'app_latency_seconds',
      help: 'Latency.\nIn seconds.',
      labelNames: ['route'],
      buckets: [0.5, 0.1],
    });
    for (const value of [0.05, 0.1, 0.3, 2]) latency.observe({ route: '/a' }, value);

    expect(await registry.render()).toBe(
      '# HELP app_latency_seconds Latency.\\nIn seconds.\n' +
        '# TYPE app_latency_seconds histogram\n' +
        'app_latency_seconds_bucket{route="/a",le="0.1"} 2\n' +
        'app_latency_seconds_bucket{route="/a",le="0.5"} 3\n' +
        'app_latency_seconds_bucket{route="/a",le="+Inf"} 4\n' +
        'app_latency_seconds_sum{route="/a"} 2.45\n' +
        'app_latency_seconds_count{route="/a"} 4\n',
    );
  });

  it('reads gauges on each render through their collector, and a reset drops old series', async () => {
    const registry = new TextFormatRegistry();
    let depth = 7;
    registry.gauge({
      name: 'app_queue_jobs',
      help: 'Jobs.',
      labelNames: ['queue'],
      collect: async (gauge) => {
        gauge.reset();
        gauge.set({ queue: depth === 7 ? 'a' : 'b' }, depth);
      },
    });
    registry.gauge({ name: 'app_up', help: 'Up.', labelNames: [] }).set({}, NaN);

    expect(await registry.render()).toBe(
      '# HELP app_queue_jobs Jobs.\n# TYPE app_queue_jobs gauge\napp_queue_jobs{queue="a"} 7\n' +
        '# HELP app_up Up.\n# TYPE app_up gauge\napp_up NaN\n',
    );
    depth = 0;
    expect(await registry.render()).toContain('app_queue_jobs{queue="b"} 0\n#');
    expect(await registry.render()).not.toContain('queue="a"');
  });

  it('refuses a metric registered twice, a bad name, a missing label and a counter going down', () => {
    const registry = new TextFormatRegistry();
    const counter = registry.counter({ name: 'app_total', help: 'x', labelNames: ['a'] });
    expect(() => registry.counter({ name: 'app_total', help: 'x', labelNames: [] })).toThrow('registered twice');
    expect(() => registry.gauge({ name: 'app-gauge', help: 'x', labelNames: [] })).toThrow('invalid metric name');
    expect(() => counter.inc({} as { a: string })).toThrow('label a is missing');
    expect(() => counter.inc({ a: 'x' }, -1)).toThrow('only goes up');
  });
});
