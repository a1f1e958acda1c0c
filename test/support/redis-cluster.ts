// A real three-master Redis Cluster for tests and benchmarks, started from the `redis-server` binary on local
// ports (no persistence, files in a temporary directory) and joined with `redis-cli --cluster create`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HOST = '127.0.0.1';
/** Redis Cluster talks between nodes on port + 10000, so both must be free and below 65536. */
const BUS_OFFSET = 10000;

export interface RedisCluster {
  /** `redis://127.0.0.1:<port>` of each master: the value of REDIS_CLUSTER_NODES, comma-joined. */
  nodes: string[];
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** `count` ports whose cluster bus ports are free too, from a random start so parallel runs rarely collide. */
async function clusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  let port = 20000 + Math.floor(Math.random() * 20000);
  while (ports.length < count) {
    if ((await portIsFree(port)) && (await portIsFree(port + BUS_OFFSET))) ports.push(port);
    port++;
  }
  return ports;
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', HOST, '-p', String(port), ...args], { timeout: 30_000 });
  return stdout;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster: ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts `masters` (default 3) cluster-enabled redis-servers and creates the cluster; waits for state ok. */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'debt-redis-cluster-'));
  const ports = await clusterPorts(masters);
  const servers: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        HOST,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '5000',
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
  const stop = async () => {
    for (const server of servers) server.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports)
      await until(`node ${port} answering`, async () => (await cli(port, 'ping')).trim() === 'PONG');
    await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((port) => `${HOST}:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { timeout: 60_000 },
    );
    for (const port of ports)
      await until(`node ${port} reporting cluster_state:ok`, async () =>
        (await cli(port, 'cluster', 'info')).includes('cluster_state:ok'),
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((port) => `redis://${HOST}:${port}`), stop };
}
