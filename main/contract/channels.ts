/** The IPC channels: one for every command of the contract, one for every event, and the window's request for its event stream. */
export const COMMAND_CHANNEL = 'haul:command';
export const EVENT_CHANNEL = 'haul:event';
/**
 * The window asks for its events to start (again, after a reload): the answer is a snapshot on the
 * event channel, in pages as haul serve sends it, then live events.
 */
export const SUBSCRIBE_CHANNEL = 'haul:subscribe';
