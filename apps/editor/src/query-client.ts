import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/api-error';
import { apiKeyStore } from './api/api-key-store';

const MAX_RETRIES = 2;

/**
 * Server state for the whole editor. A 4xx will not change on retry, so only network failures and
 * 5xx are retried; and the cache is emptied whenever the API key changes, so data from one
 * workspace never shows under another.
 */
export function createQueryClient(): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < MAX_RETRIES;
        },
      },
      mutations: { retry: false },
    },
  });
  let apiKey = apiKeyStore.getApiKey();
  apiKeyStore.subscribe(() => {
    const next = apiKeyStore.getApiKey();
    if (next !== apiKey) queryClient.clear();
    apiKey = next;
  });
  return queryClient;
}
