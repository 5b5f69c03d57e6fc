// What the router needs from its host (Electron's main process, or the browser harness):
// things only the host can do, such as asking the person where to save a file.
export interface Host {
  appVersion: string;
  /**
   * Ask where to save a file. Electron: the system save dialog. Harness: a file in its export
   * folder. Returns an absolute path, or null if the person cancelled.
   */
  chooseSavePath(opts: {
    defaultName: string;
    filterName: string;
    extensions: string[];
  }): Promise<string | null>;
  /**
   * Ask which files (or which one folder) to open, e.g. images to import. Electron: the system open
   * dialog. Harness/tests: paths from a configured folder. Absolute paths, or null if cancelled.
   */
  chooseOpenPaths?(opts: {
    mode: 'files' | 'folder';
    filterName: string;
    extensions: string[];
  }): Promise<string[] | null>;
  /**
   * The paths of the files and folders last dropped onto this client's window (drag and drop
   * import), taken once; null if there was no recent drop. Electron: recorded from the preload's
   * trusted drop events (modules/art/drops.ts). Harness: recorded by its shim.
   */
  takeDroppedPaths?(clientId: string): string[] | null;
  /** Ask for a folder to write into (e.g. exported images). Absolute path, or null if cancelled. */
  chooseFolder?(opts: { title: string }): Promise<string | null>;
}
