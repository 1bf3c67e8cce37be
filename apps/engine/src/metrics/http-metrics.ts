import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { METRICS_REGISTRY, type CounterMetric, type HistogramMetric, type MetricsRegistry } from './metrics-registry';

/** prom-client's default buckets: 5 ms to 10 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts HTTP requests by route template and status, and their latency. It listens to the HTTP
 * server's `request` event, ahead of Express, so a request's time includes reading and parsing its
 * body (the JSON parsers run before any Nest middleware would). The route label is the matched
 * route's template (`/api/v1/journeys/:id`), never the raw path, so ids do not multiply the
 * series; requests no API route matched (the editor's files, and 404s, which Nest answers from a
 * catch-all route `*path`) are `unmatched`.
 */
@Injectable()
export class HttpMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly requests: CounterMetric<'method' | 'route' | 'status'>;
  private readonly latency: HistogramMetric<'method' | 'route'>;
  private server: Server | undefined;
  private readonly onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const started = process.hrtime.bigint();
    // 'close' comes after the response finished or the client went away first; the latter is
    // counted as 499, nginx's "client closed request", so timeouts of impatient clients show.
    response.once('close', () => {
      const route = (request as IncomingMessage & { route?: { path?: unknown } }).route?.path;
      const labels = {
        method: request.method ?? 'GET',
        route: typeof route === 'string' && route.startsWith('/') ? route : 'unmatched',
      };
      this.requests.inc({ ...labels, status: response.writableFinished ? String(response.statusCode) : '499' });
      this.latency.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
  };

  constructor(
    @Inject(METRICS_REGISTRY) registry: MetricsRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.requests = registry.counter({
      name: 'kizuna_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
    });
    this.latency = registry.histogram({
      name: 'kizuna_http_request_duration_seconds',
      help: 'Time from the request reaching the server to the last byte of the response.',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
    });
  }

  onApplicationBootstrap(): void {
    // Absent in an application context without HTTP (the CLI, benchmarks).
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    this.server = adapter?.getHttpServer() as Server | undefined;
    this.server?.prependListener('request', this.onRequest);
  }

  onApplicationShutdown(): void {
    this.server?.off('request', this.onRequest);
  }
}
