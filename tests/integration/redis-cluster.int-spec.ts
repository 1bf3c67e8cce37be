import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestEngine, uploadImport, waitForImport, type TestEngine } from '../support/test-engine';

const PORTS = [7311, 7312, 7313];

function redisCli(...args: string[]): string {
  return execFileSync('redis-cli', args, { encoding: 'utf8' });
}

async function until(what: string, ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The engine on a real three-master Redis Cluster made of the machine's redis-server, as on
 * ElastiCache or MemoryDB with cluster mode on: an import's job goes through BullMQ on the cluster,
 * and every queue key carries the hash tag that keeps BullMQ's multi-key scripts in one slot.
 */
describe('Redis Cluster', () => {
  let nodes: ChildProcess[] = [];
  let dir: string;
  let test: TestEngine | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kizuna-redis-cluster-'));
    nodes = PORTS.map((port) =>
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          path.join(dir, `nodes-${port}.conf`),
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
        ],
        { stdio: 'ignore' },
      ),
    );
    await until('the nodes', () =>
      PORTS.every((port) => {
        try {
          return redisCli('-p', String(port), 'ping').trim() === 'PONG';
        } catch {
          return false;
        }
      }),
    );
    redisCli(
      '--cluster',
      'create',
      ...PORTS.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    );
    await until('the cluster', () => redisCli('-p', String(PORTS[0]), 'cluster', 'info').includes('cluster_state:ok'));
  }, 60_000);

  afterAll(async () => {
    await test?.stop();
    for (const node of nodes) node.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs queue jobs on the cluster, every key under the {kizuna} hash tag', async () => {
    test = await startTestEngine({
      REDIS_URL: `redis://127.0.0.1:${PORTS[0]}`,
      KIZUNA_REDIS_CLUSTER: 'on',
      KIZUNA_PERIODIC_TASKS: 'off',
    });
    const health = (await (await fetch(`${test.url}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ queue: { adapter: 'bullmq', status: 'up' } });

    const shop = await test.createWorkspace('shop');
    const upload = await uploadImport(
      test,
      shop,
      { kind: 'customers' },
      'customer_id,email,family_name\nC-1,hanako@example.jp,山田\nC-2,taro@example.jp,佐藤\n',
    );
    expect(upload.status).toBe(202);
    const job = await waitForImport(test, shop, ((await upload.json()) as { id: number }).id);
    expect(job).toMatchObject({ status: 'succeeded', rowsAccepted: 2 });

    const keys = PORTS.flatMap((port) =>
      redisCli('-p', String(port), '--scan', '--pattern', '*').split('\n').filter(Boolean),
    );
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !key.startsWith('{kizuna}:'))).toEqual([]);
  }, 90_000);
});
