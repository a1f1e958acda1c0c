// npm start: the Slack listener and the job workers in one process.
import { runProcess } from './process.ts';

await runProcess({ web: true, workers: true });
