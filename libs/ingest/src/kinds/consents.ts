import {
  CUSTOMER_REFERENCE_COLUMNS,
  CUSTOMER_REFERENCE_GROUP,
  readCustomerReference,
  type CustomerReference,
} from '../rows/customer-reference';
import type { ImportKindDefinition } from '../rows/import-kind-definition';
import { choiceParser } from '../values/choices';
import { parseDateTime } from '../values/date-time';

export type ConsentChannel = 'email' | 'line' | 'sms' | 'dm';
export type ConsentStatus = 'granted' | 'revoked';

export interface ConsentRow {
  reference: CustomerReference;
  channel: ConsentChannel;
  status: ConsentStatus;
  recordedAt: Date;
}

export const parseConsentChannel = choiceParser<ConsentChannel>({
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  メール: 'email',
  line: 'line',
  sms: 'sms',
  dm: 'dm',
  direct_mail: 'dm',
  ダイレクトメール: 'dm',
});

export const parseConsentStatus = choiceParser<ConsentStatus>({
  granted: 'granted',
  opt_in: 'granted',
  'opt-in': 'granted',
  optin: 'granted',
  yes: 'granted',
  '1': 'granted',
  許諾: 'granted',
  同意: 'granted',
  revoked: 'revoked',
  opt_out: 'revoked',
  'opt-out': 'revoked',
  optout: 'revoked',
  no: 'revoked',
  '0': 'revoked',
  拒否: 'revoked',
  停止: 'revoked',
});

export const consentsDefinition: ImportKindDefinition<ConsentRow> = {
  kind: 'consents',
  columns: [...CUSTOMER_REFERENCE_COLUMNS, 'channel', 'status', 'recorded_at'],
  required: ['channel', 'status', 'recorded_at'],
  oneOf: [CUSTOMER_REFERENCE_GROUP],
  prefixes: [],
  parseRow(reader) {
    const reference = readCustomerReference(reader);
    const channel = reader.required('channel', parseConsentChannel);
    const status = reader.required('status', parseConsentStatus);
    const recordedAt = reader.required('recorded_at', (raw) => parseDateTime(raw, reader.context.timeZone));
    if (reader.issues.length || !reference || !channel || !status || !recordedAt) return undefined;
    return { reference, channel, status, recordedAt };
  },
};
