/**
 * A number in [0, 1) fixed by `key`: FNV-1a over the UTF-16 code units, then murmur3's finaliser
 * so that keys differing in one digit land far apart. The same customer and journey always draw
 * the same number, in the engine, in a re-run and in the editor's dry run, with no stored state.
 */
export function deterministicDraw(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

/** Picks the arm whose cumulative weight band holds the draw (weights need not sum to 100 here). */
export function pickWeighted<T extends { weight: number }>(arms: readonly T[], draw: number): T | undefined {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  if (total <= 0) return undefined;
  let cumulative = 0;
  for (const arm of arms) {
    cumulative += arm.weight / total;
    if (draw < cumulative) return arm;
  }
  return arms[arms.length - 1];
}
