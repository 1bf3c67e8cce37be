/** Every action the audit log records; a new one is added here, so the list stays complete. */
export const AUDIT_ACTIONS = [
  'journey.publish',
  'journey.pause',
  'journey.resume',
  'journey.archive',
  'channel.settings.update',
  'channel.settings.remove',
  'analytics.settings.update',
  'api_key.create',
  'api_key.revoke',
  'template.update',
  'template.remove',
  'customer.export',
  'customer.erase',
  'user.sign_in',
  'user.password_change',
  'user.add',
  'user.update',
  'user.remove',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditTarget {
  type: string;
  id?: string | number | null;
}

/**
 * What an entry says beyond its action and target: the fields a change touched, counts. Never a
 * secret (those appear only as "changed") and never a customer's personal data.
 */
export type AuditDetails = Record<string, unknown>;
