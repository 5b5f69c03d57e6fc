import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// A fake ipcRenderer that keeps its listeners, so tests can "send" events from main.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: null })),
    on: vi.fn((channel: string, l: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
      return ipcRenderer;
    }),
    removeListener: vi.fn((channel: string, l: (...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(l);
      return ipcRenderer;
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
    postMessage: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn(), exposeInIsolatedWorld: vi.fn() };
  const webFrame = { setZoomLevel: vi.fn() };
  /** What main's webContents.send('shopdesk:event', name, payload) looks like to the preload. */
  function emitFromMain(channel: string, ...args: unknown[]) {
    const event = { sender: ipcRenderer, senderId: 0, ports: [] };
    for (const l of [...(listeners.get(channel) ?? [])]) l(event, ...args);
  }
  return { ipcRenderer, contextBridge, webFrame, listeners, emitFromMain };
});

vi.mock('electron', () => ({
  ipcRenderer: electron.ipcRenderer,
  contextBridge: electron.contextBridge,
  webFrame: electron.webFrame,
}));

// ipc.ts (imported for its constants) reaches security.ts, which needs electron's `shell`; stub it.
vi.mock('../../src-main/security', () => ({ CSP: "default-src 'self'" }));

const { CHANNELS, EVENTS } = await import('../../src-main/api/channels');
const preload = await import('../../src-preload/index');
const ipc = await import('../../src-main/ipc');

type Api = Record<string, Record<string, (...args: unknown[]) => unknown>>;
let api: Api;

beforeAll(() => {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as Api;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
});

