import type { EventMessage } from './contract.js';
import { picked } from './list-query.js';

/**
 * An event as a subscriber without rows gets it (one that pages the list with `list`): state
 * changes as `changed` (which downloads, in what state), everything else as it is.
 */
export function withoutRows(message: EventMessage): EventMessage {
  return message.type === 'states' ? { type: 'changed', payload: message.payload.map(picked) } : message;
}
