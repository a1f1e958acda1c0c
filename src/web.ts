// npm run start:web: only the Slack listener (scale out with any number of these behind a load balancer).
import { runProcess } from './process.ts';

await runProcess({ web: true, workers: false });
