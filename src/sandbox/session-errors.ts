// How the sandbox says no: a refusal is Slack's answer to what a person did (200, `ok: false`); not ready is the
// sandbox starting or resetting (503: the page tries again).
export class SandboxRefusal extends Error {}

export class NotReady extends Error {}
