// The preload's bridge, typed from the contract (src-preload/api-types.ts).
import type { ShopdeskApi } from '../../src-preload/api-types';

declare global {
  interface Window {
    /** Present in the app (preload) and in the browser harness (shim); absent anywhere else. */
    readonly shopdesk?: ShopdeskApi;
  }
}

export {};
