import {
  ACTIVE_POLL_MS,
  importJobsRefetchInterval,
  jobsFinishedSince,
  rejectionsFileName,
  uploadProblem,
  type ImportJob,
} from './import-job';

function job(id: number, status: ImportJob['status'], fileName = `file-${id}.csv`): ImportJob {
  return {
    id,
    kind: 'orders',
    encoding: 'sjis',
    source: 'pos',
    fileName,
    fileSize: 2048,
    status,
    rowsRead: 10,
    rowsAccepted: 9,
    rowsRejected: 1,
    error: null,
    createdAt: '2026-01-05T04:45:00Z',
    startedAt: null,
    finishedAt: null,
  };
}

describe('importJobsRefetchInterval', () => {
  it('polls every second while a job is queued or running', () => {
    expect(ACTIVE_POLL_MS).toBe(1000);
    expect(importJobsRefetchInterval([job(1, 'succeeded'), job(2, 'queued')])).toBe(1000);
    expect(importJobsRefetchInterval([job(1, 'running')])).toBe(1000);
  });

  it('stops when every job has finished or before the first answer', () => {
    expect(importJobsRefetchInterval([job(1, 'succeeded'), job(2, 'failed')])).toBe(false);
    expect(importJobsRefetchInterval([])).toBe(false);
    expect(importJobsRefetchInterval(undefined)).toBe(false);
  });
});

describe('jobsFinishedSince', () => {
  it('returns the jobs that went from queued or running to a final status', () => {
    const previous = new Map<ImportJob['id'], ImportJob['status']>([
      [1, 'running'],
      [2, 'queued'],
      [3, 'succeeded'],
      [4, 'queued'],
    ]);
    const now = [job(1, 'succeeded'), job(2, 'failed'), job(3, 'succeeded'), job(4, 'running'), job(5, 'succeeded')];
    expect(jobsFinishedSince(previous, now).map((item) => item.id)).toEqual([1, 2]);
  });
});

describe('rejectionsFileName', () => {
  it('names the report after the imported file', () => {
    expect(rejectionsFileName({ id: 7, fileName: '注文 2026-01.csv' })).toBe('注文 2026-01-rejections.csv');
    expect(rejectionsFileName({ id: 7, fileName: 'orders' })).toBe('orders-rejections.csv');
    expect(rejectionsFileName({ id: 7, fileName: '.csv' })).toBe('import-7-rejections.csv');
  });
});

describe('uploadProblem', () => {
  const error = (code: string, missing: string[] = [], unknown: string[] = []) => ({ code, missing, unknown });

  it('recognises a header that does not match the kind, by code or by its column lists', () => {
    expect(uploadProblem(error('header_mismatch'), 'utf8')).toEqual({ kind: 'columns' });
    expect(uploadProblem(error('validation_failed', ['order_id']), 'utf8')).toEqual({ kind: 'columns' });
    expect(uploadProblem(error('validation_failed', [], ['注文番号']), 'sjis')).toEqual({ kind: 'columns' });
  });

  it('suggests the other encoding when the file is not in the chosen one', () => {
    expect(uploadProblem(error('encoding_mismatch'), 'utf8')).toEqual({
      kind: 'encoding',
      chosen: 'utf8',
      suggested: 'sjis',
    });
    expect(uploadProblem(error('encoding_mismatch'), 'sjis')).toEqual({
      kind: 'encoding',
      chosen: 'sjis',
      suggested: 'utf8',
    });
  });

  it('recognises an empty file, and leaves other errors to the generic banner', () => {
    expect(uploadProblem(error('empty_file'), 'utf8')).toEqual({ kind: 'empty' });
    expect(uploadProblem(error('payload_too_large'), 'utf8')).toBeNull();
    expect(uploadProblem(error('validation_failed'), 'utf8')).toBeNull();
  });
});
