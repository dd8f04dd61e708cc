import type { ActorAddress } from './actor.ts';
import { formatAddress } from './actor.ts';
import type { ActorSystem, AskOptions } from './system.ts';

/** A handle on an actor, local or remote: the caller cannot tell which. */
export class ActorRef {
  constructor(
    private readonly system: ActorSystem,
    readonly address: ActorAddress,
  ) {}

  ask<R = unknown>(command: unknown, opts?: AskOptions): Promise<R> {
    return this.system.ask<R>(this.address, command, opts);
  }

  tell(command: unknown, opts?: Omit<AskOptions, 'timeoutMs'>): void {
    this.system.tell(this.address, command, opts);
  }

  toString(): string {
    return formatAddress(this.address);
  }
}
