import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

interface ProfileActivity {
  messages: Record<string, unknown>[];
  responses: Record<string, unknown>[];
  scores: Record<string, unknown>[];
  journeys: Record<string, unknown>[];
  activityTotals: Record<string, number>;
}

/**
 * GET /api/v1/customers/:id beyond the customer record: the messages sent through journeys, the
 * responses to them, model scores and journey enrolments, newest first, capped, and never another
 * workspace's rows. Fixtures are written straight into the tables the engine fills, so every value
 * below can be checked by hand.
 */
describe('Customer profile activity over the API', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;
  let aoi: number;
  let ren: number;
  let journeyId: number;

  async function createCustomer(workspace: TestWorkspace, email: string, familyName: string): Promise<number> {
    const response = await test.api(workspace, '/api/v1/customers', { method: 'POST', json: { email, familyName } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: number }).id;
  }

  async function activityOf(id: number, workspace = shop): Promise<ProfileActivity> {
    const response = await test.api(workspace, `/api/v1/customers/${id}`);
    expect(response.status).toBe(200);
    const { messages, responses, scores, journeys, activityTotals } = (await response.json()) as ProfileActivity;
    return { messages, responses, scores, journeys, activityTotals };
  }

  async function insertJourney(
    workspace: TestWorkspace,
    name: string,
  ): Promise<{ journeyId: number; versionId: number }> {
    const { rows } = await test.db.pool.query<{ id: number }>(
      `INSERT INTO journey (workspace_id, name, status, draft) VALUES ($1, $2, 'active', '{}') RETURNING id`,
      [workspace.id, name],
    );
    const id = rows[0]!.id;
    const version = await test.db.pool.query<{ id: number }>(
      `INSERT INTO journey_version (workspace_id, journey_id, version, graph) VALUES ($1, $2, 2, '{}') RETURNING id`,
      [workspace.id, id],
    );
    return { journeyId: id, versionId: version.rows[0]!.id };
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('shop');
    other = await test.createWorkspace('other');
    aoi = await createCustomer(shop, 'aoi@example.jp', '青井');
    ren = await createCustomer(shop, 'ren@example.jp', '蓮見');
    const outsider = await createCustomer(other, 'aoi@example.jp', '青井');

    const journey = await insertJourney(shop, '初回購入 → クロスセル');
    journeyId = journey.journeyId;
    const { rows: enrollments } = await test.db.pool.query<{ id: string }>(
      `INSERT INTO enrollment (workspace_id, journey_id, version_id, customer_id, trigger_key, state, node_id, arrived_at,
                               entered_at, exited_at, exit_reason, converted_goal, converted_at, holdout_group, wake_at)
       VALUES ($1, $2, $3, $4, 'first', 'converted', 'goal', '2026-01-12T00:00:00Z', '2026-01-10T00:00:00Z',
               '2026-01-12T00:00:00Z', 'converted', 'second-purchase', '2026-01-12T00:00:00Z', 'treatment', NULL),
              ($1, $2, $3, $4, 'second', 'active', 'wait-7d', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z',
               NULL, NULL, NULL, NULL, NULL, '2026-02-08T00:00:00Z')
       RETURNING id::text`,
      [shop.id, journey.journeyId, journey.versionId, aoi],
    );
    const { rows: messages } = await test.db.pool.query<{ id: string }>(
      `INSERT INTO message (workspace_id, customer_id, enrollment_id, journey_id, version_id, node_id, channel, template_id,
                            idempotency_key, status, suppression_reason, created_at, sent_at, delivered_at)
       VALUES ($1, $2, $3, $4, $5, 'send-email', 'email', 'cross-sell', 'k-1', 'delivered', NULL,
               '2026-01-10T01:00:00Z', '2026-01-10T01:00:05Z', '2026-01-10T01:00:09Z'),
              ($1, $2, $3, $4, $5, 'send-line', 'line', 'thanks', 'k-2', 'suppressed', 'no-consent',
               '2026-01-11T01:00:00Z', NULL, NULL)
       RETURNING id::text`,
      [shop.id, aoi, enrollments[0]!.id, journey.journeyId, journey.versionId],
    );
    const sent = messages[0]!.id;
    await test.db.pool.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel,
                             kind, at, detail, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, 'send-email', 'email', 'opened', '2026-01-10T02:00:00Z', '{}', 'o-1'),
              ($1, $2, $3, $4, $5, $6, 'send-email', 'email', 'clicked', '2026-01-10T02:01:00Z',
               '{"url": "https://shop.example.jp/cross-sell"}', 'c-1'),
              ($1, $2, $3, $4, $5, $6, 'send-email', 'email', 'converted', '2026-01-11T03:00:00Z',
               '{"orderId": 71, "amount": 5500, "via": "last-touch"}', 'order:71'),
              ($1, $2, NULL, NULL, NULL, NULL, NULL, 'sms', 'replied', '2026-01-13T00:00:00Z',
               '{"text": "届きました、ありがとう", "messageSid": "SM1"}', 'sms:SM1')`,
      [shop.id, aoi, sent, enrollments[0]!.id, journey.journeyId, journey.versionId],
    );
    await test.db.pool.query(
      `INSERT INTO customer_score (workspace_id, customer_id, model, value, model_version, computed_at)
       VALUES ($1, $2, 'response-propensity', 0.8125, 'v3', '2026-01-20T00:00:00Z'),
              ($1, $2, 'engagement', 12, 'journey', '2026-01-12T00:00:00Z'),
              ($3, $4, 'engagement', 99, 'journey', '2026-01-12T00:00:00Z')`,
      [shop.id, aoi, other.id, outsider],
    );
    // 55 messages for Ren: more than a profile lists.
    await test.db.pool.query(
      `INSERT INTO message (workspace_id, customer_id, channel, idempotency_key, status, created_at)
       SELECT $1, $2, 'email', 'bulk-' || n, 'sent', '2026-03-01T00:00:00Z'::timestamptz + make_interval(mins => n)
         FROM generate_series(1, 55) AS n`,
      [shop.id, ren],
    );
  });

  afterAll(() => test.stop());

  it('lists messages with their journey and status, newest first', async () => {
    const { messages } = await activityOf(aoi);
    expect(messages).toEqual([
      {
        id: expect.any(String),
        channel: 'line',
        status: 'suppressed',
        suppressionReason: 'no-consent',
        templateId: 'thanks',
        journeyId,
        journeyName: '初回購入 → クロスセル',
        nodeId: 'send-line',
        createdAt: '2026-01-11T01:00:00.000Z',
        sentAt: null,
        deliveredAt: null,
      },
      {
        id: expect.any(String),
        channel: 'email',
        status: 'delivered',
        suppressionReason: null,
        templateId: 'cross-sell',
        journeyId,
        journeyName: '初回購入 → クロスセル',
        nodeId: 'send-email',
        createdAt: '2026-01-10T01:00:00.000Z',
        sentAt: '2026-01-10T01:00:05.000Z',
        deliveredAt: '2026-01-10T01:00:09.000Z',
      },
    ]);
  });

  it('lists responses with the typed parts of their detail only', async () => {
    const { responses, messages } = await activityOf(aoi);
    const delivered = messages[1]!.id;
    const common = { journeyId, journeyName: '初回購入 → クロスセル', nodeId: 'send-email', messageId: delivered };
    const none = { url: null, text: null, amount: null, event: null, via: null };
    expect(responses).toEqual([
      {
        id: expect.any(String),
        kind: 'replied',
        channel: 'sms',
        at: '2026-01-13T00:00:00.000Z',
        messageId: null,
        journeyId: null,
        journeyName: null,
        nodeId: null,
        ...none,
        text: '届きました、ありがとう',
      },
      {
        id: expect.any(String),
        kind: 'converted',
        channel: 'email',
        at: '2026-01-11T03:00:00.000Z',
        ...common,
        ...none,
        amount: 5500,
        via: 'last-touch',
      },
      {
        id: expect.any(String),
        kind: 'clicked',
        channel: 'email',
        at: '2026-01-10T02:01:00.000Z',
        ...common,
        ...none,
        url: 'https://shop.example.jp/cross-sell',
      },
      { id: expect.any(String), kind: 'opened', channel: 'email', at: '2026-01-10T02:00:00.000Z', ...common, ...none },
    ]);
  });

  it('lists the current score of each model with its version and time, of this workspace only', async () => {
    const { scores } = await activityOf(aoi);
    expect(scores).toEqual([
      { model: 'engagement', value: 12, version: 'journey', computedAt: '2026-01-12T00:00:00.000Z' },
      { model: 'response-propensity', value: 0.8125, version: 'v3', computedAt: '2026-01-20T00:00:00.000Z' },
    ]);
  });

  it('lists journey enrolments with journey, version, state, node and times, newest first', async () => {
    const { journeys } = await activityOf(aoi);
    const journey = { journeyId, journeyName: '初回購入 → クロスセル', version: 2 };
    expect(journeys).toEqual([
      {
        id: expect.any(String),
        ...journey,
        state: 'active',
        nodeId: 'wait-7d',
        enteredAt: '2026-02-01T00:00:00.000Z',
        exitedAt: null,
        exitReason: null,
        wakeAt: '2026-02-08T00:00:00.000Z',
        convertedGoal: null,
        convertedAt: null,
        holdoutGroup: null,
      },
      {
        id: expect.any(String),
        ...journey,
        state: 'converted',
        nodeId: 'goal',
        enteredAt: '2026-01-10T00:00:00.000Z',
        exitedAt: '2026-01-12T00:00:00.000Z',
        exitReason: 'converted',
        wakeAt: null,
        convertedGoal: 'second-purchase',
        convertedAt: '2026-01-12T00:00:00.000Z',
        holdoutGroup: 'treatment',
      },
    ]);
  });

  it('caps each list at 50 and gives the totals', async () => {
    const activity = await activityOf(ren);
    expect(activity.messages).toHaveLength(50);
    expect(activity.messages[0]).toMatchObject({ createdAt: '2026-03-01T00:55:00.000Z', journeyId: null });
    expect(activity.messages[49]).toMatchObject({ createdAt: '2026-03-01T00:06:00.000Z' });
    expect(activity.activityTotals).toEqual({ messages: 55, responses: 0, scores: 0, journeys: 0 });
    expect((await activityOf(aoi)).activityTotals).toEqual({ messages: 2, responses: 4, scores: 2, journeys: 2 });
  });

  it('shows another workspace nothing of this one', async () => {
    const response = await test.api(other, `/api/v1/customers/${aoi}`);
    expect(response.status).toBe(404);
  });
});
