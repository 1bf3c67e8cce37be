import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a tracking or unsubscribe link stands for. */
export type LinkPurpose = 'open' | 'click' | 'unsubscribe';

export interface LinkClaims {
  purpose: LinkPurpose;
  workspaceId: number;
  messageId: string;
  /** The destination of a click link. */
  url?: string;
}

/**
 * Links in messages carry their meaning and an HMAC-SHA256 over it (RFC 2104), base64url: a
 * changed message id, destination or purpose fails the check, so a link cannot be forged to
 * unsubscribe someone else or to redirect anywhere (no open redirect).
 */
export function signLink(claims: LinkClaims, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify([claims.purpose, claims.workspaceId, claims.messageId, claims.url ?? null]),
  ).toString('base64url');
  return `${payload}.${mac(payload, key)}`;
}

export function verifyLink(token: string, key: Buffer): LinkClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [purpose, workspaceId, messageId, url] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [
      LinkPurpose,
      number,
      string,
      string | null,
    ];
    if (
      !['open', 'click', 'unsubscribe'].includes(purpose) ||
      !Number.isInteger(workspaceId) ||
      typeof messageId !== 'string'
    ) {
      return null;
    }
    return { purpose, workspaceId, messageId, ...(url ? { url } : {}) };
  } catch {
    return null;
  }
}

function mac(payload: string, key: Buffer): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
