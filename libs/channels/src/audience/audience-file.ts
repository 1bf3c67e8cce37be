import { normalisePhone } from '@kizuna/ingest';
import { csvText } from '../dm/csv-file';
import { sha256Hex } from '../dm/dm-manifest';

export const AUDIENCE_COLUMNS = ['email_sha256', 'phone_sha256'] as const;

/** A segment member with their latest email and phone and the current consent of each channel. */
export interface AudienceMember {
  customerId: number;
  email: string | null;
  phone: string | null;
  emailConsent: 'granted' | 'revoked' | null;
  smsConsent: 'granted' | 'revoked' | null;
}

/** Google Customer Match and Meta custom audiences hash the address trimmed and lower-cased. */
export function normaliseAudienceEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.includes('@') ? email : null;
}

/** Phones in E.164 (`+819012345678`), the form Google Customer Match hashes. */
export function normaliseAudiencePhone(raw: string): string | null {
  const phone = normalisePhone(raw);
  return phone.ok ? phone.value : null;
}

export interface AudienceCounts {
  members: number;
  /** Rows in the file: members with at least one hashed identity. */
  rows: number;
  withEmail: number;
  withPhone: number;
  /** Members who have an email or phone but consented to neither channel (left out). */
  withoutConsent: number;
}

export interface AudienceFile {
  bytes: Buffer;
  counts: AudienceCounts;
}

/**
 * The hashed audience: SHA-256 hex of each normalised identity, only where the customer consented to
 * marketing on that channel (email for the email, SMS for the phone): uploading a hashed address to
 * an ad platform is a use of it for marketing. Rows are sorted by their hashes, so the file is the
 * same for the same members and reveals nothing of customer ids or order. UTF-8 (all ASCII), no BOM.
 */
export function audienceFile(members: readonly AudienceMember[]): AudienceFile {
  const rows: [string, string][] = [];
  const counts: AudienceCounts = { members: members.length, rows: 0, withEmail: 0, withPhone: 0, withoutConsent: 0 };
  for (const member of members) {
    const email = member.email && member.emailConsent === 'granted' ? normaliseAudienceEmail(member.email) : null;
    const phone = member.phone && member.smsConsent === 'granted' ? normaliseAudiencePhone(member.phone) : null;
    if (!email && !phone) {
      if (member.email || member.phone) counts.withoutConsent++;
      continue;
    }
    if (email) counts.withEmail++;
    if (phone) counts.withPhone++;
    rows.push([email ? sha256Hex(email) : '', phone ? sha256Hex(phone) : '']);
  }
  rows.sort(([a1, a2], [b1, b2]) => (a1 < b1 ? -1 : a1 > b1 ? 1 : a2 < b2 ? -1 : a2 > b2 ? 1 : 0));
  counts.rows = rows.length;
  return { bytes: Buffer.from(csvText(AUDIENCE_COLUMNS, rows), 'utf8'), counts };
}
