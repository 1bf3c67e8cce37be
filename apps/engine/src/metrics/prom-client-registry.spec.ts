import { PromClientRegistry } from './prom-client-registry';

describe('PromClientRegistry', () => {
  it('writes counters, histograms and gauges read on scrape, in a registry of its own per engine', async () => {
    // Two engines in one process (tests, benchmarks) register the same names without clashing.
    const registries = [new PromClientRegistry(), new PromClientRegistry()];
    const [registry] = registries;
    const requests = registry!.counter({ name: 'kizuna_test_total', help: 'Requests.', labelNames: ['route'] });
    const latency = registry!.histogram({
      name: 'kizuna_test_seconds',
      help: 'Latency.',
      labelNames: ['route'],
      buckets: [0.1, 0.5],
    });
    let depth = 7;
    registry!.gauge({
      name: 'kizuna_test_jobs',
      help: 'Jobs.',
      labelNames: ['queue'],
      collect: async (gauge) => {
        gauge.reset();
        gauge.set({ queue: depth === 7 ? 'a' : 'b' }, depth);
      },
    });
    registries[1]!
      .counter({ name: 'kizuna_test_total', help: 'Requests.', labelNames: ['route'] })
      .inc({ route: '/b' });
    requests.inc({ route: '/a' });
    requests.inc({ route: '/a' }, 2);
    for (const value of [0.05, 0.3, 2]) latency.observe({ route: '/a' }, value);

    const text = await registry!.render();
    expect(registry!.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('# TYPE kizuna_test_total counter\nkizuna_test_total{route="/a"} 3\n');
    expect(text).not.toContain('route="/b"');
    expect(text).toContain(
      'kizuna_test_seconds_bucket{le="0.1",route="/a"} 1\n' +
        'kizuna_test_seconds_bucket{le="0.5",route="/a"} 2\n' +
        'kizuna_test_seconds_bucket{le="+Inf",route="/a"} 3\n' +
        'kizuna_test_seconds_sum{route="/a"} 2.35\n' +
        'kizuna_test_seconds_count{route="/a"} 3\n',
    );
    expect(text).toContain('kizuna_test_jobs{queue="a"} 7\n');
    expect(text).toContain('process_resident_memory_bytes ');
    depth = 0;
    const next = await registry!.render();
    expect(next).toContain('kizuna_test_jobs{queue="b"} 0\n');
    expect(next).not.toContain('queue="a"');
  });
});
