const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Identifiers (ids, SKUs, codes) are compared after Unicode NFKC, so full-width and half-width
 * forms (ＡＢＣ－１２３ / ABC-123, ｶﾅ / カナ) are the same id. Names and addresses never go
 * through this: NFKC would change how a customer's name is written.
 */
export function normaliseIdentifier(raw: string): string {
  const trimmed = raw.trim();
  return NON_ASCII.test(trimmed) ? trimmed.normalize('NFKC').trim() : trimmed;
}

// Separators people type inside card numbers: spaces and the many dash look-alikes that NFKC keeps.
const CARD_SEPARATORS = /[\s\-‐‑‒–—―−ー]/g;

/** Member (loyalty card) numbers: NFKC, then separators removed (`2000-1234 5678` = `200012345678`). */
export function normaliseMemberNo(raw: string): string {
  return normaliseIdentifier(raw).replace(CARD_SEPARATORS, '');
}
