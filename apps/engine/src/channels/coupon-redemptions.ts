import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { DataChange } from '../infrastructure/data-changes/data-change';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { RecordCouponRedemptionsUseCase } from './use-cases/record-coupon-redemptions.use-case';

/** Records coupon redemptions as message responses when an orders import finishes. */
@Injectable()
export class CouponRedemptions implements OnModuleInit {
  private readonly logger = new Logger(CouponRedemptions.name);

  constructor(
    private readonly notifier: DataChangeNotifier,
    private readonly redemptions: RecordCouponRedemptionsUseCase,
  ) {}

  onModuleInit(): void {
    this.notifier.subscribe((change) => this.react(change));
  }

  private async react(change: DataChange): Promise<void> {
    if (change.kind !== 'import' || change.importKind !== 'orders') return;
    const recorded = await this.redemptions.execute(change.workspaceId);
    if (recorded)
      this.logger.log({ workspaceId: change.workspaceId, redemptions: recorded }, 'coupon redemptions recorded');
  }
}
