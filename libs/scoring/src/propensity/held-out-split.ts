/** murmur3's 32-bit finaliser: a fast integer hash whose bits are all mixed (avalanche). */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Whether a customer's rows are held out of training. Decided by a hash of the customer id (and a
 * salt), so every fit of a workspace holds out the same customers, all of a customer's sends land
 * on the same side (no customer is scored on rows it was trained on), and no random generator is
 * involved.
 */
export function isHeldOut(customerId: number, share: number, salt = 0x6b697a75): boolean {
  return mix32(mix32(customerId) ^ salt) / 4294967296 < share;
}

/** Row indices on each side of the split. */
export function splitRowsByCustomer(
  customerIds: Int32Array,
  share: number,
  salt?: number,
): { training: Uint32Array; heldOut: Uint32Array } {
  const n = customerIds.length;
  const flags = new Uint8Array(n);
  let heldOutCount = 0;
  for (let i = 0; i < n; i++) {
    if (isHeldOut(customerIds[i]!, share, salt)) {
      flags[i] = 1;
      heldOutCount++;
    }
  }
  const training = new Uint32Array(n - heldOutCount);
  const heldOut = new Uint32Array(heldOutCount);
  let t = 0;
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (flags[i]) heldOut[h++] = i;
    else training[t++] = i;
  }
  return { training, heldOut };
}
