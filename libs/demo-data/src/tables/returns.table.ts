import { customerProfile } from '../customer-profile';
import type { DemoContext } from '../demo-context';
import type { DemoTable } from '../demo-table';
import { newShipmentPlan, planShipment } from '../fulfilment';
import { itemAt } from '../lists';
import { fillPurchaseHistory, OrderChannel, PurchaseHistory } from '../purchase-history';
import { Random, Stream } from '../random';
import { ecCustomerNumber, ecOrderId, sequenceLabel } from '../source-ids';
import { WeightedTable } from '../weighted-table';

export const RETURN_HEADER = ['return_id', 'order_id', 'returned_at', 'amount', 'reason'] as const;

/**
 * Cosmetics D2C return rates are low (2-3% of orders), mostly skin reactions under the brand's
 * 返品保証, then "not as imagined", damage and ordering mistakes. Trial sets are rarely sent back.
 */
const RETURN_RATE = { regular: 0.03, trial: 0.012 };
const REASONS: readonly string[] = [
  '肌に合わない',
  'イメージと違った',
  '商品破損',
  '注文間違い',
  '誤配送',
  '使用期限が近い',
  'その他',
];
const reasonTable = new WeightedTable([40, 18, 10, 12, 6, 4, 10]);
const RETURN_WINDOW_DAYS = 14;

/** Returns of delivered EC orders, within 14 days of delivery, refunding the order or one line. */
export function returnsTable(context: DemoContext): DemoTable {
  return {
    kind: 'returns',
    source: 'ec',
    header: RETURN_HEADER,
    *rows() {
      const history = new PurchaseHistory();
      const plan = newShipmentPlan();
      const calendar = context.calendar;
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.ec === undefined || profile.firstOrder === undefined) continue;
        fillPurchaseHistory(history, context, profile);
        const fulfilment = new Random(context.seed, index, Stream.fulfilment);
        const random = new Random(context.seed, index, Stream.returns);
        for (let order = 0; order < history.orderCount; order++) {
          if (history.channel[order] !== OrderChannel.ec) continue;
          const shipped = planShipment(
            fulfilment,
            calendar,
            profile,
            history.day[order] ?? 0,
            history.second[order] ?? 0,
            plan,
          );
          if (!shipped || plan.deliveredDay < 0) continue;
          const rate = history.trial[order] === 1 ? RETURN_RATE.trial : RETURN_RATE.regular;
          if (!random.chance(rate)) continue;
          // Most returns come in the first days after opening the parcel.
          const wait = 1 + Math.floor(RETURN_WINDOW_DAYS * random.float() * random.float());
          const returnedDay = plan.deliveredDay + wait;
          const returnedSecond = 10 * 3600 + random.below(8 * 3600);
          const wholeOrder = random.chance(0.6);
          const line = (history.firstLine[order] ?? 0) + random.below(history.lines[order] ?? 1);
          const amount = wholeOrder ? (history.total[order] ?? 0) : (history.amount[line] ?? 0);
          const reason = itemAt(REASONS, reasonTable.pick(random));
          if (returnedDay > calendar.lastIndex) continue;
          const sequence = history.sequence[order] ?? 0;
          yield [
            `RT${ecCustomerNumber(index)}-${sequenceLabel(sequence)}`,
            ecOrderId(index, sequence),
            calendar.dateTime(returnedDay, returnedSecond),
            String(amount),
            reason,
          ];
        }
      }
    },
  };
}
