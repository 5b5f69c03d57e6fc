// Paths the person dropped onto the window (drag and drop import). The renderer never sends a
// path: in Electron the preload's capture-phase `drop` listener takes the paths of a *trusted*
// drop event's files (webUtils.getPathForFile — only files the OS handed to Chromium have one; a
// File made by page script has none) and sends them to main on its own IPC message, which
// ipc.ts accepts only from our window's main frame. Main records them here for that client, like
// an answer of the open dialog: `art.libraryImport { mode: 'drop' }` then takes them — once, and
// only within DROP_TTL_MS. A client can only ever import what was dropped onto its own window.
import path from 'node:path';

export const DROP_TTL_MS = 2 * 60_000;
export const MAX_DROP_PATHS = 1_000;
const MAX_PATH_LENGTH = 4_096;

export class DropRegistry {
  private drops = new Map<string, { paths: string[]; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Record one drop for a client (replacing an earlier one). Anything but a list of absolute
   * paths is refused as a whole; returns how many paths were recorded.
   */
  record(clientId: string, paths: unknown): number {
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_DROP_PATHS) return 0;
    const ok = paths.every(
      (p): p is string =>
        typeof p === 'string' &&
        p.length > 0 &&
        p.length <= MAX_PATH_LENGTH &&
        !p.includes('\0') &&
        path.isAbsolute(p),
    );
    if (!ok) return 0;
    this.drops.set(clientId, { paths: [...new Set(paths as string[])], at: this.now() });
    return this.drops.get(clientId)!.paths.length;
  }

  /** The client's last drop, if recent; a drop is imported once. */
  take(clientId: string): string[] | null {
    const d = this.drops.get(clientId);
    this.drops.delete(clientId);
    if (!d || this.now() - d.at > DROP_TTL_MS) return null;
    return d.paths;
  }

  /** The client's window closed. */
  forget(clientId: string): void {
    this.drops.delete(clientId);
  }
}
