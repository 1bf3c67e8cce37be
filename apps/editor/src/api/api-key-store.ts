/**
 * The workspace API key, kept in localStorage and sent as a Bearer header (not a cookie, so the
 * engine needs no CSRF defence). A small external store so React re-renders through
 * useSyncExternalStore when the key is saved, cleared, rejected by the engine, or changed in another tab.
 * Sign-in with users will replace this.
 */
export interface ApiKeyState {
  apiKey: string | null;
  /** True when the engine answered 401 to the saved key, so the connect page can say why it is back. */
  rejected: boolean;
}

const STORAGE_KEY = 'kizuna.apiKey';
const listeners = new Set<() => void>();
let memoryFallback: string | null = null;
let state: ApiKeyState = { apiKey: readStoredKey(), rejected: false };

/** Absent outside a browser (the unit tests run in Node). */
function storage(): Storage | undefined {
  return (globalThis as { localStorage?: Storage }).localStorage;
}

function readStoredKey(): string | null {
  try {
    return storage()?.getItem(STORAGE_KEY) ?? memoryFallback;
  } catch {
    // Storage can be disabled (private mode, policies); keep the key for this tab only.
    return memoryFallback;
  }
}

function writeStoredKey(apiKey: string | null): void {
  memoryFallback = apiKey;
  try {
    if (apiKey === null) storage()?.removeItem(STORAGE_KEY);
    else storage()?.setItem(STORAGE_KEY, apiKey);
  } catch {
    // See readStoredKey.
  }
}

function setState(next: ApiKeyState): void {
  if (next.apiKey === state.apiKey && next.rejected === state.rejected) return;
  state = next;
  for (const listener of listeners) listener();
}

/** Functions, not methods: they are handed to React (useSyncExternalStore) and to event handlers. */
export const apiKeyStore = {
  getState: (): ApiKeyState => state,
  getApiKey: (): string | null => state.apiKey,
  save: (apiKey: string): void => {
    writeStoredKey(apiKey);
    setState({ apiKey, rejected: false });
  },
  clear: (): void => {
    writeStoredKey(null);
    setState({ apiKey: null, rejected: false });
  },
  /** The engine refused the saved key (revoked, or from another workspace). */
  reject: (): void => {
    if (state.apiKey === null) return;
    writeStoredKey(null);
    setState({ apiKey: null, rejected: true });
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) setState({ apiKey: event.newValue, rejected: false });
  });
}
