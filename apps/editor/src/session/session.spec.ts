import { hasPermission, sessionIdentity, workspaceOf } from './session';
import { sessionView } from './session.fixtures';

describe('workspaceOf', () => {
  it('names the current workspace from the account’s list', () => {
    expect(workspaceOf(sessionView())).toEqual({
      id: 3,
      slug: 'uruoi',
      name: 'うるおいコスメ',
      timezone: 'Asia/Tokyo',
    });
  });

  it('falls back to the slug when the list does not name it', () => {
    expect(workspaceOf(sessionView({ workspaces: [] })).name).toBe('uruoi');
  });
});

describe('hasPermission', () => {
  it('answers from the permissions the engine sent, not from the role', () => {
    const session = sessionView();
    expect(hasPermission(session, 'journeys.read')).toBe(true);
    expect(hasPermission(session, 'journeys.write')).toBe(false);
    expect(hasPermission(sessionView({ role: 'admin', permissions: [] }), 'access.manage')).toBe(false);
  });
});

describe('sessionIdentity', () => {
  it('changes with the workspace and the user, not with anything else', () => {
    const base = sessionIdentity(sessionView());
    expect(sessionIdentity(sessionView({ csrfToken: 'other', role: 'admin' }))).toBe(base);
    expect(sessionIdentity(sessionView({ workspace: { id: 4, slug: 'kissa', timezone: 'Asia/Tokyo' } }))).not.toBe(
      base,
    );
    expect(sessionIdentity(sessionView({ user: { id: 8, email: 'b@example.jp', name: 'B' } }))).not.toBe(base);
  });
});
