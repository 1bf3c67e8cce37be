import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { AttributeConversionsUseCase } from './use-cases/attribute-conversions.use-case';

/** Orders (by import) and conversion events (by import or the API) are attributed when they arrive. */
@Injectable()
export class ConversionTriggers implements OnModuleInit {
  constructor(
    private readonly notifier: DataChangeNotifier,
    private readonly attribute: AttributeConversionsUseCase,
  ) {}

  onModuleInit(): void {
    this.notifier.subscribe(async (change) => {
      if (change.kind === 'import' && (change.importKind === 'orders' || change.importKind === 'events')) {
        await this.attribute.execute(change.workspaceId);
      }
      // Events through the API: only worth a pass when one of them may be a conversion.
      if (change.kind === 'events') await this.attribute.forEventNames(change.workspaceId, change.eventNames);
    });
  }
}
