import pino, { type Logger } from 'pino';

/**
 * One pino logger for the process: JSON lines in production, readable lines on a terminal.
 * Secrets and personal fields are redacted wherever they appear in a log object.
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
      ],
      censor: '[redacted]',
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
