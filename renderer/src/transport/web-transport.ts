import type { EventMessage, EventName } from '../../../shared/contract.js';
import type { Transport } from './transport.js';

const EVENT_NAMES: readonly EventName[] = ['snapshot', 'states', 'changed', 'progress', 'removed', 'settings'];
const TOKEN_KEY = 'haul-token';

/**
 * `haul serve` over HTTP: commands are POSTs, events a server-sent stream. The token comes in the
 * URL once; it is then kept for this tab only and taken out of the address bar.
 */
export function webTransport(location: Location, history: History, storage: Storage): Transport {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? storage.getItem(TOKEN_KEY) ?? '';
  const connectionListeners = new Set<(state: 'open' | 'lost') => void>();
  const announce = (state: 'open' | 'lost'): void => {
    for (const listener of connectionListeners) listener(state);
  };
  return {
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    desktop: false,
    async call(name, args) {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      const body = (await response.json()) as { ok: boolean; result?: unknown; error?: string };
      if (!body.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      return body.result as never;
    },
    subscribe(listener) {
      // rows=0: the snapshot comes without the list's rows and changes as `changed`; the store fetches the rows it shows.
      const source = new EventSource(`/api/events?rows=0&token=${encodeURIComponent(token)}`);
      // EventSource reconnects by itself; the server starts every stream with a fresh snapshot.
      source.addEventListener('error', () => {
        announce('lost');
      });
      source.addEventListener('open', () => {
        announce('open');
      });
      for (const type of EVENT_NAMES) {
        source.addEventListener(type, (event) => {
          // The server speaks the contract; the event's name says which payload this is.
          const payload: unknown = JSON.parse((event as MessageEvent<string>).data);
          listener({ type, payload } as EventMessage);
        });
      }
      return () => {
        source.close();
      };
    },
  };
}
