import type { EventMessage } from './contract.js';

/**
 * Passes on the event stream from its snapshot onwards. The main process sends the snapshot (in
 * pages) when the window subscribes, ahead of every newer event on the same ordered channel; what
 * came before it is already in it, and applied after it would be stale, so it is dropped. A later
 * snapshot (the window subscribed again) simply replaces the list.
 */
export function fromSnapshot(listener: (message: EventMessage) => void): (message: EventMessage) => void {
  let started = false;
  return (message) => {
    if (message.type === 'snapshot') started = true;
    if (started) listener(message);
  };
}
