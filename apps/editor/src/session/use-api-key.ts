import { useSyncExternalStore } from 'react';
import { apiKeyStore, type ApiKeyState } from '../api/api-key-store';

export function useApiKeyState(): ApiKeyState {
  return useSyncExternalStore(apiKeyStore.subscribe, apiKeyStore.getState);
}
