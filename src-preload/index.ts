// The preload: builds `window.shopdesk` from the channel list and exposes it, frozen, through the
// context bridge. Sandboxed, so it is bundled into one CommonJS file with no other require()s.
// Nothing raw crosses the bridge: no ipcRenderer, no Electron event objects, no generic
// "send to any channel" function — only one function per contract channel and `events.on`.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENTS, IPC_CALL, IPC_EVENT } from '../src-main/api/channels';
import type { ShopdeskApi } from './api-types';

export { IPC_CALL, IPC_EVENT };

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

const api = buildApi(
  (ipcChannel, channel, input) => ipcRenderer.invoke(ipcChannel, channel, input),
  (ipcChannel, listener) => void ipcRenderer.on(ipcChannel, listener),
  (ipcChannel, listener) => void ipcRenderer.removeListener(ipcChannel, listener),
);

contextBridge.exposeInMainWorld('shopdesk', api);
