import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import type { JourneyDetail, JourneySummary } from './journey';

export const journeysQueryKey = ['journeys'] as const;

export function useJourneys() {
  return useQuery({
    queryKey: [...journeysQueryKey, 'list'],
    queryFn: ({ signal }) => apiRequest<JourneySummary[]>('/v1/journeys', { signal }),
  });
}

export function useJourney(id: number | null) {
  return useQuery({
    queryKey: [...journeysQueryKey, 'detail', id],
    queryFn: ({ signal }) => apiRequest<JourneyDetail>(`/v1/journeys/${id}`, { signal }),
    enabled: id !== null,
  });
}

/** The engine validates the draft again (with segments and templates) and answers 400 with its issues. */
export function usePublishJourney(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ version: number }>(`/v1/journeys/${id}/publish`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: journeysQueryKey }),
  });
}
