import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

type Json = Record<string, unknown>;

interface AuditPage {
  items: Json[];
  nextCursor: string | null;
}

/**
 * The audit log beyond personal data requests (privacy.int-spec.ts): templates, archiving, settings
 * changes that touch only a secret, the acting key's name kept after it is revoked, and another
 * workspace's key that sees none of it.
 */
describe('Audit log', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;

  async function api<T = Json>(
    path: string,
    init: RequestInit & { json?: unknown } = {},
    workspace = shop,
  ): Promise<T> {
    const response = await test.api(workspace, path, init);
    const body = await response.text();
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${body}`);
    return (body ? JSON.parse(body) : undefined) as T;
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('shop');
    other = await test.createWorkspace('other');
  });
  afterAll(() => test.stop());

  it('records template saves and removals, and archiving a journey', async () => {
    const content = { channel: 'email', subject: 'こんにちは', html: '<p>{{ customer.fullName }} 様</p>' };
    await api('/api/v1/templates/email/hello', { method: 'PUT', json: { name: 'Hello', content } });
    await api('/api/v1/templates/email/hello', { method: 'DELETE' });
    const journey = await api<{ id: number }>('/api/v1/journeys', {
      method: 'POST',
      json: {
        name: 'Archived',
        graph: {
          version: 1,
          nodes: [
            { id: 'go', type: 'trigger.event', config: { eventName: 'x', filters: [] } },
            { id: 'done', type: 'exit', config: {} },
          ],
          edges: [{ id: 'e1', source: 'go', target: 'done' }],
        },
      },
    });
    await api(`/api/v1/journeys/${journey.id}/archive`, { method: 'POST' });

    const page = await api<AuditPage>('/api/v1/audit?limit=3');
    expect(page.items.map((entry) => [entry.action, entry.target, entry.details])).toEqual([
      ['journey.archive', { type: 'journey', id: String(journey.id) }, {}],
      ['template.remove', { type: 'template', id: 'email/hello' }, {}],
      ['template.update', { type: 'template', id: 'email/hello' }, { name: 'Hello' }],
    ]);
    expect(page.nextCursor).toBe(page.items[2]!.id);
  });

  it('reports a secret-only change as changed, without values', async () => {
    const settings = (smtpUrl: string) => ({
      public: { fromAddress: 'news@kizuna.example', senderName: '絆', postalAddress: '東京都渋谷区1-1' },
      secret: { smtpUrl },
    });
    await api('/api/v1/channels/email', { method: 'PUT', json: settings('smtp://a:first-pass@127.0.0.1:2525') });
    await api('/api/v1/channels/email', { method: 'PUT', json: settings('smtp://a:second-pass@127.0.0.1:2525') });
    await api('/api/v1/channels/email', { method: 'PUT', json: settings('smtp://a:second-pass@127.0.0.1:2525') });
    const page = await api<AuditPage>('/api/v1/audit?action=channel.settings.update');
    expect(page.items.map((entry) => entry.details)).toEqual([
      { changes: [] },
      { changes: [{ field: 'secret.smtpUrl', changed: true }] },
      {
        changes: [
          { field: 'public.fromAddress', from: null, to: 'news@kizuna.example' },
          { field: 'public.poolSize', from: null, to: 5 },
          { field: 'public.postalAddress', from: null, to: '東京都渋谷区1-1' },
          { field: 'public.senderName', from: null, to: '絆' },
          { field: 'secret.smtpUrl', changed: true },
        ],
      },
    ]);
    expect(JSON.stringify(page)).not.toMatch(/first-pass|second-pass/);
  });

  it("names the acting key as it was, even after it is revoked, and keeps each workspace's log its own", async () => {
    const bridge = await api<{ id: number; key: string }>('/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'POS bridge' },
    });
    const asBridge = { ...shop, apiKey: bridge.key };
    await api('/api/v1/analytics/settings', { method: 'PUT', json: { schedule: { afterImports: false } } }, asBridge);
    await api(`/api/v1/api-keys/${bridge.id}`, { method: 'DELETE' });

    const [settings] = (await api<AuditPage>('/api/v1/audit?action=analytics.settings.update')).items;
    expect(settings).toMatchObject({
      actor: { type: 'api_key', id: String(bridge.id), name: 'POS bridge' },
      details: { changes: [{ field: 'schedule.afterImports', from: true, to: false }] },
    });
    const [revoked] = (await api<AuditPage>('/api/v1/audit?action=api_key.revoke')).items;
    expect(revoked).toMatchObject({ target: { type: 'api_key', id: String(bridge.id) } });
    expect((revoked!.actor as Json).name).toBe('test');

    const theirs = await api<AuditPage>('/api/v1/audit', {}, other);
    expect(theirs.items.map((entry) => entry.action)).toEqual(['api_key.create']);
    const filtered = await api<AuditPage>('/api/v1/audit?action=template.update', {}, other);
    expect(filtered.items).toEqual([]);
  });

  it('refuses an unknown action, a bad cursor or limit with 400', async () => {
    for (const query of ['action=journey.delete', 'cursor=-1', 'limit=0', 'limit=201', 'from=yesterday', 'extra=1']) {
      const response = await test.api(shop, `/api/v1/audit?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });
});
