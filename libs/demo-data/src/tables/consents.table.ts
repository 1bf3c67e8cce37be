import { consentHistory, type ConsentSource } from '../consent-history';
import { customerProfile } from '../customer-profile';
import type { DemoContext } from '../demo-context';
import type { DemoTable } from '../demo-table';
import { lineUserId } from '../identities';
import { ecCustomerId, posCustomerId } from '../source-ids';

export const CONSENT_HEADER = ['customer_id', 'channel', 'status', 'recorded_at'] as const;
export const LINE_CONSENT_HEADER = ['line_user_id', 'channel', 'status', 'recorded_at'] as const;

/** Consents recorded by one source system, naming the customer as that system's customer records do. */
export function consentsTable(context: DemoContext, source: ConsentSource): DemoTable {
  const customerReference =
    source === 'ec'
      ? ecCustomerId
      : source === 'pos'
        ? posCustomerId
        : (index: number) => lineUserId(context.seed, index);
  return {
    kind: 'consents',
    source,
    header: source === 'line' ? LINE_CONSENT_HEADER : CONSENT_HEADER,
    *rows() {
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile[source] === undefined) continue;
        for (const record of consentHistory(context, profile)) {
          if (record.source !== source) continue;
          yield [
            customerReference(index),
            record.channel,
            record.status,
            context.calendar.dateTime(record.day, record.second),
          ];
        }
      }
    },
  };
}
