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
}
