import type { CustomerProfile, Membership } from './customer-profile';
import type { DemoContext } from './demo-context';
import { Random, Stream } from './random';
import { onlineSecond } from './time-of-day';

export type ConsentChannel = 'email' | 'line' | 'sms' | 'dm';
export type ConsentSource = 'ec' | 'pos' | 'line';

export interface ConsentRecord {
  readonly source: ConsentSource;
  readonly channel: ConsentChannel;
  readonly status: 'granted' | 'revoked';
  readonly day: number;
  readonly second: number;
}

/**
 * A person's consent decisions across systems. Each channel is recorded by exactly one system (the
 * one that asked), and a revocation always falls on a later day than its grant, so after identity
 * resolution merges the records no two rows share customer, channel and timestamp.
 */
export function consentHistory(context: DemoContext, profile: CustomerProfile): ConsentRecord[] {
  const random = new Random(context.seed, profile.index, Stream.consents);
  const last = context.calendar.lastIndex;
  const records: ConsentRecord[] = [];
  const decide = (
    source: ConsentSource,
    channel: ConsentChannel,
    since: Membership,
    grantRate: number,
    revokeRate: number,
  ): void => {
    // Draw both outcomes up front so the stream advances the same way whatever is decided.
    const granted = random.chance(grantRate);
    const revoked = random.chance(revokeRate);
    const revokedDay = since.day + 1 + random.below(Math.max(1, last - since.day));
    const revokedSecond = onlineSecond(random);
    if (!granted) return;
    records.push({ source, channel, status: 'granted', day: since.day, second: since.second });
    if (revoked && since.day < last) {
      records.push({ source, channel, status: 'revoked', day: revokedDay, second: revokedSecond });
    }
  };
  const { ec, pos, line, links } = profile;
  // The EC sign-up form's newsletter box is pre-ticked (opt-in under 特定電子メール法 Art. 3).
  if (ec) decide('ec', 'email', ec, 0.85, 0.12);
  // SMS is asked where the phone number was given; DM where the postal address is complete.
  const smsSource = ec && links.ecPhone ? ec : pos && links.posPhone ? pos : undefined;
  if (smsSource) decide(smsSource === ec ? 'ec' : 'pos', 'sms', smsSource, 0.3, 0.1);
  const dmSource = ec ?? (pos && profile.posAddress === 'full' ? pos : undefined);
  if (dmSource) decide(dmSource === ec ? 'ec' : 'pos', 'dm', dmSource, 0.5, 0.08);
  // Following the account is the consent; blocking it is the revocation.
  if (line) decide('line', 'line', line, 1, 0.15);
  return records;
}
