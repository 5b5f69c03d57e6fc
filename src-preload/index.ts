// The preload: builds `window.shopdesk` from the channel list and exposes it, frozen, through the
// context bridge. Sandboxed, so it is bundled into one CommonJS file with no other require()s.
// Nothing raw crosses the bridge: no ipcRenderer, no Electron event objects, no generic
// "send to any channel" function — only one function per contract channel and `events.on`.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, EVENTS, IPC_CALL, IPC_DROP, IPC_EVENT } from '../src-main/api/channels';
import type { ShopdeskApi } from './api-types';

export { IPC_CALL, IPC_DROP, IPC_EVENT };

type Invoke = (ipcChannel: string, channel: string, input: unknown) => Promise<unknown>;
type RawListener = (event: unknown, ...args: unknown[]) => void;
type On = (ipcChannel: string, listener: RawListener) => void;
type Off = (ipcChannel: string, listener: RawListener) => void;

function deepFreeze<T>(value: T): T {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    for (const key of Reflect.ownKeys(value as object)) {
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    }
    Object.freeze(value);
  }
  return value;
}

/** The API object; pure apart from the three functions passed in (ipcRenderer's, in index.ts). */
export function buildApi(invoke: Invoke, on: On, off: Off): ShopdeskApi {
  // Plain objects: the context bridge copies them (their prototypes never cross).
  const api: Record<string, Record<string, unknown>> = {};

  for (const channel of CHANNELS) {
    const [ns, method] = channel.split('.') as [string, string];
    if (ns === 'events') throw new Error(`Channel ${channel} clashes with window.shopdesk.events`);
    const group = (api[ns] ??= {});
    // Only the channel and the input go over; the result is the router's envelope.
    group[method] = (input?: unknown) => invoke(IPC_CALL, channel, input);
  }

  const eventNames: ReadonlySet<string> = new Set(EVENTS);
  api.events = {};
  api.events.on = (name: unknown, listener: unknown): (() => void) => {
    if (typeof name !== 'string' || !eventNames.has(name)) throw new Error(`Unknown event: ${String(name)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    // The wrapper hides the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer itself).
    const wrapper: RawListener = (_event, eventName, payload) => {
      if (eventName === name) (listener as (payload: unknown) => void)(payload);
    };
    on(IPC_EVENT, wrapper);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off(IPC_EVENT, wrapper);
    };
  };

  return deepFreeze(api) as unknown as ShopdeskApi;
}

/** The parts of a drop event the listener reads. */
interface DropLike {
  readonly isTrusted: boolean;
  readonly dataTransfer: { readonly files: ArrayLike<unknown> } | null;
}
interface DropTarget {
  addEventListener(type: 'drop', listener: (e: DropLike) => void, capture: boolean): void;
}

/**
 * Drag and drop import: on every drop onto the page (capture phase, before the page's own
 * handlers), the paths of the dropped files and folders go to main, which records them for this
 * window (src-main/modules/art/drops.ts). Only a *trusted* event counts — one the browser made
 * from a real drop, never one dispatched by page script — and only files with a path, which only
 * the OS can give (a File built by script has none). The page itself never sees or sends a path.
 */
export function installDropListener(
  target: DropTarget,
  pathOf: (file: unknown) => string,
  send: (paths: string[]) => void,
): void {
  target.addEventListener(
    'drop',
    (e) => {
      if (!e.isTrusted || !e.dataTransfer) return;
      const paths: string[] = [];
      for (let i = 0; i < e.dataTransfer.files.length; i++) {
        let p = '';
        try {
          p = pathOf(e.dataTransfer.files[i]);
        } catch {
          p = '';
        }
        if (p) paths.push(p);
      }
      if (paths.length) send(paths);
    },
    true,
  );
}

const api = buildApi(
  (ipcChannel, channel, input) => ipcRenderer.invoke(ipcChannel, channel, input),
  (ipcChannel, listener) => void ipcRenderer.on(ipcChannel, listener),
  (ipcChannel, listener) => void ipcRenderer.removeListener(ipcChannel, listener),
);

contextBridge.exposeInMainWorld('shopdesk', api);

const page = (globalThis as { window?: DropTarget }).window;
if (page)
  installDropListener(
    page,
    (file) => webUtils.getPathForFile(file as File),
    (paths) => void ipcRenderer.invoke(IPC_DROP, paths),
  );
