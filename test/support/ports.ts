// Free ports for tests' child processes: the sandbox's helper.
export { freePort } from '../../src/sandbox/free-port.ts';
