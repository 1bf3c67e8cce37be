import { claimsOf, identityKey, type CustomerReference } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import { ResolveCustomersUseCase, type IdentityLocking } from '../../identity/resolve-customers.use-case';
import type { ImportWriteContext } from './import-writer';

/**
 * Resolves the customer references of a batch to customer ids, one lookup for the whole batch.
 * Writers whose rows only attach to customers, idempotent by their own keys (events, consents),
 * resolve with identity locking (docs/adr/0004), so they run beside other imports and the events
 * API; the orders writer keeps the workspace lock, which its new-order lookup relies on.
 */
@Injectable()
export class CustomerReferenceResolver {
  constructor(private readonly resolveCustomers: ResolveCustomersUseCase) {}

  async resolve(
    context: ImportWriteContext,
    references: readonly CustomerReference[],
    locking: IdentityLocking = 'workspace',
  ): Promise<number[]> {
    const indexByKey = new Map<string, number>();
    const distinct: ReturnType<typeof claimsOf>[] = [];
    const distinctIndexOfReference = references.map((reference) => {
      const claims = claimsOf(reference, context.source);
      const key = claims.map(identityKey).join('\u0001');
      let index = indexByKey.get(key);
      if (index === undefined) {
        index = distinct.length;
        indexByKey.set(key, index);
        distinct.push(claims);
      }
      return index;
    });
    const resolved = await this.resolveCustomers.execute(
      context.tx,
      context.workspaceId,
      distinct.map((claims) => ({ claims })),
      context.origin,
      locking,
    );
    return distinctIndexOfReference.map((index) => resolved.customerIds[index]!);
  }
}
