import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/api-error';
import { sessionIdentity } from './session/session';
import { sessionStore } from './session/session-store';

const MAX_RETRIES = 2;

/**
 * Server state for the whole editor. A 4xx will not change on retry, so only network failures and
 * 5xx are retried; and the cache is emptied whenever who is signed in, or where, changes (sign-out,
 * an ended session, a workspace switch), so one workspace's data never shows under another.
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
  clearOnIdentityChange(queryClient);
  return queryClient;
}

function currentIdentity(): string | null {
  const session = sessionStore.getSession();
  return session ? sessionIdentity(session) : null;
}

/** Returns the function that stops watching (the tests' clean-up). */
export function clearOnIdentityChange(queryClient: QueryClient): () => void {
  let identity = currentIdentity();
  return sessionStore.subscribe(() => {
    const next = currentIdentity();
    // Nothing to forget before the first sign-in: the cache was emptied when the last session ended.
    if (identity !== null && next !== identity) queryClient.clear();
    identity = next;
  });
}
