import type { SmsSettings, SmsTemplate } from '@kizuna/channels';
import { ManualClock } from '@kizuna/shared';
import { Logger } from '@nestjs/common';
import twilio from 'twilio';
import type { DataChangeNotifier } from '../../infrastructure/data-changes/data-change.notifier';
import type { ChannelSettingsService } from '../channel-settings.service';
import type { MessageLinks } from '../message-links';
import type { SmsRepository } from '../sms.repository';
import type { DeliveryItem } from './channel-delivery';
import { SmsDelivery, twilioOutcome } from './sms.delivery';

const SETTINGS: SmsSettings = {
  public: { accountSid: `AC${'0'.repeat(32)}`, fromNumber: '+815012345678', baseUrl: 'http://twilio.test/' },
  secret: { authToken: 'token' },
};

interface SentRequest {
  method: string;
  uri: string;
  data: Record<string, string>;
  username?: string;
}

/**
 * The SDK's HTTP client replaced (the providers README's way to get Twilio's error bodies, which
 * its OpenAPI spec does not define): answers each request with the next reply.
 */
class ScriptedHttpClient extends twilio.RequestClient {
  readonly requests: SentRequest[] = [];
  constructor(private readonly replies: (() => { statusCode: number; body: unknown })[]) {
    super();
  }
  override request(options: Parameters<twilio.RequestClient['request']>[0]): Promise<never> {
    this.requests.push({
      method: options.method,
      uri: options.uri,
      data: options.data as Record<string, string>,
      username: options.username,
    });
    const reply = this.replies.shift();
    if (!reply) throw new Error('no reply scripted');
    const { statusCode, body } = reply();
    return Promise.resolve({ statusCode, body: JSON.stringify(body), headers: {} } as never);
  }
}

const twilioError = (statusCode: number, code: number, message: string) => () => ({
  statusCode,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: statusCode },
});
const accepted = (sid: string) => () => ({ statusCode: 201, body: { sid, status: 'queued' } });

function item(messageId: string, body: string, recipient = '+819012345678'): DeliveryItem {
  const template: SmsTemplate = { channel: 'sms', body, fallbacks: { 'customer.familyName': 'お客' } };
  return {
    messageId,
    idempotencyKey: `key-${messageId}`,
    workspaceId: 7,
    customerId: 70 + Number(messageId),
    journeyId: 1,
    nodeId: 'sms',
    recipient,
    template,
    data: {
      customer: {
        id: 70 + Number(messageId),
        familyName: messageId === '1' ? '佐藤' : null,
        givenName: null,
        familyNameKana: null,
        givenNameKana: null,
        fullName: null,
        prefecture: null,
        city: null,
        attributes: {},
      },
      coupon: { code: 'SMS-ABC' },
      message: { id: messageId },
    },
    postalAddress: {
      postalCode: null,
      prefecture: null,
      city: null,
      addressLine1: null,
      addressLine2: null,
      familyName: null,
      givenName: null,
    },
    attempt: 1,
  };
}

function delivery(settings: SmsSettings | undefined, http: ScriptedHttpClient) {
  const recordConsent = jest.fn<Promise<boolean>, unknown[]>().mockResolvedValue(true);
  const notify = jest.fn<Promise<void>, unknown[]>().mockResolvedValue(undefined);
  const sms = new SmsDelivery(
    { resolve: () => Promise.resolve(settings) } as unknown as ChannelSettingsService,
    { baseUrl: 'https://kizuna.example.jp' } as MessageLinks,
    { recordConsent } as unknown as SmsRepository,
    { notify } as unknown as DataChangeNotifier,
    new ManualClock('2026-12-07T01:00:00Z'),
    http,
  );
  return { sms, recordConsent, notify };
}

