// The router: validate → authorize → run (in a transaction) → envelope. Plain TypeScript with no
// Electron import, so the same router serves Electron's IPC (ipc.ts) and the browser harness.
import type { z } from 'zod';
import { can, ROLE_PERMISSIONS, type Role } from './permissions';
import {
  CHANNELS,
  contract,
  type ApiError,
  type Channel,
  type Envelope,
  type ParsedInputOf,
  type OutputOf,
  type Problem,
  type Session,
} from './contract';
import { AppError } from '../lib/errors';
import type { Store } from '../db/store';
import type { Host } from './host';
import { handlers } from './handlers';

/** What a handler gets besides its validated input. */
export interface CallContext {
  store: Store;
  host: Host;
  /** The signed-in person, or null on public channels before sign-in. */
  session: Session | null;
  /** The caller (one renderer window, or the harness's browser). */
  clientId: string;
  setSession(s: Session | null): void;
  /** Emit an event to this client. */
  emit(name: 'session.changed', payload: unknown): void;
}

export interface Handler<C extends Channel> {
  (ctx: CallContext, input: ParsedInputOf<C>): OutputOf<C> | Promise<OutputOf<C>>;
}
/**
 * `tx` (default): the handler is synchronous and runs inside one SQLite transaction — all or
 * nothing. `read`: a synchronous handler that only reads, run without a transaction (it takes
 * no write lock). `async`: the handler awaits (dialogs, streams) and manages its own transactions.
 */
export type HandlerMode = 'tx' | 'read' | 'async';
export type HandlerTable = {
  [C in Channel]: { run: Handler<C>; mode?: HandlerMode };
};

export interface Router {
  call(clientId: string, channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Forget a client's session (its window closed). */
  dropClient(clientId: string): void;
  readonly store: Store;
}

const CHANNEL_SET = new Set<string>(CHANNELS);

export function isChannel(c: unknown): c is Channel {
  return typeof c === 'string' && CHANNEL_SET.has(c);
}

export interface RouterOptions {
  store: Store;
  host: Host;
  /** Send an event to one client. */
  emit?: (clientId: string, name: string, payload: unknown) => void;
  /** Log unexpected errors (never sent to the renderer). */
  logError?: (e: unknown, channel: string) => void;
  table?: HandlerTable;
}

export function createRouter(opts: RouterOptions): Router {
  const sessions = new Map<string, Session>();
  const table = opts.table ?? handlers;
  const logError = opts.logError ?? ((e: unknown, ch: string) => console.error(`[router] ${ch} failed:`, e));

  async function call(clientId: string, channel: string, raw: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) {
      return fail({ code: 'NOT_FOUND', key: 'unknownChannel', message: `Unknown channel ${channel}` });
    }
    const def = contract[channel];
    let session = sessions.get(clientId) ?? null;

    // Authorize before looking at the input: an anonymous caller learns nothing from errors.
    if (def.access !== 'public') {
      if (!session) return fail({ code: 'UNAUTHENTICATED', key: 'signInFirst', message: 'Sign in first' });
      // The database, not the session, is the truth: a deactivated person is signed out at their
      // next call, and a changed role (or name) takes effect at once.
      const current = opts.store
        .stmt<{ role: Role; name: string }>(
          'SELECT role, name FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL',
        )
        .get(session.staff.id);
      if (!current) {
        sessions.delete(clientId);
        opts.emit?.(clientId, 'session.changed', null);
        return fail({ code: 'UNAUTHENTICATED', key: 'signInFirst', message: 'Account inactive' });
      }
      if (current.role !== session.staff.role || current.name !== session.staff.name) {
        session = {
          ...session,
          staff: { ...session.staff, role: current.role, name: current.name },
          permissions: [...ROLE_PERMISSIONS[current.role]],
        };
        sessions.set(clientId, session);
        opts.emit?.(clientId, 'session.changed', session);
      }
      if (def.access !== 'signedIn' && !can(session.staff.role, def.access)) {
        return fail({
          code: 'FORBIDDEN',
          key: 'forbidden',
          message: `Role ${session.staff.role} may not ${channel}`,
        });
      }
    }

    const parsed = (def.input as z.ZodType).safeParse(raw ?? {});
    if (!parsed.success) return fail(validationError(parsed.error));

    const ctx: CallContext = {
      store: opts.store,
      host: opts.host,
      session,
      clientId,
      setSession(s) {
        if (s) sessions.set(clientId, s);
        else sessions.delete(clientId);
        opts.emit?.(clientId, 'session.changed', s);
      },
      emit(name, payload) {
        opts.emit?.(clientId, name, payload);
      },
    };
    const entry = table[channel] as { run: Handler<Channel>; mode?: HandlerMode };
    try {
      const data =
        entry.mode === 'async' || entry.mode === 'read'
          ? await entry.run(ctx, parsed.data as never)
          : opts.store.tx(() => {
              const out = entry.run(ctx, parsed.data as never);
              if (out instanceof Promise) throw new Error(`${channel}: tx handler returned a promise`);
              return out;
            });
      return { ok: true, data };
    } catch (e) {
      if (e instanceof AppError) {
        return fail({
          code: e.code,
          key: e.key,
          message: e.message,
          ...(e.params ? { params: e.params } : {}),
          ...(e.fields ? { fields: e.fields } : {}),
        });
      }
      logError(e, channel);
      return fail({ code: 'INTERNAL', key: 'internal', message: 'Internal error' });
    }
  }

  return {
    call,
    dropClient: (id) => void sessions.delete(id),
    store: opts.store,
  };
}

function fail(error: ApiError): Envelope<never> {
  return { ok: false, error };
}

/** Turn zod issues into field problems with i18n keys the renderer knows (errors.validation.*). */
export function validationError(err: z.ZodError): ApiError {
  const fields: Record<string, Problem> = {};
  for (const issue of err.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = problemOf(issue);
  }
  return { code: 'VALIDATION', key: 'invalidInput', message: 'Invalid input', fields };
}

function problemOf(issue: z.core.$ZodIssue): Problem {
  // Schemas name their own message key as `{ message: 'key:<name>' }` (contract.ts).
  if (issue.message.startsWith('key:')) return { key: `validation.${issue.message.slice(4)}` };
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? { key: 'validation.required' } : { key: 'validation.type' };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { key: 'validation.required' }
          : { key: 'validation.tooShort', params: { min: Number(issue.minimum) } };
      if (issue.origin === 'array')
        return { key: 'validation.tooFew', params: { min: Number(issue.minimum) } };
      return { key: 'validation.min', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string')
        return { key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array')
        return { key: 'validation.tooMany', params: { max: Number(issue.maximum) } };
      return { key: 'validation.max', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { key: 'validation.format' };
    case 'invalid_value':
      return { key: 'validation.choice' };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField', params: { fields: issue.keys.join(', ') } };
    default:
      return { key: 'validation.invalid' };
  }
}
