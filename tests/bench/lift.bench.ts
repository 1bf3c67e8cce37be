/**
 * `npm run bench -- lift`: the per-step lift report of a journey with 1,000,000 enrolments (10 %
 * holdout, an A/B split, two sends) and 3,000,000 messages and responses, generated with SQL
 * (generate_series) into a scratch database: enrolment steps, messages, responses (deliveries,
 * opens, clicks, last-touch conversions) and the orders behind the conversions. The report is the
 * engine's own use case (every figure: funnel, messages, responses, treated against holdout at each
 * node, arms, repeat rate by stage) with its statistics; the baseline is one plain aggregate over the
 * responses table (count per node and kind), in the same run. Target: the report under 3 s.
 */
import { createPgPool } from '@kizuna/db';
import { BuildLiftReportUseCase } from '../../apps/engine/src/reports/build-lift-report.use-case';
import { createBenchDatabase } from './support/bench-database';
import { reportBench, seconds } from './support/bench-report';
import { createEngineContext } from './support/engine-context';

const ENROLMENTS = Number(process.env.BENCH_ENROLMENTS ?? 1_000_000);
const WORKSPACE_ID = 1;
const JOURNEY_ID = 1;
const VERSION_ID = 1;
// Enrolments arrive over the week starting Monday 2026-11-30 00:00 in Tokyo.
const WEEK_START = '2026-11-29T15:00:00Z';

