import { customerProfile } from '../customer-profile';
import type { DemoContext } from '../demo-context';
import type { DemoTable } from '../demo-table';
import { CARRIERS, newShipmentPlan, planShipment, trackingNumber } from '../fulfilment';
import { itemAt } from '../lists';
import { fillPurchaseHistory, OrderChannel, PurchaseHistory } from '../purchase-history';
import { Random, Stream } from '../random';
import { ecCustomerNumber, ecOrderId, sequenceLabel } from '../source-ids';

export const SHIPMENT_HEADER = [
  'shipment_id',
  'order_id',
  'shipped_at',
  'delivered_at',
  'carrier',
  'tracking_no',
] as const;

/** One parcel per EC order that has left the warehouse by asOf; delivered_at is empty while in transit. */
export function shipmentsTable(context: DemoContext): DemoTable {
  return {
    kind: 'shipments',
    source: 'ec',
    header: SHIPMENT_HEADER,
    *rows() {
      const history = new PurchaseHistory();
      const plan = newShipmentPlan();
      const calendar = context.calendar;
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.ec === undefined || profile.firstOrder === undefined) continue;
        fillPurchaseHistory(history, context, profile);
        const random = new Random(context.seed, index, Stream.fulfilment);
        const customerNumber = ecCustomerNumber(index);
        for (let order = 0; order < history.orderCount; order++) {
          if (history.channel[order] !== OrderChannel.ec) continue;
          const day = history.day[order] ?? 0;
          if (!planShipment(random, calendar, profile, day, history.second[order] ?? 0, plan)) continue;
          const sequence = history.sequence[order] ?? 0;
          yield [
            `SH${customerNumber}-${sequenceLabel(sequence)}`,
            ecOrderId(index, sequence),
            calendar.dateTime(plan.shippedDay, plan.shippedSecond),
            plan.deliveredDay < 0 ? '' : calendar.dateTime(plan.deliveredDay, plan.deliveredSecond),
            itemAt(CARRIERS, plan.carrier),
            trackingNumber(context.seed, index, sequence),
          ];
        }
      }
    },
  };
}
