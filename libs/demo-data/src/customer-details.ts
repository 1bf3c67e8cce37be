import { pickAddress, type PostalAddress } from './addresses';
import type { CustomerProfile } from './customer-profile';
import type { DemoContext } from './demo-context';
import { emailTag, lineUserId, memberNumber, mobileDigits } from './identities';
import { pickFamilyName, pickGivenName, type JapaneseName } from './names';
import { Random, Stream } from './random';
import { WeightedTable } from './weighted-table';

/** The personal data of customer i: what the customer tables write, regenerated on demand. */
export interface CustomerDetails {
  readonly familyName: JapaneseName;
  readonly givenName: JapaneseName;
  readonly address: PostalAddress;
  /** Canonical (lower-case, trimmed) address; source records may write it messily. */
  readonly email: string;
  /** National mobile number, digits only. */
  readonly phone: string;
  readonly memberNo: string;
  readonly lineUserId: string;
  /** Answer to the EC sign-up question 肌タイプ, or '' when skipped. */
  readonly skinType: string;
}

/** Only reserved example domains (RFC 2606 / RFC 6761), so no generated address can reach anyone. */
const EMAIL_DOMAINS: readonly string[] = ['example.jp', 'example.com', 'example.net'];
const emailDomains = new WeightedTable([45, 35, 20]);

const SKIN_TYPES: readonly string[] = ['', '乾燥肌', '混合肌', '普通肌', '敏感肌', '脂性肌'];
const skinTypes = new WeightedTable([20, 24, 20, 16, 12, 8]);

function emailLocalPart(random: Random, family: string, given: string, birthYear: number, tag: string): string {
  switch (random.below(4)) {
    case 0:
      return `${given}.${family}.${tag}`;
    case 1:
      return `${family}_${given}_${tag}`;
    case 2:
      return `${given.charAt(0)}${family}${tag}`;
    default:
      return `${given}${String(birthYear % 100).padStart(2, '0')}${tag}`;
  }
}

export function customerDetails(context: DemoContext, profile: CustomerProfile): CustomerDetails {
  const random = new Random(context.seed, profile.index, Stream.details);
  const familyName = pickFamilyName(random);
  const givenName = pickGivenName(random, profile.gender, profile.birthYear);
  const address = pickAddress(random, profile.prefectureIndex);
  const local = emailLocalPart(
    random,
    familyName.romaji,
    givenName.romaji,
    profile.birthYear,
    emailTag(context.seed, profile.index),
  );
  const domain = EMAIL_DOMAINS[emailDomains.pick(random)] ?? 'example.jp';
  return {
    familyName,
    givenName,
    address,
    email: `${local}@${domain}`,
    phone: mobileDigits(context.seed, profile.index),
    memberNo: memberNumber(context.seed, profile.index),
    lineUserId: lineUserId(context.seed, profile.index),
    skinType: SKIN_TYPES[skinTypes.pick(random)] ?? '',
  };
}
