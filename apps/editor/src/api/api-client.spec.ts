import { sessionView } from '../session/session.fixtures';
import { sessionStore } from '../session/session-store';
import { apiRequest, apiUrl, csrfHeaders } from './api-client';

describe('apiUrl', () => {
  it('prefixes /api and encodes the query', () => {
    expect(apiUrl('/v1/customers', { q: '山田 花子', limit: 20 })).toBe(
      '/api/v1/customers?q=%E5%B1%B1%E7%94%B0+%E8%8A%B1%E5%AD%90&limit=20',
    );
  });

  it('leaves out empty query values', () => {
    expect(apiUrl('/v1/customers', { q: '', limit: undefined, source: null })).toBe('/api/v1/customers');
  });

  it('accepts a path without a leading slash', () => {
    expect(apiUrl('health')).toBe('/api/health');
  });
});

describe('requests with the session', () => {
  const realFetch = globalThis.fetch;
  let sent: { url: string; init: RequestInit }[];

  function answer(status: number, body = '') {
    sent = [];
    globalThis.fetch = jest.fn((url: string, init?: RequestInit) => {
      sent.push({ url, init: init ?? {} });
      return Promise.resolve(new Response(body || null, { status }));
    }) as typeof fetch;
  }

  function headersOf(index: number): Record<string, string> {
    return sent[index]!.init.headers as Record<string, string>;
  }

  beforeEach(() => sessionStore.signedIn(sessionView({ csrfToken: 'csrf-1' })));

  afterEach(() => {
    globalThis.fetch = realFetch;
    sessionStore.loading();
  });

  it('sends the CSRF token with changes only, and never an Authorization header', async () => {
    answer(200, '{}');
    await apiRequest('/v1/segments');
    await apiRequest('/v1/segments', { method: 'POST', json: { name: 'x' } });
    await apiRequest('/v1/segments/1', { method: 'DELETE' });
    expect(headersOf(0)).toEqual({ Accept: 'application/json' });
    expect(headersOf(1)).toEqual({
      Accept: 'application/json',
      'X-CSRF-Token': 'csrf-1',
      'Content-Type': 'application/json',
    });
    expect(headersOf(2)['X-CSRF-Token']).toBe('csrf-1');
  });

  it('ends the session on a 401 and leaves it on a 403, whose message it passes on', async () => {
    answer(
      403,
      JSON.stringify({
        statusCode: 403,
        code: 'forbidden',
        message: 'The analyst role may not do this in workspace "uruoi" (needs journeys.write).',
      }),
    );
    await expect(apiRequest('/v1/journeys/1/publish', { method: 'POST' })).rejects.toMatchObject({
      status: 403,
      message: 'The analyst role may not do this in workspace "uruoi" (needs journeys.write).',
    });
    expect(sessionStore.getState().status).toBe('signed-in');

    answer(401, JSON.stringify({ statusCode: 401, code: 'unauthenticated', message: 'Your session has ended' }));
    await expect(apiRequest('/v1/journeys')).rejects.toMatchObject({ status: 401 });
    expect(sessionStore.getState()).toEqual({ status: 'signed-out', reason: 'ended' });
  });
});

describe('csrfHeaders', () => {
  it('is empty without a session', () => {
    expect(csrfHeaders('POST', null)).toEqual({});
  });
});
