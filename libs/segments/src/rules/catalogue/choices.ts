/** Closed sets of the rule language, mirroring the database enums they are compared with. */
export const IDENTITY_KINDS = ['email', 'phone', 'line', 'member', 'external'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export const IDENTITY_OPERATORS = ['has', 'has_not'] as const;

export const CONSENT_CHANNELS = ['email', 'line', 'sms', 'dm'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
/** `unknown`: the customer never said (no consent row for the channel). */
export const CONSENT_STATES = ['granted', 'revoked', 'unknown'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];
export const CONSENT_OPERATORS = ['is', 'is_not'] as const;

export const SALES_CHANNELS = ['store', 'ec'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export const PREFERENCE_DIMENSIONS = ['tag', 'series'] as const;
export type PreferenceDimension = (typeof PREFERENCE_DIMENSIONS)[number];

export const MEMBERSHIP_OPERATORS = ['member', 'not_member'] as const;

export const GROUP_COMBINATORS = ['and', 'or'] as const;
export type GroupCombinator = (typeof GROUP_COMBINATORS)[number];
