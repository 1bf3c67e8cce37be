import type { SegmentCatalogue } from '@kizuna/segments';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';

/** The rule language's fields and operators as this engine serves them; it changes only with a deploy. */
export function useSegmentCatalogue() {
  return useQuery({
    queryKey: ['segments', 'catalogue'],
    queryFn: ({ signal }) => apiRequest<SegmentCatalogue>('/v1/segments/catalogue', { signal }),
    staleTime: Infinity,
  });
}
