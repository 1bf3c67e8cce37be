import type { MessageChannel, SendOutcome, TemplateContent } from '@kizuna/channels';
import type { SeriesRecommendation } from '../cross-sell-recommendation.sql';

/** What a template can print about the customer and the message (Liquid variables). */
export interface TemplateData {
  customer: {
    id: number;
    familyName: string | null;
    givenName: string | null;
    familyNameKana: string | null;
    givenNameKana: string | null;
    /** 姓 名, or whichever part is known. */
    fullName: string | null;
    prefecture: string | null;
    city: string | null;
    attributes: Record<string, unknown>;
  };
  coupon: { code: string | null };
  message: { id: string };
  /** The correlated series this customer has not bought yet (cross-sell affinity); absent when none applies. */
  recommendation?: SeriesRecommendation;
}

/** A postal address for direct mail (none of it is an identifier: kept exactly as stored). */
export interface PostalAddress {
  postalCode: string | null;
  prefecture: string | null;
  city: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  familyName: string | null;
  givenName: string | null;
}

/** One message ready to render and send: its template and data are resolved, its recipient known. */
export interface DeliveryItem<T extends TemplateContent = TemplateContent> {
  messageId: string;
  idempotencyKey: string;
  workspaceId: number;
  customerId: number;
  journeyId: number | null;
  nodeId: string | null;
  /** Email address, LINE user id, E.164 number, or `customer:<id>` for direct mail. */
  recipient: string;
  template: T;
  data: TemplateData;
  postalAddress: PostalAddress;
  /** 1 on the first try. */
  attempt: number;
}

export interface DeliveryResult {
  messageId: string;
  outcome: SendOutcome;
  /** What was sent, as stored on the message (subject and body, LINE messages, SMS text and segments). */
  rendered: Record<string, unknown>;
  /** Direct mail: the export batch the message joined. */
  dmBatchId?: number;
}

/**
 * A channel's way out: renders the templates and sends through the provider configured for the
 * workspace, or through the sandbox (renders, records, counts as delivered) when none is.
 */
export interface ChannelDelivery {
  readonly channel: MessageChannel;
  deliver(workspaceId: number, items: readonly DeliveryItem[]): Promise<DeliveryResult[]>;
}

export const CHANNEL_DELIVERIES = Symbol('CHANNEL_DELIVERIES');
