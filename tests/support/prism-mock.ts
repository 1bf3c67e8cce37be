import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * A provider's API mocked from its own OpenAPI specification by Stoplight Prism, as a child
 * process: requests the real API would reject (missing fields, bad header formats, no token) are
 * answered with the spec's error and the violation in the `sl-violations` header. `Prefer:
 * code=429` on a request returns the spec's 429.
 */
export interface PrismMock {
  url: string;
  port: number;
  /** What Prism printed (its request log). */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
const READY = /Prism is listening/;

/** A port free at the time of asking (Prism takes no port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `prism mock` on the spec (a path relative to the repository) and waits until it listens. */
export async function startPrismMock(spec: string, timeoutMs = 60_000): Promise<PrismMock> {
  const port = await freePort();
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/prism'),
    ['mock', '-h', '127.0.0.1', '-p', String(port), path.resolve(ROOT, spec)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`prism did not listen within ${timeoutMs} ms:\n${output.slice(-2_000)}`));
      }, timeoutMs);
      const check = () => {
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`prism exited (${code}) before listening:\n${output.slice(-2_000)}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
