// The shape of `window.shopdesk`, derived from the contract. Type-only: the renderer and the
// browser harness's shim both implement/consume exactly this type.
import type { Channel, Envelope, InputOf, OutputOf } from '../src-main/api/contract';
import type { EventName } from '../src-main/api/channels';

type NamespaceOf<C extends string> = C extends `${infer N}.${string}` ? N : never;
type MethodOf<C extends string, N extends string> = C extends `${N}.${infer M}` ? M : never;

export type ShopdeskApi = {
  readonly [N in NamespaceOf<Channel>]: {
    readonly [M in MethodOf<Channel, N>]: `${N}.${M}` extends infer C extends Channel
      ? (input: InputOf<C>) => Promise<Envelope<OutputOf<C>>>
      : never;
  };
} & {
  readonly events: {
    /** Subscribe to a main-process event; returns the unsubscribe function. */
    on(name: EventName, listener: (payload: unknown) => void): () => void;
  };
};
