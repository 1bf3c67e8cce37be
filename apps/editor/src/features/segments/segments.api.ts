import type { SegmentRule } from '@kizuna/segments';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import type { MemberStay, Page, Segment, SegmentChange, SegmentDraft, SegmentPreview } from './segment';

export const segmentsQueryKey = ['segments'] as const;
export const PREVIEW_SAMPLE_SIZE = 10;
export const MEMBERS_PAGE_SIZE = 50;

export function useSegments() {
  return useQuery({
    queryKey: [...segmentsQueryKey, 'list'],
    queryFn: ({ signal }) => apiRequest<{ items: Segment[] }>('/v1/segments', { signal }),
  });
}

export function useSegment(id: number) {
  return useQuery({
    queryKey: [...segmentsQueryKey, 'detail', id],
    queryFn: ({ signal }) => apiRequest<Segment>(`/v1/segments/${id}`, { signal }),
  });
}

/**
 * Count and sample of a rule now. `rule` is null while it is invalid: the builder shows the issues
 * and no request is sent. The previous answer stays on screen while the next one loads.
 */
export function useSegmentPreview(rule: SegmentRule | null) {
  return useQuery({
    queryKey: [...segmentsQueryKey, 'preview', rule],
    queryFn: ({ signal }) =>
      apiRequest<SegmentPreview>('/v1/segments/preview', {
        method: 'POST',
        json: { definition: rule, sampleSize: PREVIEW_SAMPLE_SIZE },
        signal,
      }),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useSaveSegment(id: number | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: SegmentDraft) =>
      id === null
        ? apiRequest<Segment>('/v1/segments', { method: 'POST', json: draft })
        : apiRequest<Segment>(`/v1/segments/${id}`, { method: 'PATCH', json: draft }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentsQueryKey }),
  });
}

export function useRefreshSegment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<unknown>(`/v1/segments/${id}/refresh`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentsQueryKey }),
  });
}

export function useSegmentMembers(id: number, after: number) {
  return useQuery({
    queryKey: [...segmentsQueryKey, 'members', id, after],
    queryFn: ({ signal }) =>
      apiRequest<Page<MemberStay>>(`/v1/segments/${id}/members`, {
        query: { limit: MEMBERS_PAGE_SIZE, after },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSegmentChanges(id: number, after: number) {
  return useQuery({
    queryKey: [...segmentsQueryKey, 'changes', id, after],
    queryFn: ({ signal }) =>
      apiRequest<Page<SegmentChange>>(`/v1/segments/${id}/changes`, {
        query: { limit: MEMBERS_PAGE_SIZE, after },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
