import type { ImportKind } from '../rows/import-kind';
import type { ImportKindDefinition } from '../rows/import-kind-definition';
import { consentsDefinition, type ConsentRow } from './consents';
import { customersDefinition, type CustomerRow } from './customers';
import { eventsDefinition, type EventRow } from './events';
import { ordersDefinition, type OrderLineRow } from './orders';
import { productsDefinition, type ProductRow } from './products';
import { returnsDefinition, type ReturnRow } from './returns';
import { shipmentsDefinition, type ShipmentRow } from './shipments';

export interface ImportRecordByKind {
  customers: CustomerRow;
  products: ProductRow;
  orders: OrderLineRow;
  shipments: ShipmentRow;
  returns: ReturnRow;
  events: EventRow;
  consents: ConsentRow;
}

export const importKindDefinitions: { [K in ImportKind]: ImportKindDefinition<ImportRecordByKind[K]> } = {
  customers: customersDefinition,
  products: productsDefinition,
  orders: ordersDefinition,
  shipments: shipmentsDefinition,
  returns: returnsDefinition,
  events: eventsDefinition,
  consents: consentsDefinition,
};
