import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { apiDownload, apiRequest, apiUpload, type UploadProgress } from '../../api/api-client';
import { saveBlob } from '../../ui/save-file';
import {
  importJobsRefetchInterval,
  rejectionsFileName,
  type ImportEncoding,
  type ImportJob,
  type ImportKind,
} from './import-job';

export interface ImportJobList {
  items: ImportJob[];
}

export interface ImportUpload {
  kind: ImportKind;
  encoding: ImportEncoding;
  /** The system the file's ids come from (`ec`, `pos`); empty for the engine's default. */
  source: string;
  file: File;
}

export const importJobsQueryKey = ['imports'] as const;

export function useImportJobs() {
  return useQuery({
    queryKey: importJobsQueryKey,
    queryFn: ({ signal }) => apiRequest<ImportJobList>('/v1/imports', { signal }),
    refetchInterval: (query) => importJobsRefetchInterval(query.state.data?.items),
  });
}

/** Posts the CSV as multipart with upload progress; the accepted job joins the list at once. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  const mutation = useMutation({
    mutationFn: ({ kind, encoding, source, file }: ImportUpload) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('encoding', encoding);
      if (source.trim()) form.append('source', source.trim());
      // The file goes last: a streaming multipart parser then knows kind and encoding before the bytes arrive.
      form.append('file', file, file.name);
      controller.current = new AbortController();
      setProgress({ loaded: 0, total: file.size });
      return apiUpload<ImportJob>('/v1/imports', form, { onProgress: setProgress, signal: controller.current.signal });
    },
    onSuccess: (job) => {
      queryClient.setQueryData<ImportJobList>(importJobsQueryKey, (list) => ({
        items: [job, ...(list?.items ?? []).filter((item) => item.id !== job.id)],
      }));
      void queryClient.invalidateQueries({ queryKey: importJobsQueryKey });
    },
    onSettled: () => {
      controller.current = null;
      setProgress(null);
    },
  });

  return { ...mutation, progress, cancel: () => controller.current?.abort() };
}

/** The rejected-rows report is fetched as a Blob and saved, not linked: a refusal then shows as an ApiError on the page, not as the engine's JSON in a tab. */
export function useDownloadRejections() {
  return useMutation({
    mutationFn: async (job: Pick<ImportJob, 'id' | 'fileName'>) => {
      const { blob, fileName } = await apiDownload(`/v1/imports/${encodeURIComponent(String(job.id))}/rejections`);
      saveBlob(blob, fileName ?? rejectionsFileName(job));
    },
  });
}
