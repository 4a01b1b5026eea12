import type { Transport } from './transport.js';
import { webTransport } from './web-transport.js';

declare global {
  interface Window {
    /** Set by the desktop app's preload (contextBridge); absent in a browser. */
    readonly haul?: Transport;
  }
}

/** The preload bridge in the desktop app, else haul serve's HTTP API. The UI knows nothing more. */
export function detectTransport(): Transport {
  return window.haul ?? webTransport(window.location, window.history, window.sessionStorage);
}