describe('what the preload exposes', () => {
  it('exposes window.shopdesk exactly once and nothing else', () => {
    const calls = electron.contextBridge.exposeInMainWorld.mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('shopdesk');
    expect(electron.contextBridge.exposeInIsolatedWorld).not.toHaveBeenCalled();
    // Nothing sent or listened to just by loading.
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('uses the same IPC channel names as main', () => {
    expect(preload.IPC_CALL).toBe(ipc.IPC_CALL);
    expect(preload.IPC_EVENT).toBe(ipc.IPC_EVENT);
  });

  it('has one namespace per contract namespace, plus events', () => {
    const namespaces = new Set(CHANNELS.map((c) => c.split('.')[0]!));
    expect(new Set(Object.keys(api))).toEqual(new Set([...namespaces, 'events']));
    for (const ns of namespaces) {
      const methods = CHANNELS.filter((c) => c.startsWith(`${ns}.`)).map((c) => c.split('.')[1]);
      expect(Object.keys(api[ns]!).sort()).toEqual(methods.sort());
    }
    expect(Object.keys(api.events!)).toEqual(['on']);
  });

  it('is frozen, nested objects and functions included', () => {
    const walk = (v: unknown, where: string) => {
      if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return;
      expect(Object.isFrozen(v), where).toBe(true);
      for (const k of Reflect.ownKeys(v as object)) {
        walk((v as Record<PropertyKey, unknown>)[k], `${where}.${String(k)}`);
      }
    };
    walk(api, 'shopdesk');
    expect(() => {
      (api as Record<string, unknown>).catalog = {};
    }).toThrow(TypeError);
    expect(() => {
      api.catalog!.list = () => 'hijacked';
    }).toThrow(TypeError);
    expect(() => {
      (api.events as Record<string, unknown>).on = () => {};
    }).toThrow(TypeError);
  });

  it('reaches no Electron object: only plain objects and functions, none of them Electron', () => {
    const forbidden = new Set<unknown>([
      electron.ipcRenderer,
      electron.contextBridge,
      electron.webFrame,
      ...Object.values(electron.ipcRenderer),
      ...Object.values(electron.contextBridge),
    ]);
    const seen = new Set<unknown>();
    const walk = (v: unknown, where: string) => {
      if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return;
      if (seen.has(v)) return;
      seen.add(v);
      expect(forbidden.has(v), where).toBe(false);
      if (typeof v === 'object') expect(Object.getPrototypeOf(v), where).toBe(Object.prototype);
      for (const k of Reflect.ownKeys(v as object)) {
        if (typeof v === 'function' && (k === 'length' || k === 'name')) continue;
        walk((v as Record<PropertyKey, unknown>)[k], `${where}.${String(k)}`);
      }
    };
    walk(api, 'shopdesk');
    // Functions carry nothing but their name and arity (no prototype, no hidden properties).
    for (const ns of Object.keys(api)) {
      for (const fn of Object.values(api[ns]!)) {
        expect(Reflect.ownKeys(fn).sort()).toEqual(['length', 'name']);
      }
    }
  });
});

describe('API calls', () => {
  it.each([...CHANNELS])('%s invokes shopdesk:call with its channel and input', async (channel) => {
    const [ns, method] = channel.split('.') as [string, string];
    const fn = api[ns]![method]!;
    expect(typeof fn).toBe('function');
    const input = { probe: channel };
    const out = await fn(input);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('shopdesk:call', channel, input);
    expect(out).toEqual({ ok: true, data: null });
  });

  it('passes only the first argument', async () => {
    await api.catalog!.list!({ a: 1 }, 'extra', () => {});
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('shopdesk:call', 'catalog.list', { a: 1 });
  });
});

describe('events', () => {
  const on = () => api.events!.on as (n: unknown, l: unknown) => () => void;

  it('gives the listener the payload only, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    const off = on()('session.changed', listener);
    electron.emitFromMain('shopdesk:event', 'session.changed', { staff: { id: 's1' } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ staff: { id: 's1' } }]);
    off();
  });

  it('filters by event name', () => {
    const listener = vi.fn();
    const off = on()('session.changed', listener);
    electron.emitFromMain('shopdesk:event', 'something.else', 1);
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('unsubscribe removes exactly its own wrapper, once', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = on()('session.changed', a);
    const offB = on()('session.changed', b);
    expect(electron.listeners.get('shopdesk:event')!.size).toBe(2);

    const wrapperA = electron.ipcRenderer.on.mock.calls.at(-2)![1];
    offA();
    expect(electron.ipcRenderer.removeListener).toHaveBeenLastCalledWith('shopdesk:event', wrapperA);
    expect(electron.listeners.get('shopdesk:event')!.size).toBe(1);

    electron.emitFromMain('shopdesk:event', 'session.changed', 'x');
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith('x');

    const removals = electron.ipcRenderer.removeListener.mock.calls.length;
    offA();
    expect(electron.ipcRenderer.removeListener.mock.calls.length).toBe(removals);
    offB();
    expect(electron.listeners.get('shopdesk:event')!.size).toBe(0);
  });

  it('subscribes every known event name', () => {
    for (const name of EVENTS) on()(name, () => {})();
  });

  it.each<[string, unknown]>([
    ['an unknown name', 'catalog.list'],
    ['a raw IPC channel', 'shopdesk:call'],
    ['a prototype key', '__proto__'],
    ['a non-string', 42],
  ])('throws for %s', (_label, name) => {
    const before = electron.ipcRenderer.on.mock.calls.length;
    expect(() => on()(name, () => {})).toThrow(/Unknown event/);
    expect(electron.ipcRenderer.on.mock.calls.length).toBe(before);
  });

  it('throws for a listener that is not a function', () => {
    expect(() => on()('session.changed', 'alert(1)')).toThrow(TypeError);
  });
});

describe('buildApi', () => {
  it('builds from the three functions it is given', async () => {
    const invoke = vi.fn(async () => 'r');
    const onFn = vi.fn();
    const offFn = vi.fn();
    const built = preload.buildApi(invoke, onFn, offFn) as unknown as Api;
    expect(await built.staff!.list!({})).toBe('r');
    expect(invoke).toHaveBeenCalledWith('shopdesk:call', 'staff.list', {});
    const unsubscribe = (built.events!.on as (n: string, l: () => void) => () => void)(
      'session.changed',
      () => {},
    );
    expect(onFn).toHaveBeenCalledWith('shopdesk:event', expect.any(Function));
    unsubscribe();
    expect(offFn).toHaveBeenCalledWith('shopdesk:event', onFn.mock.calls[0]![1]);
  });
});
