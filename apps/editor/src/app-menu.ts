import type { Permission } from '@kizuna/shared';

export type MenuGroupId = 'main' | 'data' | 'settings';

export interface MenuPage {
  /** `nav.<id>` names it in the menu, `home.sections.<id>` describes it on the home page. */
  id: 'home' | 'customers' | 'journeys' | 'segments' | 'analytics' | 'imports' | 'channels' | 'members' | 'audit';
  to: string;
  group: MenuGroupId;
  /** What the page's first request needs (the engine's route permission): the menu hides what would be refused. */
  permission: Permission;
  /** Active only on this exact path (for `/`). */
  end?: boolean;
}

/** Every page of the menu, in menu order. The routes guard each with the same permission. */
export const MENU_PAGES: readonly MenuPage[] = [
  { id: 'home', to: '/', group: 'main', permission: 'workspace.read', end: true },
  // Search and profiles show names and contact details.
  { id: 'customers', to: '/customers', group: 'main', permission: 'personal_data.read' },
  { id: 'journeys', to: '/journeys', group: 'main', permission: 'journeys.read' },
  { id: 'segments', to: '/segments', group: 'main', permission: 'segments.read' },
  { id: 'analytics', to: '/analytics', group: 'main', permission: 'analytics.read' },
  { id: 'imports', to: '/data/imports', group: 'data', permission: 'imports.read' },
  { id: 'channels', to: '/settings/channels', group: 'settings', permission: 'settings.read' },
  { id: 'members', to: '/settings/members', group: 'settings', permission: 'access.manage' },
  { id: 'audit', to: '/settings/audit', group: 'settings', permission: 'audit.read' },
];

export function pagePermission(id: MenuPage['id']): Permission {
  const page = MENU_PAGES.find((candidate) => candidate.id === id);
  if (!page) throw new Error(`no menu page ${id}`);
  return page.permission;
}

/** The menu a role sees: its pages by group, groups left without a page dropped. */
export function menuFor(can: (permission: Permission) => boolean): { group: MenuGroupId; pages: MenuPage[] }[] {
  const groups: { group: MenuGroupId; pages: MenuPage[] }[] = [];
  for (const page of MENU_PAGES) {
    if (!can(page.permission)) continue;
    const last = groups[groups.length - 1];
    if (last?.group === page.group) last.pages.push(page);
    else groups.push({ group: page.group, pages: [page] });
  }
  return groups;
}
