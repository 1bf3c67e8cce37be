import { createHash } from 'node:crypto';
import { ManualClock } from '@kizuna/shared';
import { EnrolFromTriggersUseCase } from '../../apps/engine/src/journeys/use-cases/enrol-from-triggers.use-case';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';
import { drainJourneys } from '../support/engine-work';
import { rule } from '../support/segment-rule';

const attribute = (name: string, value: string) => ({
  type: 'attribute',
  field: `attributes.${name}`,
  operator: 'eq',
  value,
});
const DAY = 86_400_000;

interface Journey {
  id: number;
  status: string;
  currentVersion: number | null;
  issues: { code: string; message: string; nodeId?: string }[];
  enrollments: Record<string, number>;
}

/**
 * Journeys over HTTP against the running engine with a manual clock: drafts and validation,
 * publishing, segment and event triggers, waits, branches, holdouts, sends through the outbox with
 * consent, quiet hours and frequency caps, wait-for-event, goals, pause/resume/archive, version
 * migration, exactly-once messages and the dry run.
 */
describe('Journeys over the API', () => {
  // Monday 2026-12-07 10:00 in Tokyo.
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  let test: TestEngine;
  let shop: TestWorkspace;

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const body = (await response.json()) as T;
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Runs the ticker until nothing is due at the clock's time, then delivers the outbox (sandbox). */

  async function customers(
    ...list: { id: string; tier: string; consent?: string[] }[]
  ): Promise<Record<string, number>> {
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: {
          source: 'ec',
          customers: list.map((c) => ({
            customerId: c.id,
            email: `${c.id}@example.jp`,
            // A LINE user id (U + 32 hex digits) for everyone: LINE sends need one.
            lineUserId: `U${createHash('md5').update(c.id).digest('hex')}`,
            attributes: { tier: c.tier },
          })),
        },
      },
      201,
    );
    const { rows } = await test.db.pool.query<{ value: string; customer_id: number }>(
      `SELECT value, customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external' AND value = ANY($2)`,
      [shop.id, list.map((c) => c.id)],
    );
    const ids = Object.fromEntries(rows.map((r) => [r.value, r.customer_id]));
    for (const c of list) {
      for (const channel of c.consent ?? ['email', 'line']) {
        await test.db.pool.query(
          `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at) VALUES ($1, $2, $3, 'granted', 'test', $4)`,
          [shop.id, ids[c.id], channel, new Date('2026-01-01T00:00:00Z')],
        );
      }
    }
    return ids;
  }

  async function enrollments(journeyId: number) {
    const { rows } = await test.db.pool.query<{
      customer_id: number;
      state: string;
      node_id: string;
      wake_at: Date | null;
      holdout_group: string | null;
      exit_reason: string | null;
    }>(
      `SELECT customer_id, state, node_id, wake_at, holdout_group, exit_reason FROM enrollment WHERE journey_id = $1 ORDER BY customer_id, id`,
      [journeyId],
    );
    return rows;
  }

  async function messages(journeyId: number) {
    const { rows } = await test.db.pool.query<{
      customer_id: number;
      node_id: string;
      channel: string;
      status: string;
      suppression_reason: string | null;
      idempotency_key: string;
    }>(
      `SELECT customer_id, node_id, channel, status, suppression_reason, idempotency_key FROM message WHERE journey_id = $1 ORDER BY customer_id, id`,
      [journeyId],
    );
    return rows;
  }

  async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' }, { clock });
    shop = await test.createWorkspace('journey-shop');
    // Publishing checks that every send names an existing template of its channel.
    const templates: [string, string][] = [
      ['welcome', 'email'],
      ['gold-offer', 'line'],
      ['one', 'email'],
      ['two', 'email'],
      ['three', 'email'],
      ['thanks', 'email'],
      ['nudge', 'email'],
      ['v1', 'email'],
      ['v2', 'email'],
      ['gold', 'email'],
      ['catalogue', 'dm'],
      ['weekly', 'email'],
      ['birthday-card', 'dm'],
      ['welcome-card', 'dm'],
    ];
    for (const [key, channel] of templates) {
      const content =
        channel === 'email'
          ? {
              channel,
              subject: `{{ customer.fullName }} 様 ${key}`,
              html: `<p>${key}</p>`,
              fallbacks: { 'customer.fullName': 'お客' },
            }
          : channel === 'line'
            ? { channel, messages: [{ type: 'text', text: key }] }
            : { channel, creativeId: key };
      const response = await test.api(shop, `/api/v1/templates/${channel}/${key}`, {
        method: 'PUT',
        json: { content },
      });
      expect(response.status).toBe(200);
    }
  });

  afterAll(async () => {
    await test.stop();
  });

  it('refuses to publish an invalid draft, naming each node at fault, and keeps the draft', async () => {
    const journey = await api<Journey>(
      '/api/v1/journeys',
      {
        method: 'POST',
        json: {
          name: 'Broken',
          graph: {
            version: 1,
            nodes: [
              { id: 'send', type: 'send', config: { channel: 'email' } },
              {
                id: 'split',
                type: 'split',
                config: {
                  arms: [
                    { id: 'a', weight: 30 },
                    { id: 'b', weight: 30 },
                  ],
                },
              },
            ],
            edges: [{ id: 'e1', source: 'send', target: 'nowhere' }],
          },
        },
      },
      201,
    );
    expect(journey.issues.map((i) => i.code).sort()).toEqual(
      expect.arrayContaining(['no-trigger', 'dangling-edge', 'send-without-template', 'split-weights']),
    );
    const refused = await test.api(shop, `/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { message: string; issues: { field: string; message: string }[] };
    expect(body.message).toMatch(/journey/i);
    expect(body.issues.some((i) => /Node "send" \(send\)/.test(i.message))).toBe(true);
    const kept = await api<Journey & { draft: { nodes: unknown[] } }>(`/api/v1/journeys/${journey.id}`);
    expect(kept.status).toBe('draft');
    expect(kept.draft.nodes).toHaveLength(2);
    // A template that does not exist for the channel is named on the draft already, not only at publish.
    const unknown = await api<Journey>(`/api/v1/journeys/${journey.id}`, {
      method: 'PUT',
      json: {
        graph: {
          version: 1,
          nodes: [
            { id: 'go', type: 'trigger.event', config: { eventName: 'x', filters: [] } },
            { id: 'send', type: 'send', config: { channel: 'sms', templateId: 'welcome' } },
          ],
          edges: [{ id: 'e', source: 'go', target: 'send' }],
        },
      },
    });
    expect(unknown.issues).toEqual([
      expect.objectContaining({
        code: 'unknown-template',
        nodeId: 'send',
        message: 'Node "send" (send): no sms template "welcome" in this workspace',
      }),
    ]);
  });

  it('enrols segment entrants, sends through the outbox, waits, branches, and never sends twice', async () => {
    const segment = await api<{ id: number }>(
      '/api/v1/segments',
      {
        method: 'POST',
        json: {
          name: 'Members',
          definition: rule({ type: 'attribute', field: 'attributes.tier', operator: 'in', value: ['gold', 'silver'] }),
        },
      },
      201,
    );
    const graph = {
      version: 1,
      nodes: [
        { id: 'entry', type: 'trigger.segment-entry', config: { segmentId: segment.id } },
        { id: 'welcome', type: 'send', config: { channel: 'email', templateId: 'welcome' } },
        { id: 'wait3', type: 'wait', config: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
        {
          id: 'is-gold',
          type: 'branch',
          config: { conditions: [{ id: 'gold', rule: rule(attribute('tier', 'gold')) }] },
        },
        { id: 'gold-line', type: 'send', config: { channel: 'line', templateId: 'gold-offer' } },
        { id: 'tag', type: 'update', config: { action: 'add-tag', tag: 'followed-up' } },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [
        { id: 'e1', source: 'entry', target: 'welcome' },
        { id: 'e2', source: 'welcome', target: 'wait3' },
        { id: 'e3', source: 'wait3', target: 'is-gold' },
        { id: 'e4', source: 'is-gold', sourceHandle: 'gold', target: 'gold-line' },
        { id: 'e5', source: 'is-gold', sourceHandle: 'else', target: 'tag' },
        { id: 'e6', source: 'gold-line', target: 'done' },
        { id: 'e7', source: 'tag', target: 'done' },
      ],
    };
    const journey = await api<Journey>('/api/v1/journeys', { method: 'POST', json: { name: 'Welcome', graph } }, 201);
    expect(journey.issues).toEqual([]);
    const published = await api<{ version: number; changeSummary: string[] }>(
      `/api/v1/journeys/${journey.id}/publish`,
      { method: 'POST' },
    );
    expect(published.version).toBe(1);

    const ids = await customers(
      { id: 'g1', tier: 'gold' },
      { id: 's1', tier: 'silver' },
      { id: 'b1', tier: 'bronze' },
      { id: 'g2', tier: 'gold', consent: ['email'] },
    );
    await eventually(
      () => enrollments(journey.id),
      (rows) => rows.length === 3,
      'segment entrants enrolled',
    );
    await drainJourneys(test);
    let rows = await enrollments(journey.id);
    expect(rows.map((r) => [r.customer_id, r.node_id])).toEqual([
      [ids.g1, 'wait3'],
      [ids.s1, 'wait3'],
      [ids.g2, 'wait3'],
    ]);
    expect(rows[0]!.wake_at!.toISOString()).toBe('2026-12-10T01:00:00.000Z');
    expect((await messages(journey.id)).map((m) => [m.customer_id, m.node_id, m.status])).toEqual([
      [ids.g1, 'welcome', 'delivered'],
      [ids.s1, 'welcome', 'delivered'],
      [ids.g2, 'welcome', 'delivered'],
    ]);

    // Nothing is due before the wait ends.
    clock.advance(2 * DAY);
    await drainJourneys(test);
    expect((await messages(journey.id)).length).toBe(3);

    clock.advance(DAY);
    await drainJourneys(test);
    rows = await enrollments(journey.id);
    expect(rows.map((r) => [r.customer_id, r.state, r.exit_reason])).toEqual([
      [ids.g1, 'completed', 'completed'],
      [ids.s1, 'completed', 'completed'],
      [ids.g2, 'completed', 'completed'],
    ]);
    const sent = await messages(journey.id);
    expect(
      sent.filter((m) => m.node_id === 'gold-line').map((m) => [m.customer_id, m.status, m.suppression_reason]),
    ).toEqual([
      [ids.g1, 'delivered', null],
      // g2 gave consent to email only: the LINE message is recorded as suppressed, never sent.
      [ids.g2, 'suppressed', 'no-consent'],
    ]);
    const { rows: tagged } = await test.db.pool.query<{ id: number; tags: string[] }>(
      `SELECT id, attributes->'tags' AS tags FROM customer WHERE id = $1`,
      [ids.s1],
    );
    expect(tagged[0]!.tags).toEqual(['followed-up']);
    expect(new Set(sent.map((m) => m.idempotency_key)).size).toBe(sent.length);

    // Per-node statistics for the canvas.
    const stats = await api<{ nodeId: string; entered: number; waiting: number; messages: Record<string, number> }[]>(
      `/api/v1/journeys/${journey.id}/stats`,
    );
    expect(stats.find((s) => s.nodeId === 'entry')).toMatchObject({ entered: 3 });
    expect(stats.find((s) => s.nodeId === 'gold-line')).toMatchObject({
      entered: 2,
      messages: { delivered: 1, suppressed: 1 },
    });

    // One at a time: re-entering the segment after leaving re-enrols (the first enrolment ended).
    const upsert = async (tier: string) =>
      expect(
        (
          await test.api(shop, '/api/v1/customers', {
            method: 'POST',
            json: { source: 'ec', customers: [{ customerId: 's1', attributes: { tier } }] },
          })
        ).ok,
      ).toBe(true);
    await upsert('bronze');
    await eventually(
      () => test.db.pool.query(`SELECT 1 FROM segment_change WHERE customer_id = $1 AND change = 'exited'`, [ids.s1]),
      (r) => r.rowCount === 1,
      's1 left the segment',
    );
    await upsert('silver');
    await eventually(
      () => enrollments(journey.id),
      (r) => r.length === 4,
      's1 enrolled again',
    );
  });

  it('holds sends in quiet hours and applies frequency caps across journeys', async () => {
    // 22:30 in Tokyo.
    clock.set('2026-12-14T13:30:00Z');
    const ids = await customers({ id: 'q1', tier: 'quiet' });
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'quiet_test', filters: [] } },
        { id: 'm1', type: 'send', config: { channel: 'email', templateId: 'one' } },
        { id: 'm2', type: 'send', config: { channel: 'email', templateId: 'two' } },
        { id: 'm3', type: 'send', config: { channel: 'email', templateId: 'three' } },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'm1' },
        { id: 'b', source: 'm1', target: 'm2' },
        { id: 'c', source: 'm2', target: 'm3' },
      ],
    };
    const journey = await api<Journey>('/api/v1/journeys', { method: 'POST', json: { name: 'Quiet', graph } }, 201);
    await api(`/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: { events: [{ eventId: 'q-1', name: 'quiet_test', customer: { customerId: 'q1' } }], source: 'ec' },
      },
      202,
    );
    await eventually(
      () => enrollments(journey.id),
      (r) => r.length === 1,
      'event enrolled',
    );
    await drainJourneys(test);
    let [row] = await enrollments(journey.id);
    expect(row).toMatchObject({ node_id: 'm1', state: 'active' });
    expect(row!.wake_at!.toISOString()).toBe('2026-12-14T23:00:00.000Z'); // 08:00 JST
    expect(await messages(journey.id)).toEqual([]);

    clock.set('2026-12-14T23:00:00Z');
    await drainJourneys(test);
    [row] = await enrollments(journey.id);
    expect(row).toMatchObject({ state: 'completed' });
    // Default caps: 2 per channel per 7 days: the third email is suppressed.
    expect((await messages(journey.id)).map((m) => [m.node_id, m.status, m.suppression_reason])).toEqual([
      ['m1', 'delivered', null],
      ['m2', 'delivered', null],
      ['m3', 'suppressed', 'frequency-cap'],
    ]);
    expect(ids.q1).toBeGreaterThan(0);
  });

  it('resumes a wait-for-event when the event comes, times out otherwise, and exits converted at a goal', async () => {
    clock.set('2026-12-21T01:00:00Z');
    const ids = await customers({ id: 'w1', tier: 'x' }, { id: 'w2', tier: 'x' }, { id: 'w3', tier: 'x' });
    const graph = {
      version: 1,
      reentry: { mode: 'once' },
      nodes: [
        {
          id: 'start',
          type: 'trigger.event',
          config: { eventName: 'trial_ordered', filters: [{ property: 'sku', operator: 'eq', value: 'TRIAL-1' }] },
        },
        { id: 'hold', type: 'holdout', config: { controlShare: 1 } },
        {
          id: 'wait-view',
          type: 'wait-for-event',
          config: { eventName: 'page_view', filters: [], timeout: { amount: 2, unit: 'days' } },
        },
        { id: 'thanks', type: 'send', config: { channel: 'email', templateId: 'thanks' } },
        { id: 'nudge', type: 'send', config: { channel: 'email', templateId: 'nudge' } },
        {
          id: 'goal',
          type: 'goal',
          config: {
            name: 'Subscribed',
            conversion: { kind: 'event', eventName: 'subscribed', filters: [] },
            withinDays: 14,
          },
        },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'hold' },
        { id: 'b', source: 'hold', sourceHandle: 'treatment', target: 'wait-view' },
        { id: 'b2', source: 'hold', sourceHandle: 'control', target: 'goal' },
        { id: 'c', source: 'wait-view', sourceHandle: 'happened', target: 'thanks' },
        { id: 'd', source: 'wait-view', sourceHandle: 'timeout', target: 'nudge' },
        { id: 'e', source: 'thanks', target: 'goal' },
        { id: 'f', source: 'nudge', target: 'goal' },
      ],
    };
    const journey = await api<Journey>('/api/v1/journeys', { method: 'POST', json: { name: 'Trial', graph } }, 201);
    await api(`/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    const event = (id: string, customerId: string, name: string, properties: Record<string, unknown> = {}) => ({
      eventId: id,
      name,
      customer: { customerId },
      properties,
    });
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: [
            event('t1', 'w1', 'trial_ordered', { sku: 'TRIAL-1' }),
            event('t2', 'w2', 'trial_ordered', { sku: 'TRIAL-1' }),
            event('t3', 'w3', 'trial_ordered', { sku: 'FULL-1' }),
          ],
        },
      },
      202,
    );
    await eventually(
      () => enrollments(journey.id),
      (r) => r.length === 2,
      'trial buyers enrolled (not the full-size buyer)',
    );
    await drainJourneys(test);
    expect((await enrollments(journey.id)).map((r) => r.node_id)).toEqual(['wait-view', 'wait-view']);

    clock.advance(3_600_000);
    await api(
      '/api/v1/events',
      { method: 'POST', json: { source: 'ec', events: [event('v1', 'w1', 'page_view')] } },
      202,
    );
    await eventually(
      () => enrollments(journey.id),
      (r) => r[0]!.wake_at!.getTime() === clock.now().getTime(),
      'w1 woken',
    );
    await drainJourneys(test);
    clock.advance(2 * DAY);
    await drainJourneys(test);
    const rows = await enrollments(journey.id);
    expect(rows.map((r) => [r.customer_id, r.node_id, r.holdout_group])).toEqual([
      [ids.w1, 'goal', 'treatment'],
      [ids.w2, 'goal', 'treatment'],
    ]);
    expect((await messages(journey.id)).map((m) => [m.customer_id, m.node_id])).toEqual([
      [ids.w1, 'thanks'],
      [ids.w2, 'nudge'],
    ]);

    await api(
      '/api/v1/events',
      { method: 'POST', json: { source: 'ec', events: [event('s1', 'w2', 'subscribed')] } },
      202,
    );
    await eventually(
      () => enrollments(journey.id),
      (r) => r[1]!.wake_at!.getTime() === clock.now().getTime(),
      'w2 converted',
    );
    await drainJourneys(test);
    clock.advance(15 * DAY);
    await drainJourneys(test);
    expect((await enrollments(journey.id)).map((r) => [r.customer_id, r.state])).toEqual([
      [ids.w1, 'goal-missed'],
      [ids.w2, 'converted'],
    ]);
    // Once ever: the same trigger again does not re-enrol.
    await api(
      '/api/v1/events',
      { method: 'POST', json: { source: 'ec', events: [event('t4', 'w1', 'trial_ordered', { sku: 'TRIAL-1' })] } },
      202,
    );
    await test.engine.app.get(EnrolFromTriggersUseCase).events(shop.id);
    expect(await enrollments(journey.id)).toHaveLength(2);
  });

  it('pauses, resumes, publishes a new version, migrates running enrolments by node id, and archives', async () => {
    clock.set('2027-01-04T01:00:00Z');
    await customers({ id: 'p1', tier: 'x' });
    const graph = (template: string) => ({
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'joined', filters: [] } },
        { id: 'wait', type: 'wait', config: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
        { id: 'send', type: 'send', config: { channel: 'email', templateId: template } },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'wait' },
        { id: 'b', source: 'wait', target: 'send' },
      ],
    });
    const journey = await api<Journey>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Versions', graph: graph('v1') } },
      201,
    );
    await api(`/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: { source: 'ec', events: [{ eventId: 'j1', name: 'joined', customer: { customerId: 'p1' } }] },
      },
      202,
    );
    await eventually(
      () => enrollments(journey.id),
      (r) => r.length === 1,
      'enrolled',
    );
    await drainJourneys(test);

    await api(`/api/v1/journeys/${journey.id}/pause`, { method: 'POST' });
    clock.advance(2 * DAY);
    await drainJourneys(test);
    expect(await messages(journey.id)).toEqual([]);

    await api(`/api/v1/journeys/${journey.id}`, { method: 'PUT', json: { graph: graph('v2') } });
    const v2 = await api<{ version: number; changeSummary: string[] }>(`/api/v1/journeys/${journey.id}/publish`, {
      method: 'POST',
    });
    expect(v2.version).toBe(2);
    expect(v2.changeSummary).toEqual(['changed settings of send "send"']);
    expect(await api(`/api/v1/journeys/${journey.id}/migrate`, { method: 'POST', json: {} })).toEqual({
      moved: 1,
      stayed: 0,
    });
    await drainJourneys(test);
    expect((await messages(journey.id)).map((m) => m.node_id)).toEqual(['send']);
    const { rows } = await test.db.pool.query<{ template_id: string }>(
      `SELECT template_id FROM message WHERE journey_id = $1`,
      [journey.id],
    );
    expect(rows).toEqual([{ template_id: 'v2' }]);

    const archived = await api<Journey>(`/api/v1/journeys/${journey.id}/archive`, { method: 'POST' });
    expect(archived.status).toBe('archived');
    const refused = await test.api(shop, `/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(refused.status).toBe(409);
  });

  it('simulates a draft for chosen customers without storing or sending anything', async () => {
    clock.set('2027-01-11T01:00:00Z');
    const ids = await customers({ id: 'sim1', tier: 'gold' }, { id: 'sim2', tier: 'bronze', consent: [] });
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'never', filters: [] } },
        {
          id: 'is-gold',
          type: 'branch',
          config: { conditions: [{ id: 'gold', rule: rule(attribute('tier', 'gold')) }] },
        },
        { id: 'mail', type: 'send', config: { channel: 'email', templateId: 'gold' } },
        { id: 'wait', type: 'wait', config: { mode: 'duration', duration: { amount: 7, unit: 'days' } } },
        { id: 'dm', type: 'send', config: { channel: 'dm', templateId: 'catalogue' } },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'is-gold' },
        { id: 'b', source: 'is-gold', sourceHandle: 'gold', target: 'mail' },
        { id: 'c', source: 'is-gold', sourceHandle: 'else', target: 'wait' },
        { id: 'd', source: 'wait', target: 'dm' },
      ],
    };
    const journey = await api<Journey>('/api/v1/journeys', { method: 'POST', json: { name: 'Dry run', graph } }, 201);
    const result = await api<{
      customers: {
        customerId: number;
        outcome: string;
        messages: { nodeId: string; status: string; reason: string | null; at: string }[];
      }[];
      edgeCounts: Record<string, number>;
    }>(`/api/v1/journeys/${journey.id}/simulate`, { method: 'POST', json: { customerIds: [ids.sim1, ids.sim2] } });
    expect(
      result.customers.map((c) => [
        c.customerId,
        c.outcome,
        c.messages.map((m) => [m.nodeId, m.status, m.reason, m.at]),
      ]),
    ).toEqual([
      [ids.sim1, 'completed', [['mail', 'would-send', null, '2027-01-11T01:00:00.000Z']]],
      [ids.sim2, 'completed', [['dm', 'suppressed', 'no-consent', '2027-01-18T01:00:00.000Z']]],
    ]);
    expect(result.edgeCounts).toMatchObject({ 'start:next': 2, 'is-gold:gold': 1, 'is-gold:else': 1, 'wait:next': 1 });
    const stored = await test.db.pool.query(
      `SELECT (SELECT count(*) FROM enrollment WHERE journey_id = $1)::integer AS e, (SELECT count(*) FROM message WHERE journey_id = $1)::integer AS m`,
      [journey.id],
    );
    expect(stored.rows).toEqual([{ e: 0, m: 0 }]);

    const bad = await test.api(shop, `/api/v1/journeys/${journey.id}/simulate`, {
      method: 'POST',
      json: { customerIds: [999_999] },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/999999/);
  });

  it('lists the scenario templates and creates a journey from one with its segments', async () => {
    const templates = await api<{ key: string }[]>('/api/v1/journeys/templates');
    expect(templates.map((t) => t.key)).toEqual(
      expect.arrayContaining(['churn-prevention', 'trial-follow-up', 'birthday']),
    );
    const journey = await api<Journey>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Churn', template: 'churn-prevention' } },
      201,
    );
    expect(journey.issues).toEqual([]);
    const published = await api<{ version: number }>(`/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.version).toBe(1);
  });

  it('enrols a segment at each cron tick and birthdays a week ahead, each cause once', async () => {
    // Monday 2027-02-01 08:00 in Tokyo.
    clock.set('2027-01-31T23:00:00Z');
    const enrol = test.engine.app.get(EnrolFromTriggersUseCase);
    const segment = await api<{ id: number }>(
      '/api/v1/segments',
      {
        method: 'POST',
        json: { name: 'Cron members', definition: rule(attribute('tier', 'cron')) },
      },
      201,
    );
    const ids = await customers({ id: 'c1', tier: 'cron' }, { id: 'c2', tier: 'cron' });
    await eventually(
      () =>
        test.db.pool.query(`SELECT 1 FROM segment_membership WHERE segment_id = $1 AND exited_at IS NULL`, [
          segment.id,
        ]),
      (r) => r.rowCount === 2,
      'segment refreshed',
    );
    const weekly = {
      version: 1,
      reentry: { mode: 'after-cooldown', cooldownDays: 1 },
      nodes: [
        { id: 'tick', type: 'trigger.schedule', config: { cron: '0 9 * * 1', segmentId: segment.id } },
        { id: 'mail', type: 'send', config: { channel: 'email', templateId: 'weekly' } },
      ],
      edges: [{ id: 'a', source: 'tick', target: 'mail' }],
    };
    const cron = await api<Journey>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Weekly', graph: weekly } },
      201,
    );
    await api(`/api/v1/journeys/${cron.id}/publish`, { method: 'POST' });
    expect(await enrol.schedules()).toBe(0); // 08:00: not yet
    clock.set('2027-02-01T00:00:00Z'); // Monday 09:00 JST
    expect(await enrol.schedules()).toBe(2);
    expect(await enrol.schedules()).toBe(0); // the tick is spent; the next is a week later
    const { rows: keys } = await test.db.pool.query<{ trigger_key: string }>(
      `SELECT DISTINCT trigger_key FROM enrollment WHERE journey_id = $1`,
      [cron.id],
    );
    expect(keys).toEqual([{ trigger_key: 'schedule:2027-02-01T00:00:00.000Z' }]);
    const { rows: next } = await test.db.pool.query<{ next_run_at: Date }>(
      `SELECT next_run_at FROM journey_trigger WHERE journey_id = $1 AND active`,
      [cron.id],
    );
    expect(next[0]!.next_run_at.toISOString()).toBe('2027-02-08T00:00:00.000Z');

    // A birthday coupon a week ahead, at 10:00 local time; 29 February birthdays on the 28th otherwise.
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: {
          source: 'ec',
          customers: [
            { customerId: 'bd1', birthDate: '1990-02-08' },
            { customerId: 'bd2', birthDate: '1992-02-09' },
          ],
        },
      },
      201,
    );
    const birthday = {
      version: 1,
      reentry: { mode: 'after-cooldown', cooldownDays: 300 },
      nodes: [
        {
          id: 'bday',
          type: 'trigger.date-relative',
          config: { source: 'attribute', attribute: 'birthDate', yearly: true, offsetDays: -7, timeOfDay: '10:00' },
        },
        { id: 'coupon', type: 'send', config: { channel: 'dm', templateId: 'birthday-card' } },
      ],
      edges: [{ id: 'a', source: 'bday', target: 'coupon' }],
    };
    const card = await api<Journey>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Birthday', graph: birthday } },
      201,
    );
    await api(`/api/v1/journeys/${card.id}/publish`, { method: 'POST' });
    expect(await enrol.dates()).toBe(1);
    expect(await enrol.dates()).toBe(0); // today is scanned
    const { rows: cards } = await test.db.pool.query<{ trigger_key: string; wake_at: Date }>(
      `SELECT trigger_key, wake_at FROM enrollment WHERE journey_id = $1`,
      [card.id],
    );
    expect(cards).toEqual([{ trigger_key: 'date:2027-02-01', wake_at: new Date('2027-02-01T01:00:00Z') }]);
    clock.set('2027-02-02T00:00:00Z');
    expect(await enrol.dates()).toBe(1); // bd2, a day later
    expect(ids.c1).toBeGreaterThan(0);
  });
});
