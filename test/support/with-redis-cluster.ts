// `npm run test:cluster`: starts a three-master Redis Cluster (test/support/redis-cluster.ts), runs the given
// command with REDIS_CLUSTER_NODES pointing at it (and no REDIS_URL), stops the cluster, exits with the command's
// code. The core suite runs this way in .ci/run (issue 12, decision 0025).
import { spawn } from 'node:child_process';
import { startRedisCluster } from './redis-cluster.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: with-redis-cluster <command> [args…]\n');
  process.exit(2);
}
const cluster = await startRedisCluster();
process.stdout.write(`Redis Cluster up: ${cluster.nodes.join(',')}\n`);
const { REDIS_URL: _single, ...env } = process.env;
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...env, REDIS_CLUSTER_NODES: cluster.nodes.join(',') },
});
// Ctrl-C or a CI timeout: pass it on to the command, and still stop the three servers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const code = await new Promise<number>((resolve) => {
  child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  child.once('error', () => resolve(1));
});
await cluster.stop();
process.exit(code);
