/** The only two IPC channels: one for every command of the contract, one for every event. */
export const COMMAND_CHANNEL = 'haul:command';
export const EVENT_CHANNEL = 'haul:event';
