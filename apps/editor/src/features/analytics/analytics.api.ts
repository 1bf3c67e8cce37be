import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/api-client';
import { saveBlob } from '../../ui/save-file';
import type {
  AnalysisGroup,
  AnalysisSnapshot,
  StabilityReport,
  TargetSelection,
  TargetSelectionRequest,
} from './analysis';

export const analyticsQueryKey = ['analytics'] as const;

/** URL names of the stored analyses (GET /api/v1/analytics/:analysis). */
export type AnalysisName = 'rfm' | 'rf-matrix' | 'deciles' | 'abc' | 'stable-segments' | 'stability';

/** The latest snapshot of an analysis; 404 (not computed yet) is an answer the page explains, not retried. */
export function useAnalysis<Result>(name: AnalysisName) {
  return useQuery({
    queryKey: [...analyticsQueryKey, name],
    queryFn: ({ signal }) => apiRequest<AnalysisSnapshot<Result>>(`/v1/analytics/${name}`, { signal }),
    retry: false,
  });
}

/** Recomputes every analysis now (the nightly run does the same). */
export function useRefreshAnalytics() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<unknown>('/v1/analytics/refresh', { method: 'POST', json: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsQueryKey }),
  });
}

/** Measures how stable the classes are over the last six months (reads history: slower than a refresh). */
export function useComputeStability() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<StabilityReport>('/v1/analytics/stability', { method: 'POST', json: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...analyticsQueryKey, 'stability'] }),
  });
}

export function useTargetSelection() {
  return useMutation({
    mutationFn: (request: TargetSelectionRequest) =>
      apiRequest<TargetSelection>('/v1/analytics/target-selection', { method: 'POST', json: request }),
  });
}

export interface SavedSegment {
  id: number;
  name: string;
}

export function useSaveAnalysisSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { group: AnalysisGroup; name?: string }) =>
      apiRequest<SavedSegment>('/v1/segments/from-analysis', { method: 'POST', json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['segments'] }),
  });
}

/** The RF matrix as CSV (UTF-8 with BOM for Excel), saved under the engine's file name. */
export function useDownloadRfMatrixCsv() {
  return useMutation({
    mutationFn: async () => {
      const file = await apiDownload('/v1/analytics/rf-matrix.csv');
      saveBlob(file.blob, file.fileName ?? 'rf-matrix.csv');
    },
  });
}
