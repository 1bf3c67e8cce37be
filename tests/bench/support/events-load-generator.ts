/**
 * The load generator of `npm run bench -- events-load`: autocannon in its own process (run with
 * `fork`), so that it does not share an event loop with the server it measures. Two modes:
 *
 * - closed: `connections` keep-alive connections, each sending as soon as its previous request was
 *   answered (the most the server takes);
 * - rate: `rate` requests per second over `connections` (a sustained rate), latencies corrected for
 *   coordinated omission by autocannon (a server falling behind is not flattered).
 *
 * Every event id is unique in a run (`tag`), so the count stored must equal the count accepted,
 * summed from the answers.
 */
import autocannon from 'autocannon';

export interface LoadPhase {
  url: string;
  apiKey?: string;
  mode: 'closed' | 'rate';
  /** Keep-alive connections. */
  connections: number;
  /** rate mode: requests per second. */
  rate?: number;
  durationMs: number;
  /**
   * Send exactly this many requests instead of running for `durationMs`: autocannon then waits for
   * every answer, so no request is abandoned in flight (stored must equal accepted).
   */
  amount?: number;
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

async function run(phase: LoadPhase): Promise<LoadResult> {
  let eventsSent = 0;
  let accepted = 0;
  const result = await autocannon({
    url: new URL('/api/v1/events', phase.url).toString(),
    method: 'POST',
    connections: phase.connections,
    ...(phase.amount ? { amount: phase.amount } : { duration: phase.durationMs / 1000 }),
    timeout: 30,
    // With a rate, autocannon corrects latencies for coordinated omission (its default).
    ...(phase.mode === 'rate' ? { overallRate: phase.rate } : {}),
    headers: {
      'content-type': 'application/json',
      ...(phase.apiKey ? { authorization: `Bearer ${phase.apiKey}` } : {}),
    },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: body(phase) }),
        onResponse: (status, responseBody) => {
          if (status !== 202) return;
          eventsSent += phase.eventsPerRequest;
          accepted += (JSON.parse(responseBody) as { accepted: number }).accepted;
        },
      },
    ],
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, Number(count)]),
  );
  return {
    requests: Object.values(statuses).reduce((sum, n) => sum + n, 0),
    eventsSent,
    accepted,
    statuses,
    errors: result.errors,
    seconds: result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}

process.on('message', (message: LoadPhase | 'stop') => {
  if (message === 'stop') process.exit(0);
  void run(message).then((result) => process.send?.(result));
});
