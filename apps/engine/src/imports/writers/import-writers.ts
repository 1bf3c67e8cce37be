import type { ImportKind } from '@kizuna/ingest';
import type { Provider } from '@nestjs/common';
import { ConsentsWriter } from './consents.writer';
import { CustomerReferenceResolver } from './customer-reference-resolver';
import { CustomersWriter } from './customers.writer';
import { EventsWriter } from './events.writer';
import type { AnyImportWriter } from './import-writer';
import { OrdersWriter } from './orders.writer';
import { ProductsWriter } from './products.writer';
import { ReturnsWriter } from './returns.writer';
import { ShipmentsWriter } from './shipments.writer';

export const IMPORT_WRITERS = Symbol('IMPORT_WRITERS');

const writerClasses = [
  CustomersWriter,
  ProductsWriter,
  OrdersWriter,
  ShipmentsWriter,
  ReturnsWriter,
  EventsWriter,
  ConsentsWriter,
];

/** The writer of each import kind, as one injectable map. */
export const importWriterProviders: Provider[] = [
  CustomerReferenceResolver,
  ...writerClasses,
  {
    provide: IMPORT_WRITERS,
    inject: writerClasses,
    useFactory: (...writers: AnyImportWriter<ImportKind>[]) => new Map(writers.map((writer) => [writer.kind, writer])),
  },
];
