import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { lineErrorOutcome, lineRetryKey, planLineRequests, retryAfterMs, type LineSendItem } from './line-sending';

const user = (n: number) => `U${n.toString(16).padStart(32, '0')}`;
const text = (value: string): messagingApi.Message[] => [{ type: 'text', text: value }];
const item = (n: number, content: string, key = `key-${n}`): LineSendItem => ({
  recipient: user(n),
  idempotencyKey: key,
  messages: text(content),
});

function httpError(status: number, body: unknown, headers: Record<string, string> = {}): HTTPFetchError {
  return new HTTPFetchError(`${status}`, {
    status,
    statusText: 'x',
    headers: new Headers(headers),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('LINE retry keys', () => {
  it('are RFC 9562 version-5 UUIDs of the idempotency key (checked against Python uuid.uuid5)', () => {
    expect(lineRetryKey('enrollment:42:node:send-1')).toBe('92eba372-3e52-591b-8f4c-944429961ecf');
    expect(lineRetryKey('enrollment:43:node:send-1')).toBe('eeb4cf88-f150-549e-bc37-7ac3b67dbcc9');
    expect(lineRetryKey('enrollment:42:node:send-1')).toBe(lineRetryKey('enrollment:42:node:send-1'));
  });
});

describe('planning LINE requests', () => {
  it('multicasts identical content, pushes personalised content, in first-seen order', () => {
    const items = [item(1, 'sale'), item(2, 'hello 2'), item(3, 'sale'), item(4, 'sale'), item(5, 'hello 5')];
    expect(planLineRequests(items)).toEqual([
      { kind: 'multicast', items: [0, 2, 3], retryKey: expect.any(String) },
      { kind: 'push', items: [1], retryKey: lineRetryKey('key-2') },
      { kind: 'push', items: [4], retryKey: lineRetryKey('key-5') },
    ]);
  });

  it('cuts multicasts at the recipient limit and pushes a lone remainder', () => {
    const items = Array.from({ length: 7 }, (_, n) => item(n, 'same'));
    expect(planLineRequests(items, 3).map((r) => [r.kind, r.items])).toEqual([
      ['multicast', [0, 1, 2]],
      ['multicast', [3, 4, 5]],
      ['push', [6]],
    ]);
  });

  it('names a user once per multicast and pushes groups and rooms', () => {
    const items = [item(1, 'same', 'a'), item(1, 'same', 'b'), item(2, 'same', 'c')];
    const group: LineSendItem = { recipient: `C${'0'.repeat(32)}`, idempotencyKey: 'g', messages: text('same') };
    expect(planLineRequests([...items, group]).map((r) => [r.kind, r.items])).toEqual([
      ['multicast', [0, 2]],
      ['push', [1]],
      ['push', [3]],
    ]);
  });

  it('keys a multicast by its messages, whatever their order', () => {
    const [forward] = planLineRequests([item(1, 'x', 'a'), item(2, 'x', 'b')]);
    const [backward] = planLineRequests([item(2, 'x', 'b'), item(1, 'x', 'a')]);
    expect(forward!.retryKey).toBe(backward!.retryKey);
    expect(forward!.retryKey).toBe(lineRetryKey('multicast\na\nb'));
    expect(forward!.retryKey).toBe('2be35158-8691-5a5e-b6fd-ac9c996023c7');
  });
});

describe('LINE error outcomes', () => {
  const now = new Date('2026-12-07T01:00:00Z');

  it('retries rate limits and server errors, after Retry-After when given', () => {
    expect(lineErrorOutcome(httpError(429, { message: 'Too Many Requests' }), now)).toEqual({
      kind: 'retry',
      reason: 'LINE 429: Too Many Requests',
    });
    expect(lineErrorOutcome(httpError(503, 'oops', { 'retry-after': '120' }), now)).toEqual({
      kind: 'retry',
      reason: 'LINE 503: x',
      retryAfterMs: 120_000,
    });
  });

  it('fails the monthly limit for good: no retry this month gets through', () => {
    expect(lineErrorOutcome(httpError(429, { message: 'You have reached your monthly limit.' }), now)).toEqual({
      kind: 'failed',
      reason: 'LINE 429: You have reached your monthly limit.',
      bounced: false,
    });
  });

  it('counts 409 (retry key already accepted) as sent', () => {
    expect(
      lineErrorOutcome(
        httpError(409, { message: 'The retry key is already accepted' }, { 'x-line-accepted-request-id': 'req-1' }),
        now,
      ),
    ).toEqual({ kind: 'sent', providerMessageId: 'req-1', delivered: true });
  });

  it('bounces a refused recipient; fails other 4xx without blaming the address', () => {
    expect(
      lineErrorOutcome(httpError(400, { message: "The property, 'to', in the request body is invalid" }), now),
    ).toMatchObject({ kind: 'failed', bounced: true });
    expect(
      lineErrorOutcome(
        httpError(400, {
          message: 'The request body has 1 error(s)',
          details: [{ message: 'May not be empty', property: 'messages[0].text' }],
        }),
        now,
      ),
    ).toEqual({
      kind: 'failed',
      reason: 'LINE 400: The request body has 1 error(s) (messages[0].text: May not be empty)',
      bounced: false,
    });
    expect(lineErrorOutcome(httpError(401, { message: 'Authentication failed' }), now)).toEqual({
      kind: 'failed',
      reason: 'LINE 401: Authentication failed',
      bounced: false,
    });
    expect(lineErrorOutcome(httpError(403, { message: 'Forbidden' }), now)).toMatchObject({ bounced: false });
  });

  it('retries when no answer came', () => {
    expect(lineErrorOutcome(new TypeError('fetch failed'), now)).toEqual({
      kind: 'retry',
      reason: 'LINE request failed: fetch failed',
    });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 01:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
