import type { EnrollmentState } from '../journeys/enrollment.repository';
import type { ResponseKind } from '../channels/response.repository';
import type { MessageStatus } from '../messages/message.repository';

/**
 * The activity lists of GET /api/v1/customers/:id, newest first. A profile is read by a person, so
 * each list is capped; `activityTotals` says how many there are in all.
 */
export const PROFILE_ACTIVITY_LIMIT = 50;

/** Bigint ids (messages, responses, enrolments) travel as strings, as elsewhere in the API. */
export interface CustomerMessage {
  id: string;
  channel: string;
  status: MessageStatus;
  suppressionReason: string | null;
  templateId: string | null;
  journeyId: number | null;
  journeyName: string | null;
  nodeId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
}

export interface CustomerResponse {
  id: string;
  kind: ResponseKind;
  channel: string | null;
  at: Date;
  /** Null for a reply not traced to a message, or a holdout's conversion. */
  messageId: string | null;
  journeyId: number | null;
  journeyName: string | null;
  nodeId: string | null;
  /** The link of a click. */
  url: string | null;
  /** The start of a reply's text. */
  text: string | null;
  /** A conversion's order amount in yen. */
  amount: number | null;
  /** A conversion event's name. */
  event: string | null;
  /** How a conversion was attributed: last-touch, coupon, holdout. */
  via: string | null;
}

export interface CustomerScore {
  model: string;
  value: number;
  version: string;
  computedAt: Date;
}

export interface CustomerEnrollment {
  id: string;
  journeyId: number;
  journeyName: string;
  /** The published version the customer entered; null only if that version row is gone. */
  version: number | null;
  state: EnrollmentState;
  nodeId: string;
  enteredAt: Date;
  exitedAt: Date | null;
  exitReason: string | null;
  /** When a waiting enrolment wakes. */
  wakeAt: Date | null;
  convertedGoal: string | null;
  convertedAt: Date | null;
  /** `control` for a holdout (no messages sent), else the group drawn or null. */
  holdoutGroup: string | null;
}

export interface CustomerActivityTotals {
  messages: number;
  responses: number;
  scores: number;
  journeys: number;
}

export interface CustomerActivity {
  messages: CustomerMessage[];
  responses: CustomerResponse[];
  scores: CustomerScore[];
  journeys: CustomerEnrollment[];
  activityTotals: CustomerActivityTotals;
}
