import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/api-client';
import { saveBlob } from '../../ui/save-file';
import type { ConfigurableChannel, SettingsBody } from './channel-settings-form';

export const channelsQueryKey = ['channels'] as const;

/** A configured channel as GET /api/v1/channels lists it: the public part only. */
export interface ChannelSettingsView {
  channel: ConfigurableChannel;
  configured: true;
  public: Record<string, unknown>;
  updatedAt: string;
}

export interface TestMessageResult {
  channel: ConfigurableChannel;
  to: string;
  providerMessageId: string | null;
  delivered: boolean;
}

export type CsvEncoding = 'utf8' | 'sjis';

export interface DmBatch {
  id: number;
  journeyId: number | null;
  nodeId: string | null;
  sendDate: string;
  status: 'open' | 'exported';
  itemCount: number;
  checksum: string | null;
  createdAt: string;
  exportedAt: string | null;
}

export interface DmManifest {
  batchId: number;
  sendDate: string;
  fileName: string;
  encoding: CsvEncoding;
  columns: string[];
  rowCount: number;
  creatives: { creativeId: string; count: number }[];
  bytes: number;
  sha256: string;
  createdAt: string;
}

export function useChannelSettings() {
  return useQuery({
    queryKey: [...channelsQueryKey, 'settings'],
    queryFn: ({ signal }) => apiRequest<ChannelSettingsView[]>('/v1/channels', { signal }),
  });
}

export function useSaveChannelSettings(channel: ConfigurableChannel) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsBody) =>
      apiRequest<ChannelSettingsView>(`/v1/channels/${channel}`, { method: 'PUT', json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...channelsQueryKey, 'settings'] }),
  });
}

export function useSendTestMessage(channel: ConfigurableChannel) {
  return useMutation({
    mutationFn: (to: string) =>
      apiRequest<TestMessageResult>(`/v1/channels/${channel}/test-message`, { method: 'POST', json: { to } }),
  });
}

export function useDmBatches() {
  return useQuery({
    queryKey: [...channelsQueryKey, 'dm-batches'],
    queryFn: ({ signal }) => apiRequest<{ items: DmBatch[] }>('/v1/dm-batches', { signal }),
  });
}

/** The print-vendor file; the first export closes the batch, so the list is read again. */
export function useExportDmBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, encoding }: { id: number; encoding: CsvEncoding }) => {
      const file = await apiDownload(`/v1/dm-batches/${id}/export`, { method: 'POST', query: { encoding } });
      saveBlob(file.blob, file.fileName ?? `dm-batch-${id}.csv`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...channelsQueryKey, 'dm-batches'] }),
  });
}

export function useDmManifest() {
  return useMutation({
    mutationFn: ({ id, encoding }: { id: number; encoding: CsvEncoding }) =>
      apiRequest<DmManifest>(`/v1/dm-batches/${id}/manifest`, { query: { encoding } }),
  });
}
