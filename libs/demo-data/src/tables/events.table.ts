import { PRODUCTS, REGULAR_PRODUCTS, SERIES, TRIAL_PRODUCT } from '../catalogue';
import { SECONDS_PER_DAY } from '../calendar';
import { consentHistory } from '../consent-history';
import { customerProfile } from '../customer-profile';
import type { DemoContext } from '../demo-context';
import type { DemoTable } from '../demo-table';
import { lineUserId } from '../identities';
import { itemAt } from '../lists';
import { Random, Stream } from '../random';
import { ecCustomerId, ecEventId, lineEventId } from '../source-ids';
import { onlineSecond } from '../time-of-day';

export const LINE_EVENT_HEADER = ['event_id', 'name', 'line_user_id', 'occurred_at', 'properties'] as const;
export const EC_EVENT_HEADER = ['event_id', 'name', 'customer_id', 'occurred_at', 'prop_sku', 'properties'] as const;

const CAMPAIGNS: readonly string[] = ['instagram_ad', 'google_search', 'magazine', 'friend_referral'];
const MAX_PRODUCT_VIEWS = 5;

/** LINE webhook events: the follow that made the person a friend, and the block that ended it. */
export function lineEventsTable(context: DemoContext): DemoTable {
  return {
    kind: 'events',
    source: 'line',
    header: LINE_EVENT_HEADER,
    *rows() {
      const calendar = context.calendar;
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.line === undefined) continue;
        const userId = lineUserId(context.seed, index);
        yield [
          lineEventId(index, 1),
          'line_follow',
          userId,
          calendar.dateTime(profile.line.day, profile.line.second),
          JSON.stringify({ friend_source: profile.lineFriendSource }),
        ];
        const blocked = consentHistory(context, profile).find(
          (record) => record.channel === 'line' && record.status === 'revoked',
        );
        if (blocked)
          yield [lineEventId(index, 2), 'line_unfollow', userId, calendar.dateTime(blocked.day, blocked.second), ''];
      }
    },
  };
}

/**
 * EC site events of logged-in members: sample requests (why many non-buying members registered) and
 * product views, mostly of the member's own line.
 */
export function ecEventsTable(context: DemoContext): DemoTable {
  return {
    kind: 'events',
    source: 'ec',
    header: EC_EVENT_HEADER,
    *rows() {
      const calendar = context.calendar;
      const last = calendar.lastIndex;
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        const ec = profile.ec;
        if (ec === undefined) continue;
        const random = new Random(context.seed, index, Stream.events);
        const customerId = ecCustomerId(index);
        let count = 0;
        const eventId = (): string => ecEventId(index, ++count);
        const buysOnline = profile.firstOrder?.channel === 'ec';
        if (random.chance(buysOnline ? 0.05 : 0.6)) {
          const second = Math.min(SECONDS_PER_DAY - 1, ec.second + random.between(30, 300));
          const properties = {
            series: itemAt(SERIES, profile.homeSeries).name,
            campaign: random.pick(CAMPAIGNS),
          };
          yield [
            eventId(),
            'sample_request',
            customerId,
            calendar.dateTime(ec.day, second),
            '',
            JSON.stringify(properties),
          ];
        }
        const views = random.below(MAX_PRODUCT_VIEWS + 1);
        for (let view = 0; view < views; view++) {
          const day = ec.day < last ? random.between(ec.day + 1, last) : ec.day;
          const second = day === ec.day ? ec.second : onlineSecond(random);
          const ownLine = random.chance(0.7);
          const product = ownLine
            ? random.chance(0.15)
              ? itemAt(TRIAL_PRODUCT, profile.homeSeries)
              : random.pick(itemAt(REGULAR_PRODUCTS, profile.homeSeries))
            : random.below(PRODUCTS.length);
          yield [
            eventId(),
            'product_view',
            customerId,
            calendar.dateTime(day, second),
            itemAt(PRODUCTS, product).sku,
            '',
          ];
        }
      }
    },
  };
}
