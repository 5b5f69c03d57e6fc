import { beforeEach, describe, expect, it, vi } from 'vitest';

// ipc.ts → protocol.ts → security.ts imports `shell`; Electron cannot load here.
vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => undefined) } }));

const { IPC_CALL, IPC_EVENT, makeEmitter, registerIpc, senderCheck } = await import('../../src-main/ipc');
const { trustedOrigins } = await import('../../src-main/protocol');
const { CHANNELS } = await import('../../src-main/api/channels');

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup(origins = trustedOrigins({ isPackaged: true })) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, h: Handler) => void handlers.set(channel, h)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const router = {
    call: vi.fn(async (clientId: string, channel: string, input: unknown) => ({
      ok: true as const,
      data: { clientId, channel, input },
    })),
  };
  const unregister = registerIpc({
    ipcMain: ipcMain as never,
    router,
    isTrustedSender: senderCheck(origins),
    logError: () => {},
  });
  const invoke = (event: unknown, ...args: unknown[]) => {
    const h = handlers.get(IPC_CALL);
    if (!h) throw new Error('no handler');
    return h(event, ...args);
  };
  return { ipcMain, router, invoke, unregister, handlers };
}

const mainFrame = (url = 'app://shopdesk/index.html') => ({ url, parent: null });
const eventFrom = (senderFrame: unknown, id = 7) => ({ sender: { id }, senderFrame });
const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', key: 'forbidden', message: 'Untrusted sender' } };

describe('registerIpc', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => {
    s = setup();
  });

  it('registers exactly one invoke handler, on shopdesk:call', () => {
    expect(IPC_CALL).toBe('shopdesk:call');
    expect(s.ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(s.ipcMain.handle.mock.calls[0]![0]).toBe('shopdesk:call');
  });

  it('passes a call from our main frame to the router with the sender id as client id', async () => {
    const input = { search: '连衣裙', offset: 0 };
    const out = await s.invoke(eventFrom(mainFrame(), 42), 'catalog.list', input);
    expect(s.router.call).toHaveBeenCalledTimes(1);
    expect(s.router.call).toHaveBeenCalledWith('42', 'catalog.list', input);
    expect(out).toEqual({ ok: true, data: { clientId: '42', channel: 'catalog.list', input } });
  });

  it('accepts any path and query on our origin', async () => {
    await s.invoke(eventFrom(mainFrame('app://shopdesk/index.html?x=1#/warehouse')), 'auth.session', {});
    expect(s.router.call).toHaveBeenCalledTimes(1);
  });

  it('hands every contract channel through', async () => {
    for (const ch of CHANNELS) await s.invoke(eventFrom(mainFrame()), ch, undefined);
    expect(s.router.call.mock.calls.map((c) => c[1])).toEqual([...CHANNELS]);
  });

  describe('refusals never reach the router', () => {
    it.each<[string, unknown]>([
      ['a subframe', { url: 'app://shopdesk/index.html', parent: mainFrame() }],
      ['a foreign origin', mainFrame('https://evil.example/')],
      ['a look-alike host', mainFrame('app://shopdesk.evil/index.html')],
      ['another custom scheme', mainFrame('evil://shopdesk/index.html')],
      ['file://', mainFrame('file:///C:/shopdesk/index.html')],
      ['credentials in the URL', mainFrame('app://x@shopdesk/index.html')],
      ['about:blank', mainFrame('about:blank')],
      ['an empty URL', mainFrame('')],
      ['the dev server in a packaged app', mainFrame('http://localhost:5173/')],
      ['a missing senderFrame (null)', null],
      ['a missing senderFrame (undefined)', undefined],
      ['a frame without parent info', { url: 'app://shopdesk/index.html' }],
    ])('refuses %s with FORBIDDEN', async (_label, frame) => {
      const out = await s.invoke(eventFrom(frame), 'catalog.list', {});
      expect(out).toEqual(FORBIDDEN);
      expect(s.router.call).not.toHaveBeenCalled();
    });

    it('refuses when reading senderFrame throws (frame destroyed)', async () => {
      const event = {
        sender: { id: 1 },
        get senderFrame() {
          throw new Error('Render frame was disposed');
        },
      };
      expect(await s.invoke(event, 'catalog.list', {})).toEqual(FORBIDDEN);
      expect(s.router.call).not.toHaveBeenCalled();
    });

    it.each<[string, unknown]>([
      ['an unknown channel', 'catalog.dropTable'],
      ['a prototype key', '__proto__'],
      ['a namespace only', 'catalog'],
      ['a non-string', { channel: 'catalog.list' }],
      ['nothing', undefined],
    ])('refuses %s with NOT_FOUND', async (_label, channel) => {
      const out = (await s.invoke(eventFrom(mainFrame()), channel, {})) as { ok: boolean; error: unknown };
      expect(out.ok).toBe(false);
      expect(out.error).toMatchObject({ code: 'NOT_FOUND' });
      expect(s.router.call).not.toHaveBeenCalled();
    });

    it('checks the sender before the channel (an untrusted frame learns nothing)', async () => {
      const out = await s.invoke(eventFrom(mainFrame('https://evil.example/')), 'nope', {});
      expect(out).toEqual(FORBIDDEN);
    });
  });

  it('accepts the dev server origin when unpackaged', async () => {
    const dev = setup(trustedOrigins({ isPackaged: false, rendererUrl: 'http://localhost:5173' }));
    await dev.invoke(eventFrom(mainFrame('http://localhost:5173/')), 'auth.session', {});
    expect(dev.router.call).toHaveBeenCalledTimes(1);
    expect(await dev.invoke(eventFrom(mainFrame('http://localhost:5174/')), 'auth.session', {})).toEqual(
      FORBIDDEN,
    );
  });

  it('turns a throwing router into an INTERNAL envelope without details', async () => {
    s.router.call.mockRejectedValueOnce(new Error('SQLITE_CORRUPT at /home/x'));
    const out = await s.invoke(eventFrom(mainFrame()), 'catalog.list', {});
    expect(out).toEqual({
      ok: false,
      error: { code: 'INTERNAL', key: 'internal', message: 'Internal error' },
    });
  });

  it('returns an unregister function', () => {
    s.unregister();
    expect(s.ipcMain.removeHandler).toHaveBeenCalledWith('shopdesk:call');
    expect(s.handlers.size).toBe(0);
  });
});

describe('makeEmitter', () => {
  it('sends name and payload on shopdesk:event to the client webContents', () => {
    const wc = { send: vi.fn(), isDestroyed: () => false };
    const get = vi.fn(() => wc);
    const emit = makeEmitter(get);
    emit('3', 'session.changed', { staffId: 'x' });
    expect(get).toHaveBeenCalledWith('3');
    expect(IPC_EVENT).toBe('shopdesk:event');
    expect(wc.send).toHaveBeenCalledWith('shopdesk:event', 'session.changed', { staffId: 'x' });
  });

  it('skips gone or destroyed windows and unknown events', () => {
    const wc = { send: vi.fn(), isDestroyed: () => true };
    makeEmitter(() => wc)('3', 'session.changed', null);
    makeEmitter(() => undefined)('3', 'session.changed', null);
    const live = { send: vi.fn(), isDestroyed: () => false };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    makeEmitter(() => live)('3', 'not.an.event', null);
    warn.mockRestore();
    expect(wc.send).not.toHaveBeenCalled();
    expect(live.send).not.toHaveBeenCalled();
  });
});
