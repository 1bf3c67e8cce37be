import { permissionsOf, type WorkspaceGrant } from '@kizuna/shared';
import { menuFor } from './app-menu';

/** The menu as page ids by group, for a role as libs/shared grants it. */
function menuOf(grant: WorkspaceGrant): string[] {
  const permissions = permissionsOf(grant);
  return menuFor((permission) => permissions.has(permission)).map(
    ({ group, pages }) => `${group}: ${pages.map((page) => page.id).join(' ')}`,
  );
}

describe('menuFor', () => {
  it('shows an admin every page, members and the audit log included', () => {
    expect(menuOf({ role: 'admin', personalData: false })).toEqual([
      'main: home customers journeys segments analytics',
      'data: imports',
      'settings: channels members audit',
    ]);
  });

  it('shows a marketer no members or audit log', () => {
    expect(menuOf({ role: 'marketer', personalData: false })).toEqual([
      'main: home customers journeys segments analytics',
      'data: imports',
      'settings: channels',
    ]);
  });

  it('shows an analyst no customer pages unless personal data is granted', () => {
    expect(menuOf({ role: 'analyst', personalData: false })).toEqual([
      'main: home journeys segments analytics',
      'data: imports',
      'settings: channels',
    ]);
    expect(menuOf({ role: 'analyst', personalData: true })[0]).toBe('main: home customers journeys segments analytics');
  });

  it('hides a group with no page left', () => {
    expect(menuFor((permission) => permission === 'workspace.read' || permission === 'audit.read')).toEqual([
      { group: 'main', pages: [expect.objectContaining({ id: 'home' })] },
      { group: 'settings', pages: [expect.objectContaining({ id: 'audit' })] },
    ]);
  });
});
