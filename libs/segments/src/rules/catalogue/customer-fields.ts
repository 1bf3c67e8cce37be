import { dateField, enumField, numberField, textField } from './field-definition';

/** As the customers import stores gender (docs/import-formats.md). */
export const GENDERS = ['female', 'male', 'other'] as const;

/** Prefix of custom attributes: `attributes.<key>` reads `customer.attributes ->> key`. */
export const CUSTOM_ATTRIBUTE_PREFIX = 'attributes.';

/** Profile fields of the `customer` table an `attribute` condition can compare. */
export const CUSTOMER_FIELDS = [
  textField('attribute', 'family_name'),
  textField('attribute', 'given_name'),
  textField('attribute', 'family_name_kana'),
  textField('attribute', 'given_name_kana'),
  enumField('attribute', 'gender', GENDERS),
  dateField('attribute', 'birth_date'),
  // Birthday-month campaigns (誕生月クーポン) are a staple of Japanese retail CRM.
  numberField('attribute', 'birth_month', { min: 1, max: 12, integer: true }),
  textField('attribute', 'postal_code'),
  textField('attribute', 'prefecture'),
  textField('attribute', 'city'),
  dateField('attribute', 'registered_at'),
  dateField('attribute', 'created_at'),
] as const;

export type CustomerFieldName = (typeof CUSTOMER_FIELDS)[number]['name'];
