// The preload's drop listener (drag and drop import) with Electron's module mocked: on a trusted
// drop it sends the dropped files' OS paths (webUtils.getPathForFile) to main on IPC_DROP; an
// event made by page script, files without a path and drops without files send nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => 1),
    on: vi.fn(),
    removeListener: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn() };
  const webUtils = {
    getPathForFile: vi.fn((f: { path?: string }) => f.path ?? ''),
  };
  // The page's window as the preload sees it: keeps the listeners it adds.
  const listeners: { type: string; fn: (e: unknown) => void; capture: unknown }[] = [];
  (globalThis as { window?: unknown }).window = {
    addEventListener: (type: string, fn: (e: unknown) => void, capture: unknown) =>
      listeners.push({ type, fn, capture }),
  };
  return { ipcRenderer, contextBridge, webUtils, listeners };
});

vi.mock('electron', () => ({
  ipcRenderer: electron.ipcRenderer,
  contextBridge: electron.contextBridge,
  webUtils: electron.webUtils,
}));

const preload = await import('../../src-preload/index');
const { IPC_DROP } = await import('../../src-main/api/channels');

const drop = (isTrusted: boolean, files: unknown[] | null) => ({
  isTrusted,
  dataTransfer: files ? { files } : null,
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.webUtils.getPathForFile.mockClear();
});

describe('the drop listener the preload installs on the page', () => {
  it('listens for drop on the window, in the capture phase (before the page)', () => {
    const drops = electron.listeners.filter((l) => l.type === 'drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]!.capture).toBe(true);
  });

  it('sends the OS paths of a real drop to main on its own IPC message', () => {
    const listener = electron.listeners.find((l) => l.type === 'drop')!.fn;
    listener(drop(true, [{ path: 'C:\\拍摄\\春季' }, { path: '' }, { path: 'C:\\拍摄\\a.jpg' }]));
    expect(electron.webUtils.getPathForFile).toHaveBeenCalledTimes(3);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_DROP, ['C:\\拍摄\\春季', 'C:\\拍摄\\a.jpg']);
  });

  it('ignores drops made by page script, files without a path, and drops of no files', () => {
    const listener = electron.listeners.find((l) => l.type === 'drop')!.fn;
    listener(drop(false, [{ path: '/etc/passwd' }]));
    listener(drop(true, [{ path: '' }, {}]));
    listener(drop(true, []));
    listener(drop(true, null));
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('survives getPathForFile throwing (not a File)', () => {
    const listener = electron.listeners.find((l) => l.type === 'drop')!.fn;
    electron.webUtils.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    listener(drop(true, ['junk', { path: '/home/me/b.jpg' }]));
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_DROP, ['/home/me/b.jpg']);
  });

  it('exposes no path-taking function on window.shopdesk', () => {
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as Record<string, unknown>;
    expect(Object.keys(api)).not.toContain('drop');
    expect(typeof preload.installDropListener).toBe('function');
  });
});