describe('SmsDelivery', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('renders with Liquid and fallbacks, sends through the SDK to the configured base URL, and waits for the status callback', async () => {
    const http = new ScriptedHttpClient([accepted(`SM${'1'.repeat(32)}`), accepted(`SM${'2'.repeat(32)}`)]);
    const { sms } = delivery(SETTINGS, http);
    const results = await sms.deliver(7, [
      item('1', '{{ customer.familyName }}様 クーポン {{ coupon.code }}'),
      item('2', 'Hi {{ customer.familyName }}', '+819087654321'),
    ]);
    expect(results).toEqual([
      {
        messageId: '1',
        outcome: { kind: 'sent', providerMessageId: `SM${'1'.repeat(32)}`, delivered: false },
        rendered: { to: '+819012345678', body: '佐藤様 クーポン SMS-ABC', encoding: 'UCS-2', segments: 1 },
      },
      {
        messageId: '2',
        outcome: { kind: 'sent', providerMessageId: `SM${'2'.repeat(32)}`, delivered: false },
        rendered: { to: '+819087654321', body: 'Hi お客', encoding: 'UCS-2', segments: 1 },
      },
    ]);
    expect(http.requests[0]).toEqual({
      method: 'post',
      uri: `http://twilio.test/2010-04-01/Accounts/${SETTINGS.public.accountSid}/Messages.json`,
      username: SETTINGS.public.accountSid,
      data: {
        To: '+819012345678',
        From: '+815012345678',
        Body: '佐藤様 クーポン SMS-ABC',
        StatusCallback: 'https://kizuna.example.jp/webhooks/twilio/status?m=1',
      },
    });
  });

  it('sends from the messaging service when one is configured, to a base URL with a path', async () => {
    const http = new ScriptedHttpClient([accepted(`SM${'3'.repeat(32)}`)]);
    const service = `MG${'a'.repeat(32)}`;
    const { sms } = delivery(
      {
        ...SETTINGS,
        public: { ...SETTINGS.public, messagingServiceSid: service, baseUrl: 'http://127.0.0.1:4010/twilio' },
      },
      http,
    );
    await sms.deliver(7, [item('3', 'Hello')]);
    expect(http.requests[0]!.uri).toBe(
      `http://127.0.0.1:4010/twilio/2010-04-01/Accounts/${SETTINGS.public.accountSid}/Messages.json`,
    );
    expect(http.requests[0]!.data).toEqual({
      To: '+819012345678',
      MessagingServiceSid: service,
      Body: 'Hello',
      StatusCallback: 'https://kizuna.example.jp/webhooks/twilio/status?m=3',
    });
  });

  it("maps Twilio's errors: unreachable numbers bounce, STOP revokes consent, credentials and overload retry", async () => {
    const http = new ScriptedHttpClient([
      twilioError(400, 21211, "The 'To' number +8190 is not a valid phone number."),
      twilioError(400, 21614, "'To' number is not a valid mobile number"),
      twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'),
      twilioError(401, 20003, 'Authenticate'),
      twilioError(429, 20429, 'Too Many Requests'),
      twilioError(503, 20500, 'Service unavailable'),
      twilioError(400, 21408, 'Permission to send an SMS has not been enabled for the region'),
    ]);
    const { sms, recordConsent, notify } = delivery(SETTINGS, http);
    const results = await sms.deliver(
      7,
      ['1', '2', '3', '4', '5', '6', '7'].map((id) => item(id, 'Hello')),
    );
    expect(results.map((r) => r.outcome)).toEqual([
      {
        kind: 'failed',
        bounced: true,
        reason: "Twilio 400/21211: The 'To' number +8190 is not a valid phone number.",
      },
      { kind: 'failed', bounced: true, reason: "Twilio 400/21614: 'To' number is not a valid mobile number" },
      { kind: 'failed', bounced: false, reason: 'Twilio 400/21610: Attempt to send to unsubscribed recipient' },
      { kind: 'retry', reason: 'Twilio authentication failed: Twilio 401/20003: Authenticate', retryAfterMs: 300_000 },
      { kind: 'retry', reason: 'Twilio 429/20429: Too Many Requests' },
      { kind: 'retry', reason: 'Twilio 503/20500: Service unavailable' },
      {
        kind: 'failed',
        bounced: false,
        reason: 'Twilio 400/21408: Permission to send an SMS has not been enabled for the region',
      },
    ]);
    // 21610: the customer of message 3 (customer 73) loses SMS consent, and segments hear of it.
    expect(recordConsent.mock.calls).toEqual([[7, 73, 'revoked', 'twilio-21610', new Date('2026-12-07T01:00:00Z')]]);
    expect(notify.mock.calls).toEqual([[{ kind: 'customers', workspaceId: 7, customerIds: [73] }]]);
  });

  it('retries a dropped connection', () => {
    expect(twilioOutcome({ code: 'ECONNRESET', message: 'socket hang up' })).toEqual({
      kind: 'retry',
      reason: 'Twilio ECONNRESET: socket hang up',
    });
  });

  it('refuses a body over 10 segments or an empty one without calling Twilio', async () => {
    const http = new ScriptedHttpClient([accepted(`SM${'4'.repeat(32)}`)]);
    const { sms } = delivery(SETTINGS, http);
    const results = await sms.deliver(7, [
      item('1', 'あ'.repeat(671)),
      item('2', 'a'.repeat(1530)),
      item('3', '{{ customer.attributes.none }}'),
    ]);
    expect(results.map((r) => [r.outcome, r.rendered.encoding, r.rendered.segments])).toEqual([
      [{ kind: 'failed', bounced: false, reason: 'too-long: 11 UCS-2 segments, at most 10 are sent' }, 'UCS-2', 11],
      // 1,530 septets are exactly 10 parts: sent.
      [{ kind: 'sent', providerMessageId: `SM${'4'.repeat(32)}`, delivered: false }, 'GSM-7', 10],
      [{ kind: 'failed', bounced: false, reason: 'empty-body: the template rendered no text' }, 'GSM-7', 0],
    ]);
  });

  it('records and counts as delivered in the sandbox when no provider is configured', async () => {
    const http = new ScriptedHttpClient([]);
    const { sms } = delivery(undefined, http);
    expect(await sms.deliver(7, [item('1', '{{ customer.familyName }}様')])).toEqual([
      {
        messageId: '1',
        outcome: { kind: 'sent', providerMessageId: 'sandbox-1', delivered: true },
        rendered: { to: '+819012345678', body: '佐藤様', encoding: 'UCS-2', segments: 1, sandbox: true },
      },
    ]);
    expect(http.requests).toEqual([]);
  });
});
