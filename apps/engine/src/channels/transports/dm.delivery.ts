import { composeDmPiece } from '@kizuna/channels';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { DmBatchRepository, type DmBatchEntry } from '../dm-batch.repository';
import type { ChannelDelivery, DeliveryItem, DeliveryResult } from './channel-delivery';

/**
 * Direct mail: a "send" collects the piece (creative, coupon, message line, address as it is now)
 * into its journey step's batch of the day; the batch goes to the print vendor as a file when it
 * is exported. The message counts as sent (it is committed to print), never as delivered: nothing
 * reports when the post arrives.
 */
@Injectable()
export class DmDelivery implements ChannelDelivery {
  readonly channel = 'dm' as const;

  constructor(
    private readonly batches: DmBatchRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deliver(workspaceId: number, items: readonly DeliveryItem[]): Promise<DeliveryResult[]> {
    const results = new Map<string, DeliveryResult>();
    const entries: DmBatchEntry[] = [];
    for (const item of items) {
      const composed =
        item.template.channel === 'dm'
          ? composeDmPiece(item.template, item.data, item.postalAddress)
          : { ok: false as const, reason: `template-mismatch: a ${item.template.channel} template` };
      if (!composed.ok) {
        results.set(item.messageId, {
          messageId: item.messageId,
          outcome: { kind: 'failed', reason: composed.reason, bounced: false },
          rendered: {},
        });
        continue;
      }
      entries.push({
        messageId: item.messageId,
        journeyId: item.journeyId,
        nodeId: item.nodeId,
        piece: composed.piece,
      });
    }
    const collected = await this.batches.collect(workspaceId, this.clock.now(), entries);
    for (const entry of entries) {
      const batch = collected.get(entry.messageId);
      results.set(
        entry.messageId,
        batch === undefined
          ? {
              messageId: entry.messageId,
              outcome: { kind: 'retry', reason: 'the message was not found to collect' },
              rendered: {},
            }
          : {
              messageId: entry.messageId,
              outcome: { kind: 'sent', providerMessageId: null, delivered: false },
              rendered: batch.piece,
              dmBatchId: batch.batchId,
            },
      );
    }
    return items.map((item) => results.get(item.messageId)!);
  }
}
