import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import type { CustomerProfile, CustomerSummary, RfStageGroups } from './customer';

export const CUSTOMER_SEARCH_LIMIT = 20;

export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: ({ signal }) =>
      apiRequest<{ items: CustomerSummary[] }>('/v1/customers', { query: { q, limit: CUSTOMER_SEARCH_LIMIT }, signal }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: number | null) {
  return useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn: ({ signal }) => apiRequest<CustomerProfile>(`/v1/customers/${id}`, { signal }),
    enabled: id !== null,
  });
}

/** The RF stage names of the workspace, to label a customer's stage; rarely changed, so cached long. */
export function useRfStageGroups() {
  return useQuery({
    queryKey: ['analytics', 'settings'],
    queryFn: ({ signal }) => apiRequest<{ rfMatrix: RfStageGroups }>('/v1/analytics/settings', { signal }),
    select: (settings) => settings.rfMatrix,
    staleTime: 10 * 60_000,
  });
}
