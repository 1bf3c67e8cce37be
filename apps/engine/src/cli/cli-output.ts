import { DomainError } from '@kizuna/shared';
import { EncodingError, HeaderMismatchError } from '@kizuna/ingest';
import { ConfigError } from '../config/engine-config';

/** Thrown by commands for a mistake of the user's: printed as one clear line, exit code 1. */
export class CliUsageError extends Error {}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Prints what went wrong; returns the exit code. Expected problems get no stack trace. */
export function reportFailure(error: unknown): number {
  const expected =
    error instanceof CliUsageError ||
    error instanceof DomainError ||
    error instanceof HeaderMismatchError ||
    error instanceof EncodingError ||
    error instanceof ConfigError;
  process.stderr.write(`kizuna: ${expected ? error.message : ((error as Error).stack ?? String(error))}\n`);
  return 1;
}
