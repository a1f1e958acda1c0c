// npm start: the Slack listener and the job workers in one process.
import { startProcess } from './start-process.ts';

await startProcess({ web: true, workers: true });
