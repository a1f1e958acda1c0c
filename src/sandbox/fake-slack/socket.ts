// Socket Mode as Slack runs it: apps.connections.open hands out a WebSocket URL; Slack sends `hello`, then
// envelopes, and the app answers each envelope_id with an ack (optionally carrying a response payload).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AppResponse } from '../sign.ts';
import { deferred } from './http.ts';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

/** How long Slack waits for an ack before it gives up on an envelope. */
const ACK_TIMEOUT_MS = 3000;

export class SocketHub {
  /** WebSocket URLs handed out by apps.connections.open, and connections accepted on them. */
  granted = 0;
  accepted = 0;
  private readonly issued = new Set<string>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (ack: Record<string, unknown>) => void>();
  private ready = deferred<void>();

  constructor(
    server: Server,
    private readonly origin: string,
    private readonly onViolation: (problem: string) => void,
  ) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!this.issued.delete(req.url ?? '')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  /** The answer to apps.connections.open, which only an app-level token may call. */
  open(token: string | undefined): Record<string, unknown> {
    if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
    this.granted += 1;
    const path = `/socket/${randomUUID()}`;
    this.issued.add(path);
    return { ok: true, url: `${this.origin.replace('http', 'ws')}${path}` };
  }

  /** Resolves once an app has connected and been greeted with `hello`. */
  connected(): Promise<void> {
    return this.ready.promise;
  }

  /**
   * Delivers what the HTTP receiver would get as a signed body, the way Socket Mode carries it, and
   * resolves with the app's ack as an HTTP-like response: 200 with the ack's payload as the body.
   */
  deliverBody(body: string): Promise<AppResponse> {
    const { type, payload } = envelopeFor(body);
    return this.deliver(type, payload);
  }

  deliver(type: EnvelopeType, payload: unknown): Promise<AppResponse> {
    const socket = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!socket) return Promise.reject(new Error('no app is connected over Socket Mode'));
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: 0,
      retry_reason: '',
    };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(envelope.envelope_id);
        this.onViolation(`socket mode: no ack for ${type} within ${ACK_TIMEOUT_MS} ms`);
        resolve({ status: 504, text: '' });
      }, ACK_TIMEOUT_MS);
      this.acks.set(envelope.envelope_id, (ack) => {
        clearTimeout(timer);
        const payload = ack.payload as Record<string, unknown> | undefined;
        if (!payload || Object.keys(payload).length === 0) return resolve({ status: 200, text: '' });
        resolve({ status: 200, text: JSON.stringify(payload), json: payload });
      });
      socket.send(JSON.stringify(envelope));
    });
  }

  /** What Slack sends before it recycles a connection: the app should reconnect with a fresh URL. */
  requestReconnect(reason = 'refresh_requested'): void {
    for (const s of this.sockets) s.send(JSON.stringify({ type: 'disconnect', reason, debug_info: {} }));
  }

  close(): void {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.accepted += 1;
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      if (this.sockets.size === 0) this.ready = deferred<void>();
    });
    ws.on('message', (data) => this.onAck(String(data)));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        connection_info: { app_id: 'A0FAKE' },
        debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
      }),
    );
    this.ready.resolve();
  }

  private onAck(raw: string): void {
    let ack: Record<string, unknown>;
    try {
      ack = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      this.onViolation(`socket mode: the app sent something that is not JSON: ${raw.slice(0, 80)}`);
      return;
    }
    const id = typeof ack.envelope_id === 'string' ? ack.envelope_id : '';
    const settle = this.acks.get(id);
    if (!settle) {
      this.onViolation(`socket mode: ack for an unknown or expired envelope ${id}`);
      return;
    }
    this.acks.delete(id);
    settle(ack);
  }
}

/** The envelope Socket Mode would carry for a body the HTTP receiver would get. */
function envelopeFor(body: string): { type: EnvelopeType; payload: unknown } {
  if (body.startsWith('{')) return { type: 'events_api', payload: JSON.parse(body) };
  const form = new URLSearchParams(body);
  const interaction = form.get('payload');
  if (interaction !== null) return { type: 'interactive', payload: JSON.parse(interaction) };
  return { type: 'slash_commands', payload: Object.fromEntries(form) };
}
