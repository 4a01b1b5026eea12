import type { Transport } from '../transport/transport.js';
import { onMessage } from './engine-events.js';
import { useHaul } from './store.js';

/** The link to the engine (IPC in the desktop app, HTTP and an event stream in the browser), set once by `connect`. */
let transport: Transport | undefined;

export function connect(next: Transport): () => void {
  transport = next;
  useHaul.setState({ desktop: next.desktop });
  const offConnection = next.onConnection?.((connection) => {
    useHaul.setState({ connection });
  });
  const offMessages = next.subscribe(onMessage);
  return () => {
    offConnection?.();
    offMessages();
  };
}

export function api(): Transport {
  if (transport === undefined) throw new Error('not connected');
  return transport;
}

export function report(error: unknown): void {
  useHaul.setState({ notice: error instanceof Error ? error.message : String(error) });
}
