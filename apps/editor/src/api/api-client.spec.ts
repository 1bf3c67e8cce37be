import { apiUrl } from './api-client';

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
