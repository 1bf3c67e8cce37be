import { spawn } from 'node:child_process';
import path from 'node:path';

const repositoryRoot = path.resolve(__dirname, '../..');
const cliBin = path.join(repositoryRoot, 'apps/cli/bin/kizuna.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliTarget {
  /** The database the command works on (a running test engine's); none for file-only commands. */
  databaseUrl?: string;
  dataDir?: string;
  /** Killed after this long, so a hung command fails its test instead of the whole run. */
  timeoutMs?: number;
}

/**
 * `npx kizuna <args>` as a user runs it: a child process of its own (it compiles the engine's
 * sources and starts its services, a few seconds). The machine's own settings must not leak in:
 * the in-process queue and no default workspace.
 */
export function runKizunaCli(args: readonly string[], target: CliTarget = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.REDIS_URL;
  delete env.KIZUNA_WORKSPACE;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  if (target.dataDir) env.KIZUNA_DATA_DIR = target.dataDir;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd: repositoryRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), target.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
