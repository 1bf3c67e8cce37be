import { uploadImport, waitForImport, type TestEngine, type TestWorkspace } from './test-engine';

export interface ProfileFixture {
  customerId: number;
  journeyId: number;
}

/**
 * One customer with everything a profile shows, for the browser tests: identities, purchases, their
 * analytics and a segment through the API and the importer, and the journey activity (an enrolment, two messages, three
 * responses, two scores) written straight into the tables the engine fills, so no journey needs to
 * run. Times are chosen to read differently in UTC and Asia/Tokyo (06:00Z is 15:00 JST).
 */
export async function seedProfileCustomer(test: TestEngine, workspace: TestWorkspace): Promise<ProfileFixture> {
  const created = await test.api(workspace, '/api/v1/customers', {
    method: 'POST',
    json: {
      email: 'aoi@example.jp',
      memberNo: '70000001',
      familyName: '青井',
      givenName: '葵',
      familyNameKana: 'アオイ',
      givenNameKana: 'アオイ',
      prefecture: '東京都',
      city: '渋谷区',
    },
  });
  if (created.status !== 201) throw new Error(`customer not created: ${created.status} ${await created.text()}`);
  const customerId = ((await created.json()) as { id: number }).id;

  const orders = [
    'order_id,ordered_at,email,sku,quantity,unit_price,channel',
    'S-1,2026-01-20T06:00:00Z,aoi@example.jp,UR-LOTION,2,3300,store',
    'S-1,2026-01-20T06:00:00Z,aoi@example.jp,UR-MILK,1,1100,store',
    'K-1,2026-01-10T03:00:00Z,aoi@example.jp,UR-TR,1,1100,ec',
  ].join('\n');
  const upload = await uploadImport(test, workspace, { kind: 'orders', source: 'pos' }, orders);
  const job = await waitForImport(test, workspace, ((await upload.json()) as { id: number }).id);
  if (job.status !== 'succeeded' || job.rowsRejected !== 0)
    throw new Error(`orders not imported: ${JSON.stringify(job)}`);

  // The orders import also queues a refresh (as of now) that may finish after this one: tests read
  // only figures that do not depend on the day (purchases, spend), and the segment below.
  const refreshed = await test.api(workspace, '/api/v1/analytics/refresh', {
    method: 'POST',
    json: { referenceDate: '2026-02-01' },
  });
  if (!refreshed.ok) throw new Error(`analytics not refreshed: ${refreshed.status} ${await refreshed.text()}`);
  const segment = await test.api(workspace, '/api/v1/segments', {
    method: 'POST',
    json: {
      name: 'リピーター',
      definition: {
        version: 1,
        root: {
          type: 'group',
          combinator: 'and',
          rules: [{ type: 'purchase', measure: 'count', operator: 'gte', value: 2 }],
        },
      },
    },
  });
  if (segment.status !== 201) throw new Error(`segment not created: ${segment.status} ${await segment.text()}`);

  const db = test.db.pool;
  const journey = await db.query<{ id: number }>(
    `INSERT INTO journey (workspace_id, name, status, draft) VALUES ($1, '初回購入 → クロスセル', 'active', '{}') RETURNING id`,
    [workspace.id],
  );
  const journeyId = journey.rows[0]!.id;
  const version = await db.query<{ id: number }>(
    `INSERT INTO journey_version (workspace_id, journey_id, version, graph) VALUES ($1, $2, 1, '{}') RETURNING id`,
    [workspace.id, journeyId],
  );
  const versionId = version.rows[0]!.id;
  const enrollment = await db.query<{ id: string }>(
    `INSERT INTO enrollment (workspace_id, journey_id, version_id, customer_id, trigger_key, state, node_id, arrived_at,
                             entered_at, wake_at)
     VALUES ($1, $2, $3, $4, 'first', 'active', 'wait-7d', '2026-01-10T04:00:00Z', '2026-01-10T04:00:00Z',
             '2026-01-17T04:00:00Z')
     RETURNING id::text`,
    [workspace.id, journeyId, versionId, customerId],
  );
  const enrollmentId = enrollment.rows[0]!.id;
  const message = await db.query<{ id: string }>(
    `INSERT INTO message (workspace_id, customer_id, enrollment_id, journey_id, version_id, node_id, channel, template_id,
                          idempotency_key, status, suppression_reason, created_at, sent_at, delivered_at)
     VALUES ($1, $2, $3, $4, $5, 'send-email', 'email', 'cross-sell', 'fixture-1', 'delivered', NULL,
             '2026-01-10T05:00:00Z', '2026-01-10T05:00:02Z', '2026-01-10T05:00:04Z'),
            ($1, $2, $3, $4, $5, 'send-line', 'line', 'thanks', 'fixture-2', 'suppressed', 'no-consent',
             '2026-01-11T05:00:00Z', NULL, NULL)
     RETURNING id::text`,
    [workspace.id, customerId, enrollmentId, journeyId, versionId],
  );
  await db.query(
    `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel,
                           kind, at, detail, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, 'send-email', 'email', 'opened', '2026-01-10T06:00:00Z', '{}', 'fx-o'),
            ($1, $2, $3, $4, $5, $6, 'send-email', 'email', 'clicked', '2026-01-10T06:01:00Z',
             '{"url": "https://shop.example.jp/cross-sell"}', 'fx-c'),
            ($1, $2, $3, $4, $5, $6, 'send-email', 'email', 'converted', '2026-01-20T06:00:00Z',
             '{"amount": 7700, "via": "last-touch"}', 'fx-v')`,
    [workspace.id, customerId, message.rows[0]!.id, enrollmentId, journeyId, versionId],
  );
  await db.query(
    `INSERT INTO customer_score (workspace_id, customer_id, model, value, model_version, computed_at)
     VALUES ($1, $2, 'response-propensity', 0.8125, 'v3', '2026-01-21T00:30:00Z'),
            ($1, $2, 'engagement', 12, 'journey', '2026-01-12T00:00:00Z')`,
    [workspace.id, customerId],
  );
  return { customerId, journeyId };
}
