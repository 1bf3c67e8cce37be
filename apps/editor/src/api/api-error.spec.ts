import { ApiError, isApiError, parseApiError } from './api-error';

describe('parseApiError', () => {
  it('reads the engine error body with field issues', () => {
    const error = parseApiError(
      400,
      JSON.stringify({
        statusCode: 400,
        code: 'validation_failed',
        message: 'The request is not valid',
        issues: [
          { field: 'kind', message: 'must be one of customers, products, orders' },
          { field: 'encoding', message: 'must be utf8 or sjis' },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('The request is not valid');
    expect(error.issues).toEqual([
      { field: 'kind', message: 'must be one of customers, products, orders' },
      { field: 'encoding', message: 'must be utf8 or sjis' },
    ]);
    expect(error.missing).toEqual([]);
    expect(error.unknown).toEqual([]);
  });

  it('reads the missing and unknown columns of a CSV header error', () => {
    const error = parseApiError(
      400,
      JSON.stringify({
        statusCode: 400,
        code: 'validation_failed',
        message: 'The header does not match the orders format',
        missing: ['order_id', 'ordered_at'],
        unknown: ['注文番号'],
      }),
    );
    expect(error.missing).toEqual(['order_id', 'ordered_at']);
    expect(error.unknown).toEqual(['注文番号']);
    expect(error.issues).toEqual([]);
  });

  it('keeps a code this editor does not know', () => {
    const error = parseApiError(429, JSON.stringify({ statusCode: 429, code: 'rate_limited', message: 'Slow down' }));
    expect(error.code).toBe('rate_limited');
    expect(error.message).toBe('Slow down');
  });

  it('joins the message list of NestJS built-in errors and derives the code from the status', () => {
    const error = parseApiError(
      400,
      JSON.stringify({ statusCode: 400, message: ['limit must be a number', 'q is too long'], error: 'Bad Request' }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('limit must be a number; q is too long');
  });

  it('falls back to the status for a non-JSON body', () => {
    const error = parseApiError(500, '<html><body>Internal Server Error</body></html>', 'Internal Server Error');
    expect(error.code).toBe('http_error');
    expect(error.message).toBe('HTTP 500 Internal Server Error');
    expect(error.issues).toEqual([]);
  });

  it('reads a gateway error without a JSON body as the engine being unreachable', () => {
    expect(parseApiError(502, '', 'Bad Gateway').code).toBe('network_error');
    expect(parseApiError(504, 'upstream timed out').code).toBe('network_error');
    expect(
      parseApiError(503, JSON.stringify({ statusCode: 503, code: 'maintenance', message: 'Back soon' })).code,
    ).toBe('maintenance');
  });

  it('maps a bare 401 to unauthenticated', () => {
    const error = parseApiError(401, '');
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toBe('HTTP 401');
  });

  it('drops malformed issues and column entries instead of failing', () => {
    const error = parseApiError(
      400,
      JSON.stringify({
        statusCode: 400,
        code: 'validation_failed',
        message: 'Invalid',
        issues: [{ field: 'source', message: 'too long' }, { field: 'x' }, null, 'text', { message: 'no field' }],
        missing: ['sku', 3, null],
        unknown: 'name',
      }),
    );
    expect(error.issues).toEqual([
      { field: 'source', message: 'too long' },
      { field: '', message: 'no field' },
    ]);
    expect(error.missing).toEqual(['sku']);
    expect(error.unknown).toEqual([]);
  });

  it('treats a JSON array body as no body', () => {
    const error = parseApiError(404, '[]');
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('HTTP 404');
  });
});

describe('isApiError', () => {
  it('tells ApiError from other errors', () => {
    expect(isApiError(new ApiError({ status: 0, code: 'network_error', message: 'offline' }))).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(isApiError({ status: 400, code: 'validation_failed' })).toBe(false);
  });
});
