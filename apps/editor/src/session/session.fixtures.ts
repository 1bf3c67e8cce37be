import type { SessionView } from './session';

/** A signed-in analyst of two workspaces, as GET /api/v1/session answers. */
export function sessionView(overrides: Partial<SessionView> = {}): SessionView {
  return {
    user: { id: 7, email: 'hanako@example.jp', name: '山田 花子' },
    workspace: { id: 3, slug: 'uruoi', timezone: 'Asia/Tokyo' },
    role: 'analyst',
    personalData: false,
    permissions: ['workspace.read', 'settings.read', 'imports.read', 'segments.read', 'journeys.read'],
    workspaces: [
      { slug: 'uruoi', name: 'うるおいコスメ', role: 'analyst' },
      { slug: 'kissa', name: '喫茶ひだまり', role: 'admin' },
    ],
    csrfToken: 'csrf-1',
    ...overrides,
  };
}
