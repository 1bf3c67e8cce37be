import { parseLineWebhook } from './line-webhook.schema';

const BOT = `U${'b'.repeat(32)}`;
const USER = `U${'a'.repeat(32)}`;
const common = (id: string) => ({
  timestamp: 1_796_605_200_000,
  mode: 'active',
  webhookEventId: id,
  deliveryContext: { isRedelivery: false },
  source: { type: 'user', userId: USER },
});

describe('LINE webhook bodies', () => {
  it('accepts the console verification (no events) and the events Kizuna handles', () => {
    expect(parseLineWebhook({ destination: BOT, events: [] })).toEqual({
      ok: true,
      webhook: { destination: BOT, events: [] },
    });
    const parsed = parseLineWebhook({
      destination: BOT,
      events: [
        { type: 'follow', ...common('01A'), replyToken: 'r', follow: { isUnblocked: false } },
        {
          type: 'message',
          ...common('01B'),
          message: { type: 'text', id: '1', text: '2000-1234', quoteToken: 'q' },
        },
        { type: 'postback', ...common('01C'), postback: { data: 'answer=yes&m=5' } },
        { type: 'accountLink', ...common('01D'), link: { result: 'ok', nonce: 'n' } },
        { type: 'beacon', ...common('01E'), beacon: { hwid: 'x', type: 'enter' } },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.webhook.events.map((e) => e.type)).toEqual([
      'follow',
      'message',
      'postback',
      'accountLink',
      'ignored',
    ]);
    expect(parsed.webhook.events[4]).toMatchObject({ type: 'ignored', lineType: 'beacon', webhookEventId: '01E' });
  });

  it('names each offending field', () => {
    expect(parseLineWebhook({ events: [] })).toEqual({
      ok: false,
      issues: [{ field: 'destination', message: expect.any(String) }],
    });
    expect(parseLineWebhook('[]')).toMatchObject({ ok: false, issues: [{ field: '(body)' }] });
    const parsed = parseLineWebhook({
      destination: BOT,
      events: [
        { type: 'follow', ...common('01A') },
        { type: 'message', ...common('01B'), message: { type: 'text', id: '1' } },
        { type: 'postback', ...common('01C'), webhookEventId: undefined, postback: { data: 'x' } },
      ],
    });
    expect(parsed).toEqual({
      ok: false,
      issues: [
        { field: 'events.1.message.text', message: 'a text message needs its text' },
        { field: 'events.2.webhookEventId', message: expect.any(String) },
      ],
    });
  });
});
