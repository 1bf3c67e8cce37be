import { normalisePostalCode } from '../normalise/postal-code';
import { choiceParser } from '../values/choices';
import { parseCalendarDate, parseDateTime } from '../values/date-time';
import {
  CUSTOMER_REFERENCE_COLUMNS,
  CUSTOMER_REFERENCE_GROUP,
  readCustomerReference,
  type CustomerReference,
} from '../rows/customer-reference';
import type { ImportKindDefinition } from '../rows/import-kind-definition';
import type { RowReader } from '../rows/row-reader';
import { withoutUndefined } from '../values/without-undefined';

export type Gender = 'female' | 'male' | 'other';

/** Profile fields; undefined means "no value given" (an import never blanks a stored value). */
export interface CustomerProfile {
  familyName?: string;
  givenName?: string;
  familyNameKana?: string;
  givenNameKana?: string;
  gender?: Gender;
  birthDate?: string;
  postalCode?: string;
  prefecture?: string;
  city?: string;
  addressLine1?: string;
  addressLine2?: string;
  registeredAt?: Date;
}

export interface CustomerRow {
  reference: CustomerReference;
  profile: CustomerProfile;
  attributes: Record<string, string>;
}

export const parseGender = choiceParser<Gender>({
  female: 'female',
  f: 'female',
  woman: 'female',
  女性: 'female',
  女: 'female',
  male: 'male',
  m: 'male',
  man: 'male',
  男性: 'male',
  男: 'male',
  other: 'other',
  その他: 'other',
});

const NAME_COLUMNS = ['family_name', 'given_name', 'family_name_kana', 'given_name_kana'] as const;
const ADDRESS_COLUMNS = ['prefecture', 'city', 'address_line1', 'address_line2'] as const;

export function readCustomerProfile(reader: RowReader): CustomerProfile {
  const { timeZone } = reader.context;
  return withoutUndefined<CustomerProfile>({
    familyName: reader.optionalText('family_name', 100),
    givenName: reader.optionalText('given_name', 100),
    familyNameKana: reader.optionalText('family_name_kana', 100),
    givenNameKana: reader.optionalText('given_name_kana', 100),
    gender: reader.optional('gender', parseGender),
    birthDate: reader.optional('birth_date', parseCalendarDate),
    postalCode: reader.optional('postal_code', normalisePostalCode),
    prefecture: reader.optionalText('prefecture', 20),
    city: reader.optionalText('city', 100),
    addressLine1: reader.optionalText('address_line1', 200),
    addressLine2: reader.optionalText('address_line2', 200),
    registeredAt: reader.optional('registered_at', (raw) => parseDateTime(raw, timeZone)),
  });
}

export const customersDefinition: ImportKindDefinition<CustomerRow> = {
  kind: 'customers',
  columns: [
    ...CUSTOMER_REFERENCE_COLUMNS,
    ...NAME_COLUMNS,
    'gender',
    'birth_date',
    'postal_code',
    ...ADDRESS_COLUMNS,
    'registered_at',
  ],
  required: [],
  oneOf: [CUSTOMER_REFERENCE_GROUP],
  prefixes: ['attr_'],
  parseRow(reader) {
    const reference = readCustomerReference(reader);
    const profile = readCustomerProfile(reader);
    const attributes = Object.fromEntries(reader.withPrefix('attr_'));
    if (reader.issues.length || !reference) return undefined;
    return { reference, profile, attributes };
  },
};
