// The only file that touches ipcMain. One invoke channel carries every API call:
//   renderer → preload → ipcRenderer.invoke('shopdesk:call', channel, input) → here → router.call
// Here we only decide whether the *sender* may talk to us at all and whether the channel name is
// one of ours; the router validates the input, authorizes and runs (router.ts). Nothing else.
//
// The sender check follows the idea of VS Code's validatedIpcMain: every message's senderFrame
// must be a top-level frame whose URL is on one of our own origins. With navigation, new windows
// and webviews all denied (security.ts) this should always hold; if it does not, something is
// loaded that is not our UI and it gets nothing.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, EVENTS, IPC_CALL, IPC_DROP, IPC_EVENT } from './api/channels';
import type { Envelope } from './api/contract';
import type { Router } from './api/router';
import { originOf } from './protocol';

export { IPC_CALL, IPC_DROP, IPC_EVENT };

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);
const EVENT_SET: ReadonlySet<string> = new Set(EVENTS);

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

const FORBIDDEN: Envelope<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN', key: 'forbidden', message: 'Untrusted sender' }),
}) as Envelope<never>;

/**
 * A sender check for the given origins (protocol.ts trustedOrigins()): a frame that exists, is a
 * main frame (no parent), and whose URL's origin is one of ours.
 */
export function senderCheck(origins: readonly string[]): (frame: SenderFrame | null | undefined) => boolean {
  const allowed = new Set(origins.map((o) => o.toLowerCase()));
  return (frame) => {
    if (!frame) return false;
    if (frame.parent !== null) return false;
    if (typeof frame.url !== 'string' || frame.url === '') return false;
    const origin = originOf(frame.url);
    return origin !== null && allowed.has(origin);
  };
}

function senderFrameOf(event: IpcMainInvokeEvent): SenderFrame | null {
  try {
    // Electron 39: null once the frame navigated away or was destroyed; reading it can throw then.
    return (event.senderFrame as SenderFrame | null | undefined) ?? null;
  } catch {
    return null;
  }
}

export function registerIpc(deps: {
  ipcMain: IpcMainLike;
  router: Pick<Router, 'call'>;
  isTrustedSender(frame: SenderFrame): boolean;
  logError?: (e: unknown, channel: string) => void;
  /**
   * The preload's drop listener reporting the paths of a trusted drop (IPC_DROP): recorded for
   * the sender's client (art/drops.ts), only from a trusted sender like every call.
   */
  onDrop?: (clientId: string, paths: unknown) => number;
}): () => void {
  const logError =
    deps.logError ?? ((e: unknown, ch: string) => console.error(`[ipc] ${ch} failed unexpectedly:`, e));

  deps.ipcMain.handle(
    IPC_CALL,
    async (event, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
      const frame = senderFrameOf(event);
      let trusted = false;
      try {
        trusted = frame !== null && deps.isTrustedSender(frame);
      } catch {
        trusted = false;
      }
      if (!trusted) return FORBIDDEN;

      if (typeof channel !== 'string' || !CHANNEL_SET.has(channel)) {
        return { ok: false, error: { code: 'NOT_FOUND', key: 'unknownChannel', message: 'Unknown channel' } };
      }

      const clientId = String(event.sender.id);
      try {
        return await deps.router.call(clientId, channel, input);
      } catch (e) {
        // The router answers errors with envelopes; this is a bug. Never send a stack to the renderer.
        logError(e, channel);
        return { ok: false, error: { code: 'INTERNAL', key: 'internal', message: 'Internal error' } };
      }
    },
  );

  const onDrop = deps.onDrop;
  if (onDrop)
    deps.ipcMain.handle(IPC_DROP, (event, paths: unknown): number => {
      const frame = senderFrameOf(event);
      let trusted = false;
      try {
        trusted = frame !== null && deps.isTrustedSender(frame);
      } catch {
        trusted = false;
      }
      // Synchronous: recorded before any later call from the same window is handled.
      return trusted ? onDrop(String(event.sender.id), paths) : 0;
    });

  return () => {
    deps.ipcMain.removeHandler(IPC_CALL);
    if (onDrop) deps.ipcMain.removeHandler(IPC_DROP);
  };
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/**
 * The router's `emit`: push an event to one client (a webContents id as string). Only events in
 * EVENTS; the preload passes the payload on without the Electron event object.
 */
export function makeEmitter(
  getWebContents: (clientId: string) => EventTarget | null | undefined,
): (clientId: string, name: string, payload: unknown) => void {
  return (clientId, name, payload) => {
    if (!EVENT_SET.has(name)) {
      console.warn(`[ipc] not emitting unknown event ${name}`);
      return;
    }
    const contents = getWebContents(clientId);
    if (!contents || contents.isDestroyed()) return;
    contents.send(IPC_EVENT, name, payload);
  };
}
