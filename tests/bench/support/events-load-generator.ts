/**
 * The load generator of `npm run bench -- events-load`, in its own process (run with `fork`) so
 * that it does not share an event loop with the server it measures. Keep-alive connections through
 * node:http (no autocannon in node_modules). Two modes, as autocannon has them:
 *
 * - closed: `connections` requests in flight, each sent when the previous one answered (the most
 *   the server takes);
 * - rate: requests sent on a fixed schedule whatever the answers (a sustained rate); latency counts
 *   from the scheduled time, so a server that falls behind is not flattered by the generator
 *   waiting for it (coordinated omission).
 *
 * Every event id is unique in a run (`tag`), so the count stored must equal the count accepted.
 */
import http from 'node:http';

export interface LoadPhase {
  url: string;
  apiKey?: string;
  mode: 'closed' | 'rate';
  /** closed: requests in flight; rate: the most sockets open at once. */
  connections: number;
  /** rate mode: requests per second. */
  rate?: number;
  durationMs: number;
  eventsPerRequest: number;
  /** Customers are drawn from `customers` ids (found or created by the engine). */
  customers: number;
  tag: string;
}

export interface LoadResult {
  requests: number;
  /** Events in requests answered 202. */
  eventsSent: number;
  /** Sum of `accepted` in the 202 answers. */
  accepted: number;
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

let sequence = 0;

function body(phase: LoadPhase): string {
  const request = ++sequence;
  const events = [];
  for (let i = 0; i < phase.eventsPerRequest; i++) {
    // A fixed stride walks every customer; page views and cart events as an EC site sends them.
    const customer = (request * 7919 + i * 104_729) % phase.customers;
    events.push({
      eventId: `${phase.tag}-${request}-${i}`,
      name: i % 5 === 0 ? 'add_to_cart' : 'page_view',
      customer: { customerId: `LOAD${customer}`, email: `load${customer}@example.jp` },
      occurredAt: '2026-12-06T10:15:00+09:00',
      properties: { sku: `UR-${customer % 40}`, path: `/products/${customer % 400}`, price: 3_300 },
    });
  }
  return JSON.stringify({ source: 'ec', events });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

async function run(phase: LoadPhase): Promise<LoadResult> {
  const target = new URL('/api/v1/events', phase.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: phase.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let requests = 0;
  let eventsSent = 0;
  let accepted = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + phase.durationMs;

  const send = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const payload = body(phase);
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(phase.apiKey ? { authorization: `Bearer ${phase.apiKey}` } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - scheduledAt);
            requests++;
            const status = String(response.statusCode);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (response.statusCode === 202) {
              eventsSent += phase.eventsPerRequest;
              accepted += (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { accepted: number }).accepted;
            }
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(payload);
    });

  if (phase.mode === 'closed') {
    await Promise.all(
      Array.from({ length: phase.connections }, async () => {
        while (performance.now() < deadline) await send(performance.now());
      }),
    );
  } else {
    const interval = 1000 / phase.rate!;
    const inFlight = new Set<Promise<void>>();
    for (let n = 0; ; n++) {
      const at = started + n * interval;
      if (at >= deadline) break;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = send(at).finally(() => inFlight.delete(sent));
      inFlight.add(sent);
    }
    await Promise.all(inFlight);
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests,
    eventsSent,
    accepted,
    statuses,
    errors,
    seconds,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
    },
  };
}

process.on('message', (message: LoadPhase | 'stop') => {
  if (message === 'stop') process.exit(0);
  void run(message).then((result) => process.send?.(result));
});
