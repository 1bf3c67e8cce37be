/**
 * Who may do what in a workspace. Every route of the engine names one permission; a role is a set
 * of permissions. Users and API keys both carry a role, so a machine key can be limited as a
 * person can.
 */
export const WORKSPACE_ROLES = ['admin', 'marketer', 'analyst'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const PERMISSIONS = [
  /** The workspace itself, catalogues, and lists every member needs to find their way. */
  'workspace.read',
  /** Settings (channels and their secrets, delivery, analytics, scoring, reports). */
  'settings.read',
  'settings.manage',
  /** API keys and members. */
  'access.manage',
  'audit.read',
  /** Customers, orders and events coming in: imports, the events API, the customers upsert. */
  'data.import',
  'imports.read',
  /** Names, addresses, contact details and a customer's own history, on screen. */
  'personal_data.read',
  /** The same leaving the system in bulk: audience files, DM batches, package inserts. */
  'personal_data.export',
  /** Data-subject requests: one customer's full export, and erasure. */
  'privacy.manage',
  'segments.read',
  'segments.write',
  'journeys.read',
  'journeys.write',
  'templates.write',
  /** Anything that makes a message leave: test messages, retries, DM batch exports. */
  'messages.send',
  'analytics.read',
  /** Computations that read behaviour and write only aggregates or scores. */
  'analytics.run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ONLY: readonly Permission[] = [
  'workspace.read',
  'settings.read',
  'imports.read',
  'segments.read',
  'journeys.read',
  'analytics.read',
  'analytics.run',
];

const MARKETER: readonly Permission[] = [
  ...READ_ONLY,
  'data.import',
  'personal_data.read',
  'personal_data.export',
  'segments.write',
  'journeys.write',
  'templates.write',
  'messages.send',
];

const ROLE_PERMISSIONS: Readonly<Record<WorkspaceRole, ReadonlySet<Permission>>> = {
  admin: new Set(PERMISSIONS),
  marketer: new Set(MARKETER),
  analyst: new Set(READ_ONLY),
};

/** What an analyst gains when an admin grants personal data (reading and exporting it, never sending). */
const PERSONAL_DATA_GRANT: readonly Permission[] = ['personal_data.read', 'personal_data.export'];

export interface WorkspaceGrant {
  role: WorkspaceRole;
  /** Only changes anything for analysts: admins and marketers work with personal data anyway. */
  personalData: boolean;
}

export function permissionsOf(grant: WorkspaceGrant): ReadonlySet<Permission> {
  const base = ROLE_PERMISSIONS[grant.role];
  if (!grant.personalData || PERSONAL_DATA_GRANT.every((permission) => base.has(permission))) return base;
  return new Set([...base, ...PERSONAL_DATA_GRANT]);
}

export function isAllowed(grant: WorkspaceGrant, permission: Permission): boolean {
  return permissionsOf(grant).has(permission);
}

export function isWorkspaceRole(value: unknown): value is WorkspaceRole {
  return typeof value === 'string' && (WORKSPACE_ROLES as readonly string[]).includes(value);
}
