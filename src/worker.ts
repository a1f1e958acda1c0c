// npm run start:worker: only the BullMQ workers (scale out with any number of these).
import { runProcess } from './process.ts';

await runProcess({ web: false, workers: true });
