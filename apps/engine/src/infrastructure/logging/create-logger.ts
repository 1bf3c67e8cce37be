import pino, { type Logger } from 'pino';
import { maskPersonalText, maskSerializedError } from './mask-personal-data';

/**
 * One pino logger for the process: JSON lines in production, readable lines on a terminal.
 * Secrets and personal fields are redacted wherever they appear in a log object; e-mail addresses,
 * phone numbers and LINE user ids are masked in messages and errors (often a provider's own text).
 */
export function createRootLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.KIZUNA_LOG_FORMAT !== 'json';
  return pino({
    level,
    base: { service: 'kizuna' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        '*.password',
        '*.apiKey',
        '*.email',
        '*.phone',
        '*.lineUserId',
        '*.familyName',
        '*.givenName',
        '*.familyNameKana',
        '*.givenNameKana',
        '*.address',
        '*.postalCode',
      ],
      censor: '[redacted]',
    },
    serializers: { err: (error: Error) => maskSerializedError(pino.stdSerializers.err(error)) },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskPersonalText(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  });
}
