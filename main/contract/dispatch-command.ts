import type { Handlers } from '../../shared/contract.js';
import type { ParsedCommand } from './schemas.js';

/** Runs a checked command: its name picks the handler, and parseCommand already matched the arguments to that name. */
export function dispatchCommand(handlers: Handlers, command: ParsedCommand): Promise<unknown> {
  const handler = handlers[command.name] as (args: ParsedCommand['args']) => Promise<unknown>;
  return handler(command.args);
}
