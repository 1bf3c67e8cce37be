import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { AttributeConversionsUseCase } from './use-cases/attribute-conversions.use-case';

/** Orders arrive by import: each orders import attributes the new orders to messages and holdouts. */
@Injectable()
export class ConversionTriggers implements OnModuleInit {
  constructor(
    private readonly notifier: DataChangeNotifier,
    private readonly attribute: AttributeConversionsUseCase,
  ) {}

  onModuleInit(): void {
    this.notifier.subscribe(async (change) => {
      if (change.kind === 'import' && change.importKind === 'orders') await this.attribute.execute(change.workspaceId);
    });
  }
}
