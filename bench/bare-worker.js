// Baseline for `npm run bench -- cold-start`: a bare BullMQ Worker process (one queue, a processor that does
// nothing), printing the same 'workers started' line as src/start-workers.ts once it is ready.
// Plain JavaScript on purpose: it runs on `node` alone, with nothing to compile or load first.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
connection.on('error', (error) => process.stderr.write(`redis: ${error.message}\n`));
const worker = new Worker('bare', async () => undefined, {
  connection,
  prefix: process.env.REDIS_PREFIX ?? 'bench-bare',
});
worker.on('error', (error) => process.stderr.write(`worker: ${error.message}\n`));

await worker.waitUntilReady();
process.stderr.write(`${JSON.stringify({ level: 'info', msg: 'workers started', queues: ['bare'] })}\n`);
process.once('SIGTERM', () => {
  void worker
    .close()
    .then(() => connection.quit())
    .then(() => process.exit(0));
});