const graph = {
  version: 1,
  nodes: [
    { id: 'start', type: 'trigger.segment-entry', config: { segmentId: 1 } },
    { id: 'hold', type: 'holdout', config: { controlShare: 10 } },
    {
      id: 'ab',
      type: 'split',
      config: {
        arms: [
          { id: 'a', weight: 50 },
          { id: 'b', weight: 50 },
        ],
      },
    },
    { id: 'offer-a', type: 'send', config: { channel: 'email', templateId: 'offer-a' } },
    { id: 'offer-b', type: 'send', config: { channel: 'line', templateId: 'offer-b' } },
    { id: 'wait-3d', type: 'wait', config: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    { id: 'reminder', type: 'send', config: { channel: 'email', templateId: 'reminder' } },
    { id: 'goal', type: 'goal', config: { name: 'Purchase', conversion: { kind: 'purchase' }, withinDays: 14 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hold' },
    { id: 'e2', source: 'hold', sourceHandle: 'treatment', target: 'ab' },
    { id: 'e3', source: 'hold', sourceHandle: 'control', target: 'goal' },
    { id: 'e4', source: 'ab', sourceHandle: 'a', target: 'offer-a' },
    { id: 'e5', source: 'ab', sourceHandle: 'b', target: 'offer-b' },
    { id: 'e6', source: 'offer-a', target: 'wait-3d' },
    { id: 'e7', source: 'offer-b', target: 'wait-3d' },
    { id: 'e8', source: 'wait-3d', target: 'reminder' },
    { id: 'e9', source: 'reminder', target: 'goal' },
  ],
};

/**
 * Customer i enrols at WEEK_START + i·0.6 s; i % 10 = 0 is held out; treated customers take arm a
 * or b by parity; two thirds of the treated (i % 3 <> 0) reach the reminder three days later.
 * Orders: 6.7 % of treated (i % 100 in 1..6) and 4 % of holdout customers (i % 250 = 0) buy two
 * days after entering; one customer in five bought 40 days before.
 */
const GENERATE = [
  `INSERT INTO workspace (id, slug, name, timezone) VALUES (${WORKSPACE_ID}, 'bench', 'bench', 'Asia/Tokyo')`,
  `INSERT INTO journey (id, workspace_id, name, status, draft, current_version_id) VALUES (${JOURNEY_ID}, ${WORKSPACE_ID}, 'Bench', 'active', $1::jsonb, ${VERSION_ID})`,
  `INSERT INTO journey_version (id, workspace_id, journey_id, version, graph) VALUES (${VERSION_ID}, ${WORKSPACE_ID}, ${JOURNEY_ID}, 1, $1::jsonb)`,
  `INSERT INTO enrollment (id, workspace_id, journey_id, version_id, customer_id, trigger_key, state, node_id, arrived_at, holdout_group, context, entered_at, exited_at)
   SELECT i, ${WORKSPACE_ID}, ${JOURNEY_ID}, ${VERSION_ID}, i, 'segment-change:' || i, 'completed', 'goal', t,
     CASE WHEN i % 10 = 0 THEN 'control' ELSE 'treatment' END,
     CASE WHEN i % 10 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('arms', jsonb_build_object('ab', CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END)) END,
     t, t + interval '14 days'
   FROM generate_series(1, $1::int) i, LATERAL (SELECT $2::timestamptz + i * interval '600 milliseconds' AS t) x`,
  `INSERT INTO enrollment_step (workspace_id, enrollment_id, version_id, from_node, handle, to_node, at, processed_at)
   SELECT ${WORKSPACE_ID}, e.id, e.version_id, s.from_node, s.handle, s.to_node, s.at, s.at
   FROM enrollment e, LATERAL (VALUES
       ('start', 'next', 'hold', e.entered_at, true),
       ('hold', 'control', 'goal', e.entered_at, e.holdout_group = 'control'),
       ('hold', 'treatment', 'ab', e.entered_at, e.holdout_group = 'treatment'),
       ('ab', e.context->'arms'->>'ab', 'offer-' || (e.context->'arms'->>'ab'), e.entered_at, e.holdout_group = 'treatment'),
       ('offer-' || (e.context->'arms'->>'ab'), 'next', 'wait-3d', e.entered_at, e.holdout_group = 'treatment'),
       ('wait-3d', 'next', 'reminder', e.entered_at + interval '3 days', e.holdout_group = 'treatment' AND e.id % 3 <> 0),
       ('reminder', 'next', 'goal', e.entered_at + interval '3 days', e.holdout_group = 'treatment' AND e.id % 3 <> 0)
     ) AS s(from_node, handle, to_node, at, taken)
   WHERE s.taken`,
  `INSERT INTO message (id, workspace_id, customer_id, enrollment_id, journey_id, version_id, node_id, channel, template_id, idempotency_key, status, created_at, sent_at, delivered_at)
   SELECT e.id * 2 + m.n, ${WORKSPACE_ID}, e.customer_id, e.id, ${JOURNEY_ID}, ${VERSION_ID}, m.node_id, m.channel, m.node_id,
     'enrollment:' || e.id || ':' || m.node_id || ':1', 'delivered', m.at, m.at, m.at
   FROM enrollment e, LATERAL (VALUES
       (0, CASE WHEN e.context->'arms'->>'ab' = 'a' THEN 'offer-a' ELSE 'offer-b' END,
        CASE WHEN e.context->'arms'->>'ab' = 'a' THEN 'email' ELSE 'line' END, e.entered_at, true),
       (1, 'reminder', 'email', e.entered_at + interval '3 days', e.id % 3 <> 0)
     ) AS m(n, node_id, channel, at, taken)
   WHERE e.holdout_group = 'treatment' AND m.taken`,
  `INSERT INTO customer_order (workspace_id, customer_id, source, external_id, channel, ordered_at, amount, trial_only)
   SELECT ${WORKSPACE_ID}, e.customer_id, 'ec', 'o-' || e.id, 'ec'::sales_channel, e.entered_at + interval '2 days', 3000 + (e.id % 7) * 1000, false
   FROM enrollment e WHERE e.id % 100 BETWEEN 1 AND 6 OR e.id % 250 = 0
   UNION ALL
   SELECT ${WORKSPACE_ID}, e.customer_id, 'ec', 'p-' || e.id, 'store'::sales_channel, e.entered_at - interval '40 days', 5000, false
   FROM enrollment e WHERE e.id % 5 = 1`,
  // Responses: 4 in 5 messages delivered, 1 in 7 opened, 1 in 30 clicked; the orders as last-touch
  // conversions of the latest message before them, holdout orders without a message.
  `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, detail, dedupe_key)
   SELECT m.workspace_id, m.customer_id, m.id, m.enrollment_id, m.journey_id, m.version_id, m.node_id, m.channel, r.kind, m.created_at + r.after, '{}'::jsonb, r.kind || ':' || m.id
   FROM message m, LATERAL (VALUES
       ('delivered', interval '1 second', m.id % 5 <> 0),
       ('opened', interval '1 hour', m.id % 7 = 0),
       ('clicked', interval '2 hours', m.id % 30 = 0)
     ) AS r(kind, after, taken)
   WHERE r.taken`,
  `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, detail, dedupe_key)
   SELECT o.workspace_id, o.customer_id, m.id, e.id, e.journey_id, e.version_id, m.node_id, m.channel, 'converted', o.ordered_at,
     jsonb_build_object('orderId', o.id, 'amount', o.amount, 'via', CASE WHEN m.id IS NULL THEN 'holdout' ELSE 'last-touch' END),
     'order:' || o.id
   FROM customer_order o JOIN enrollment e ON e.customer_id = o.customer_id
   LEFT JOIN message m ON m.enrollment_id = e.id AND m.node_id <> 'reminder'
   WHERE o.external_id LIKE 'o-%'`,
];

async function main(): Promise<void> {
  // BENCH_KEEP_DATABASE=1 keeps the generated database (its URL is printed) for profiling queries.
  const database = await createBenchDatabase('lift');
  if (process.env.BENCH_KEEP_DATABASE) console.log(`database: ${database.url}`);
  const pool = createPgPool(database.url, { max: 2 });
  try {
    let started = process.hrtime.bigint();
    for (const statement of GENERATE) {
      const params = statement.includes('generate_series')
        ? [ENROLMENTS, WEEK_START]
        : statement.includes('$1')
          ? [JSON.stringify(graph)]
          : [];
      await pool.query(statement, params);
    }
    await pool.query('VACUUM ANALYZE');
    const counts = (
      await pool.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM enrollment) AS enrolments, (SELECT count(*) FROM enrollment_step) AS steps,
           (SELECT count(*) FROM message) AS messages, (SELECT count(*) FROM response) AS responses,
           (SELECT count(*) FROM customer_order) AS orders`,
      )
    ).rows[0]!;
    console.log(
      `generated in ${seconds(started).toFixed(1)} s: ${Object.entries(counts)
        .map(([k, v]) => `${Number(v).toLocaleString()} ${k}`)
        .join(', ')}`,
    );

    const app = await createEngineContext(database.url, {
      KIZUNA_PERIODIC_TASKS: 'off',
      KIZUNA_ROLE: 'cli',
      KIZUNA_DB_POOL_SIZE: '6',
    });
    try {
      const report = app.get(BuildLiftReportUseCase);
      const period = { from: '2026-11-30', to: '2026-12-14' };
      // Warm the cache once so neither measurement pays for the first read from disk.
      await report.execute(WORKSPACE_ID, JOURNEY_ID, period);
      await pool.query('SELECT node_id, kind, count(*) FROM response GROUP BY 1, 2');
      const runs = Number(process.env.BENCH_RUNS ?? 3);
      const baselines: number[] = [];
      const reports: number[] = [];
      for (let run = 0; run < runs; run++) {
        started = process.hrtime.bigint();
        await pool.query('SELECT node_id, kind, count(*) FROM response GROUP BY 1, 2');
        baselines.push(seconds(started));
        started = process.hrtime.bigint();
        const result = await report.execute(WORKSPACE_ID, JOURNEY_ID, period);
        reports.push(seconds(started));
        const hold = result.nodes.find((node) => node.nodeId === 'hold')!;
        console.log(
          `run ${run + 1}: plain aggregate ${baselines[run]!.toFixed(2)} s, lift report ${reports[run]!.toFixed(2)} s ` +
            `(holdout: ${hold.lift!.treated.customers.toLocaleString()} treated, ${hold.lift!.control.customers.toLocaleString()} control, ` +
            `lift ${(hold.lift!.difference.estimate * 100).toFixed(2)} pt [${(hold.lift!.difference.lower * 100).toFixed(2)}, ${(hold.lift!.difference.upper * 100).toFixed(2)}]; ` +
            `split winner ${result.nodes.find((node) => node.nodeId === 'ab')!.split?.winner ?? 'none'})`,
        );
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      reportBench({ name: 'lift', value: median(reports), unit: 's', baseline: median(baselines), better: 'lower' });
    } finally {
      await app.close();
    }
  } finally {
    await pool.end();
    if (!process.env.BENCH_KEEP_DATABASE) await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
