import { QueryClient } from '@tanstack/react-query';
import { clearOnIdentityChange } from './query-client';
import { sessionView } from './session/session.fixtures';
import { sessionStore } from './session/session-store';

describe('the query cache across sessions', () => {
  let queryClient: QueryClient;
  let stop: () => void;

  beforeEach(() => {
    sessionStore.signedIn(sessionView());
    queryClient = new QueryClient();
    stop = clearOnIdentityChange(queryClient);
    queryClient.setQueryData(['journeys'], ['ws 3 journey']);
  });

  afterEach(() => {
    stop();
    queryClient.clear();
    sessionStore.loading();
  });

  it('is kept when the same session is renewed (same user, same workspace)', () => {
    sessionStore.signedIn(sessionView({ csrfToken: 'csrf-1', role: 'analyst' }));
    expect(queryClient.getQueryData(['journeys'])).toEqual(['ws 3 journey']);
  });

  it('is emptied by a workspace switch, so one workspace’s data never shows under another', () => {
    sessionStore.signedIn(sessionView({ workspace: { id: 4, slug: 'kissa', timezone: 'Asia/Tokyo' } }));
    expect(queryClient.getQueryData(['journeys'])).toBeUndefined();
  });

  it('is emptied by signing out and by a session the engine ended', () => {
    sessionStore.signedOut();
    expect(queryClient.getQueryData(['journeys'])).toBeUndefined();

    sessionStore.signedIn(sessionView());
    queryClient.setQueryData(['journeys'], ['again']);
    sessionStore.ended('csrf-1');
    expect(queryClient.getQueryData(['journeys'])).toBeUndefined();
  });
});
