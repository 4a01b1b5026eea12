import type { CommandArgs, CommandName, CommandResult, EventMessage } from '../../../main/contract/contract.js';

/** How the UI reaches the engine: typed from the contract, whatever carries it. */
export interface Transport {
  call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>>;
  /** Every event, in order, starting with a snapshot; returns the unsubscribe. */
  subscribe(listener: (message: EventMessage) => void): () => void;
}
