// npm run start:worker: only the BullMQ workers (scale out with any number of these).
import { startProcess } from './start-process.ts';

await startProcess({ web: false, workers: true });
