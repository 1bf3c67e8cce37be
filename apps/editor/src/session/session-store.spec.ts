import { sessionView } from './session.fixtures';
import { sessionStore } from './session-store';

describe('sessionStore', () => {
  afterEach(() => sessionStore.loading());

  it('starts loading, with no CSRF token to send', () => {
    expect(sessionStore.getState()).toEqual({ status: 'loading' });
    expect(sessionStore.csrfToken()).toBeNull();
  });

  it('holds the signed-in session and its CSRF token', () => {
    const session = sessionView();
    sessionStore.signedIn(session);
    expect(sessionStore.getState()).toEqual({ status: 'signed-in', session });
    expect(sessionStore.getSession()).toBe(session);
    expect(sessionStore.csrfToken()).toBe('csrf-1');
  });

  it('ends the session a 401 answered, and says so', () => {
    sessionStore.signedIn(sessionView());
    sessionStore.ended('csrf-1');
    expect(sessionStore.getState()).toEqual({ status: 'signed-out', reason: 'ended' });
    expect(sessionStore.csrfToken()).toBeNull();
  });

  it('does not end a newer session for a late 401 to a request of an earlier one', () => {
    sessionStore.signedIn(sessionView({ csrfToken: 'csrf-2' }));
    sessionStore.ended('csrf-1');
    expect(sessionStore.getState().status).toBe('signed-in');
  });

  it('ends nothing for a 401 to a request sent while nobody was signed in (a wrong password)', () => {
    sessionStore.signedOut('signed-out');
    sessionStore.ended(null);
    expect(sessionStore.getState()).toEqual({ status: 'signed-out', reason: 'signed-out' });
  });

  it('tells every subscriber of each change until it unsubscribes', () => {
    const seen: string[] = [];
    const unsubscribe = sessionStore.subscribe(() => seen.push(sessionStore.getState().status));
    sessionStore.signedIn(sessionView());
    sessionStore.signedOut();
    unsubscribe();
    sessionStore.signedIn(sessionView());
    expect(seen).toEqual(['signed-in', 'signed-out']);
  });

  it('asks its listeners to look again after a 403 to a request of the current session only', () => {
    let asked = 0;
    const stop = sessionStore.onForbidden(() => asked++);
    sessionStore.signedIn(sessionView());
    sessionStore.forbidden('csrf-1');
    sessionStore.forbidden('csrf-0');
    sessionStore.forbidden(null);
    stop();
    sessionStore.forbidden('csrf-1');
    expect(asked).toBe(1);
  });

  it('takes a changed view of the same session (a narrowed role), keeps an unchanged one, ignores another session’s', () => {
    sessionStore.signedIn(sessionView({ role: 'marketer' }));
    sessionStore.refreshed(sessionView({ role: 'analyst', csrfToken: 'csrf-2' }));
    expect(sessionStore.getSession()?.role).toBe('marketer');
    const narrowed = sessionView({ role: 'analyst' });
    sessionStore.refreshed(narrowed);
    expect(sessionStore.getSession()).toBe(narrowed);
    sessionStore.refreshed(sessionView({ role: 'analyst' }));
    expect(sessionStore.getSession()).toBe(narrowed);
  });
});
