import { customerDetails, type CustomerDetails } from '../customer-details';
import { customerProfile, type CustomerProfile } from '../customer-profile';
import type { DemoContext } from '../demo-context';
import type { DemoTable } from '../demo-table';
import { lineUserId, memberNumber } from '../identities';
import { ecPhoneStyle, formatPhone, messyEmail, messyMemberNumber, posPhoneStyle } from '../identity-formats';
import { isoDate } from '../calendar';
import { itemAt } from '../lists';
import { Random, Stream } from '../random';
import { ecCustomerId, posCustomerId } from '../source-ids';
import { STORES } from '../stores';

const NAME_COLUMNS = [
  'family_name',
  'given_name',
  'family_name_kana',
  'given_name_kana',
  'gender',
  'birth_date',
] as const;
const ADDRESS_COLUMNS = ['postal_code', 'prefecture', 'city', 'address_line1', 'address_line2'] as const;

// prettier-ignore
export const EC_CUSTOMER_HEADER = [
  'customer_id', 'email', 'phone', 'member_no', 'line_user_id', ...NAME_COLUMNS, ...ADDRESS_COLUMNS, 'registered_at',
  'attr_skin_type',
] as const;
// prettier-ignore
export const POS_CUSTOMER_HEADER = [
  'customer_id', 'member_no', 'phone', 'email', ...NAME_COLUMNS, ...ADDRESS_COLUMNS, 'registered_at', 'attr_home_store',
] as const;
export const LINE_CUSTOMER_HEADER = ['line_user_id', 'member_no', 'registered_at', 'attr_friend_source'] as const;

/** POS exports write gender the way the member form shows it. */
const POS_GENDER_LABELS: Readonly<Record<string, string>> = { female: '女性', male: '男性', other: '' };

function fullAddress(details: CustomerDetails): string[] {
  const { postalCode, prefecture, city, line1, line2 } = details.address;
  return [postalCode, prefecture, city, line1, line2];
}

/** EC members: the sign-up form requires name, kana and full address (for delivery) and an email. */
export function ecCustomersTable(context: DemoContext): DemoTable {
  return {
    kind: 'customers',
    source: 'ec',
    header: EC_CUSTOMER_HEADER,
    *rows() {
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.ec === undefined) continue;
        const details = customerDetails(context, profile);
        const random = new Random(context.seed, index, Stream.ecRecord);
        const { links } = profile;
        yield [
          ecCustomerId(index),
          messyEmail(random, details.email),
          links.ecPhone ? formatPhone(details.phone, ecPhoneStyle(random)) : '',
          links.ecMemberNo ? messyMemberNumber(random, details.memberNo) : '',
          links.ecLineUserId ? details.lineUserId : '',
          details.familyName.kanji,
          details.givenName.kanji,
          details.familyName.kana,
          details.givenName.kana,
          profile.gender,
          random.chance(0.92) ? isoDate(profile.birthDay) : '',
          ...fullAddress(details),
          context.calendar.dateTime(profile.ec.day, profile.ec.second),
          details.skinType,
        ];
      }
    },
  };
}

/** Store members: the paper form is often half filled in, and staff key it in later. */
export function posCustomersTable(context: DemoContext): DemoTable {
  return {
    kind: 'customers',
    source: 'pos',
    header: POS_CUSTOMER_HEADER,
    *rows() {
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.pos === undefined) continue;
        const details = customerDetails(context, profile);
        const random = new Random(context.seed, index, Stream.posRecord);
        const { links } = profile;
        const kanjiWritten = random.chance(0.9);
        yield [
          posCustomerId(index),
          messyMemberNumber(random, details.memberNo),
          links.posPhone ? formatPhone(details.phone, posPhoneStyle(random)) : '',
          links.posEmail ? messyEmail(random, details.email) : '',
          kanjiWritten ? details.familyName.kanji : '',
          kanjiWritten ? details.givenName.kanji : '',
          details.familyName.kana,
          details.givenName.kana,
          POS_GENDER_LABELS[profile.gender] ?? '',
          random.chance(0.7) ? isoDate(profile.birthDay) : '',
          ...posAddress(profile, details),
          context.calendar.dateTime(profile.pos.day, profile.pos.second),
          itemAt(STORES, profile.homeStore).id,
        ];
      }
    },
  };
}

function posAddress(profile: CustomerProfile, details: CustomerDetails): string[] {
  if (profile.posAddress === 'full') return fullAddress(details);
  if (profile.posAddress === 'partial') return ['', details.address.prefecture, details.address.city, '', ''];
  return ['', '', '', '', ''];
}

/** LINE friends: LINE shares no profile data, only the user id and, once linked, the card number. */
export function lineCustomersTable(context: DemoContext): DemoTable {
  return {
    kind: 'customers',
    source: 'line',
    header: LINE_CUSTOMER_HEADER,
    *rows() {
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.line === undefined) continue;
        const random = new Random(context.seed, index, Stream.lineRecord);
        yield [
          lineUserId(context.seed, index),
          profile.links.lineMemberNo ? messyMemberNumber(random, memberNumber(context.seed, index)) : '',
          context.calendar.dateTime(profile.line.day, profile.line.second),
          profile.lineFriendSource,
        ];
      }
    },
  };
}
