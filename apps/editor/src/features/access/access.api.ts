import type { WorkspaceRole } from '@kizuna/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';

/** The roles in the order an admin hands them out, narrowest last. */
export const ROLES = ['admin', 'marketer', 'analyst'] as const satisfies readonly WorkspaceRole[];

export function isRole(value: string): value is WorkspaceRole {
  return (ROLES as readonly string[]).includes(value);
}

/** GET /api/v1/users */
export interface Member {
  userId: number;
  email: string;
  name: string;
  role: WorkspaceRole;
  personalData: boolean;
  memberSince: string;
  lastSeenAt: string | null;
}

export interface NewMember {
  email: string;
  name?: string;
  role: WorkspaceRole;
  personalData?: boolean;
}

export interface AddedMember {
  member: Member;
  /** Set when the engine created the account now: shown this once. Null: an existing account was added. */
  temporaryPassword: string | null;
}

/** GET /api/v1/api-keys */
export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  role: WorkspaceRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** GET /api/v1/audit */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string | null };
  action: string;
  target: { type: string; id: string | null };
  details: Record<string, unknown>;
}

interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

const membersKey = ['access', 'members'] as const;
const apiKeysKey = ['access', 'api-keys'] as const;
const auditKey = ['access', 'audit'] as const;
export const AUDIT_PAGE_SIZE = 50;

export function useMembers() {
  return useQuery({
    queryKey: membersKey,
    queryFn: ({ signal }) => apiRequest<{ items: Member[] }>('/v1/users', { signal }),
  });
}

/** Membership changes are audited: the log is stale after each. */
function useInvalidateAfter(key: readonly string[]) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: auditKey }),
    ]);
}

export function useAddMember() {
  const invalidate = useInvalidateAfter(membersKey);
  return useMutation({
    mutationFn: (member: NewMember) => apiRequest<AddedMember>('/v1/users', { method: 'POST', json: member }),
    onSuccess: invalidate,
  });
}

export function useUpdateMember() {
  const invalidate = useInvalidateAfter(membersKey);
  return useMutation({
    mutationFn: ({ userId, ...change }: { userId: number; role?: WorkspaceRole; personalData?: boolean }) =>
      apiRequest<Member>(`/v1/users/${userId}`, { method: 'PATCH', json: change }),
    onSettled: invalidate,
  });
}

export function useRemoveMember() {
  const invalidate = useInvalidateAfter(membersKey);
  return useMutation({
    mutationFn: (userId: number) => apiRequest<Member>(`/v1/users/${userId}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => apiRequest<{ items: ApiKeySummary[] }>('/v1/api-keys', { signal }),
  });
}

export function useCreateApiKey() {
  const invalidate = useInvalidateAfter(apiKeysKey);
  return useMutation({
    mutationFn: (body: { name: string; role: WorkspaceRole }) =>
      apiRequest<ApiKeySummary & { key: string }>('/v1/api-keys', { method: 'POST', json: body }),
    onSuccess: invalidate,
  });
}

export function useRevokeApiKey() {
  const invalidate = useInvalidateAfter(apiKeysKey);
  return useMutation({
    mutationFn: (id: number) => apiRequest<ApiKeySummary>(`/v1/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/** Newest first, a page at a time: each page's `nextCursor` asks for the entries before it. */
export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: auditKey,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<AuditPage>('/v1/audit', { query: { limit: AUDIT_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
