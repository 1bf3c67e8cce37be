/** The CSV kinds of docs/import-formats.md, in the order a first import usually goes. */
export const IMPORT_KINDS = ['customers', 'products', 'orders', 'shipments', 'returns', 'events', 'consents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_ENCODINGS = ['utf8', 'sjis'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export type ImportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportJob {
  id: number | string;
  kind: ImportKind;
  encoding: ImportEncoding;
  source: string | null;
  fileName: string;
  fileSize: number;
  status: ImportJobStatus;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}

export function isJobActive(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

export const ACTIVE_POLL_MS = 1000;

/** TanStack Query's refetchInterval for the job list: every second while a job is queued or running, else off. */
export function importJobsRefetchInterval(jobs: readonly Pick<ImportJob, 'status'>[] | undefined): number | false {
  return jobs?.some(isJobActive) ? ACTIVE_POLL_MS : false;
}

/**
 * The jobs that were queued or running at the last poll and have finished since, so the list can
 * announce them once to screen readers.
 */
export function jobsFinishedSince(
  previous: ReadonlyMap<ImportJob['id'], ImportJobStatus>,
  jobs: readonly ImportJob[],
): ImportJob[] {
  return jobs.filter((job) => {
    const before = previous.get(job.id);
    return before !== undefined && isJobActive({ status: before }) && !isJobActive(job);
  });
}

/** `orders 2026-01.csv` → `orders 2026-01-rejections.csv`. */
export function rejectionsFileName(job: Pick<ImportJob, 'id' | 'fileName'>): string {
  const base = job.fileName.replace(/\.[^./\\]+$/, '').trim();
  return `${base || `import-${job.id}`}-rejections.csv`;
}

/**
 * What went wrong with an upload, as far as the form can help with it: the header does not match
 * the kind (the engine names the columns), the file is in the other encoding (the engine's
 * `encoding_mismatch`: the form offers the other one), or the file is empty. Null for any other error.
 */
export type UploadProblem =
  { kind: 'columns' } | { kind: 'encoding'; chosen: ImportEncoding; suggested: ImportEncoding } | { kind: 'empty' };

export function uploadProblem(
  error: { code: string; missing: readonly string[]; unknown: readonly string[] },
  chosen: ImportEncoding,
): UploadProblem | null {
  if (error.code === 'header_mismatch' || error.missing.length > 0 || error.unknown.length > 0)
    return { kind: 'columns' };
  if (error.code === 'encoding_mismatch')
    return { kind: 'encoding', chosen, suggested: chosen === 'utf8' ? 'sjis' : 'utf8' };
  if (error.code === 'empty_file') return { kind: 'empty' };
  return null;
}
