// npm run start:web: only the Slack listener (scale out with any number of these behind a load balancer).
import { startProcess } from './start-process.ts';

await startProcess({ web: true, workers: false });
