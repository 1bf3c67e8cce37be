import { ApiError, parseApiError } from './api-error';
import { sessionStore } from '../session/session-store';
import { fileNameFromContentDisposition } from './content-disposition';

export const API_BASE = '/api';

export type QueryParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** `/v1/customers` + `{q: 'abc', limit: 20}` → `/api/v1/customers?q=abc&limit=20`; empty values are left out. */
export function apiUrl(path: string, query?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const suffix = search.toString();
  return `${API_BASE}${path.startsWith('/') ? path : `/${path}`}${suffix ? `?${suffix}` : ''}`;
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** Sent as a JSON body. */
  json?: unknown;
  signal?: AbortSignal;
}

type HttpMethod = NonNullable<ApiRequestOptions['method']>;

/**
 * The session cookie goes with every same-origin request by itself; a change also carries the
 * session's CSRF token, which a page of another site cannot know (the engine refuses a change
 * without it with 403).
 */
export function csrfHeaders(method: HttpMethod, csrfToken: string | null): Record<string, string> {
  return csrfToken && method !== 'GET' ? { 'X-CSRF-Token': csrfToken } : {};
}

/**
 * A 401 means the session behind the request ended (expired, signed out elsewhere, membership
 * removed); a 403 that the role may have changed since the page learnt it.
 */
function reportFailure(error: ApiError, sentWith: string | null): void {
  if (error.status === 401) sessionStore.ended(sentWith);
  else if (error.status === 403) sessionStore.forbidden(sentWith);
}

function networkError(cause: unknown): ApiError {
  return new ApiError({
    status: 0,
    code: 'network_error',
    message: cause instanceof Error ? cause.message : String(cause),
  });
}

async function send(path: string, options: ApiRequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const sentWith = sessionStore.csrfToken();
  const headers: Record<string, string> = { Accept: accept, ...csrfHeaders(method, sentWith) };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    // Aborts belong to the caller (TanStack Query cancels superseded requests); rethrow them as they are.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError(cause);
  }
  if (!response.ok) {
    const error = parseApiError(response.status, await response.text().catch(() => ''), response.statusText);
    reportFailure(error, sentWith);
    throw error;
  }
  return response;
}

/** A JSON request to the engine. Response bodies are typed, not validated: the engine is the source of these types. */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition, when the engine names the file. */
  fileName: string | null;
}

/** A file download through fetch: its errors come back as ApiErrors, which a plain `<a href>` would show as a page. */
export async function apiDownload(path: string, options: ApiRequestOptions = {}): Promise<DownloadedFile> {
  const response = await send(path, options, '*/*');
  return {
    blob: await response.blob(),
    fileName: fileNameFromContentDisposition(response.headers.get('Content-Disposition')),
  };
}

export interface UploadProgress {
  loaded: number;
  /** Null when the browser cannot tell the request size. */
  total: number | null;
}

export interface ApiUploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/**
 * A multipart POST through XMLHttpRequest: fetch cannot report upload progress yet, and a large
 * POS export over a shop's connection takes long enough to need a progress bar.
 */
export function apiUpload<T>(path: string, form: FormData, options: ApiUploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const sentWith = sessionStore.csrfToken();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders('POST', sentWith))) xhr.setRequestHeader(name, value);

    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch (cause) {
          reject(networkError(cause));
        }
        return;
      }
      const error = parseApiError(xhr.status, xhr.responseText, xhr.statusText);
      reportFailure(error, sentWith);
      reject(error);
    };
    xhr.onerror = () => reject(networkError(new Error('The upload could not reach the engine')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));

    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
