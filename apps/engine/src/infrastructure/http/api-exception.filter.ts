import { EncodingError, HeaderMismatchError } from '@kizuna/ingest';
import { DomainError, type DomainErrorCode } from '@kizuna/shared';
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EmptyFileError } from '../../imports/run-import.use-case';
import type { ApiErrorBody } from './api-error';

const STATUS_OF_CODE: Record<DomainErrorCode, number> = {
  validation_failed: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** Errors from body parsing and uploads carry a `type`/`code` instead of being HttpExceptions. */
interface TransportError {
  type?: string;
  code?: string;
  status?: number;
  message: string;
}

function transportError(error: unknown): TransportError | undefined {
  return error instanceof Error ? error : undefined;
}

/**
 * The one place errors become HTTP responses. Domain errors map by code; file problems of an
 * import are 400s that say what is wrong; anything unexpected is a 500 logged once here, with no
 * internals in the response.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, method: request.method, path: request.path }, 'request failed');
    }
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ApiErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: STATUS_OF_CODE[exception.code],
        code: exception.code,
        message: exception.message,
        ...exception.details,
      };
    }
    if (exception instanceof HeaderMismatchError) {
      const { missing, unknown, duplicate, expected } = exception;
      return {
        statusCode: 400,
        code: 'header_mismatch',
        message: exception.message,
        missing,
        unknown,
        duplicate,
        expected,
      };
    }
    if (exception instanceof EncodingError)
      return { statusCode: 400, code: 'encoding_mismatch', message: exception.message };
    if (exception instanceof EmptyFileError) return { statusCode: 400, code: 'empty_file', message: exception.message };
    // Nest's Express adapter hands body-parser errors over wrapped in an HttpException, the parser's error as its cause.
    const transport = transportError(
      exception instanceof HttpException && exception.cause ? exception.cause : exception,
    );
    if (transport?.type === 'entity.parse.failed')
      return { statusCode: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' };
    if (transport?.type === 'entity.too.large' || transport?.code === 'LIMIT_FILE_SIZE') {
      return { statusCode: 413, code: 'payload_too_large', message: 'The request body is too large.' };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && 'message' in response
          ? [response.message].flat().join('; ')
          : exception.message;
      return { statusCode, code: CODE_OF_STATUS[statusCode] ?? 'error', message };
    }
    if (transport?.code?.startsWith('LIMIT_'))
      return { statusCode: 400, code: 'bad_request', message: transport.message };
    if (transport?.status && transport.status >= 400 && transport.status < 500) {
      return {
        statusCode: transport.status,
        code: CODE_OF_STATUS[transport.status] ?? 'bad_request',
        message: transport.message,
      };
    }
    return {
      statusCode: 500,
      code: 'internal_error',
      message: `Something went wrong handling ${request.method} ${request.path}.`,
    };
  }
}
