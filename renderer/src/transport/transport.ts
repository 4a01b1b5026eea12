import type { CommandArgs, CommandName, CommandResult, EventMessage } from '../../../shared/contract.js';

/** How the UI reaches the engine: typed from the contract, whatever carries it. */
export interface Transport {
  /** The desktop app can open files and show them in their folder; a browser cannot. */
  readonly desktop: boolean;
  call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>>;
  /** Every event, in order, starting with a snapshot; returns the unsubscribe. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** Whether the engine is reachable (haul serve can go away; IPC cannot): returns the unsubscribe. */
  onConnection?(listener: (state: 'open' | 'lost') => void): () => void;
}
