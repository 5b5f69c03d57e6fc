// The renderer's only door to main: a thin typed wrapper over `window.shopdesk` that turns each
// envelope into its data or a thrown ApiFailure, plus helpers that translate error keys, put
// field errors on antd forms and show the rest as messages. UNAUTHENTICATED from any call sends
// the person back to the sign-in screen.
import type { App, FormInstance } from 'antd';
import type { ApiError, Channel, Envelope, InputOf, OutputOf, Problem } from '../../src-main/api/contract';
import type { ShopdeskApi } from '../../src-preload/api-types';
import { formatYuan } from '../../src-main/lib/money';
import i18n, { tDynamic } from './i18n';
import { formatShort } from './lib/time';

/** A failed call: the envelope's error, thrown. */
export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(`${error.code} ${error.key}: ${error.message}`);
    this.name = 'ApiFailure';
    this.error = error;
  }
  get code(): ApiError['code'] {
    return this.error.code;
  }
  get key(): string {
    return this.error.key;
  }
}

export function isFailure(e: unknown, code?: ApiError['code'], key?: string): e is ApiFailure {
  return e instanceof ApiFailure && (!code || e.code === code) && (!key || e.key === key);
}

// ---------------------------------------------------------------------------------------------
// Configuration (set once by the app shell)
// ---------------------------------------------------------------------------------------------
let onUnauthenticated: () => void = () => {};
let timeZoneOf: () => string = () => 'Asia/Shanghai';

export function configureApi(opts: { onUnauthenticated: () => void; timeZone: () => string }): void {
  onUnauthenticated = opts.onUnauthenticated;
  timeZoneOf = opts.timeZone;
}

export function hasBridge(): boolean {
  return typeof window !== 'undefined' && !!window.shopdesk;
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------
type RawMethod = (input: unknown) => Promise<Envelope<unknown>>;

/** Call one channel: resolves with its data, or throws ApiFailure. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const [ns, method] = channel.split('.') as [string, string];
  const bridge = window.shopdesk as unknown as Record<string, Record<string, RawMethod>> | undefined;
  const fn = bridge?.[ns]?.[method];
  let env: Envelope<unknown>;
  try {
    if (!fn) throw new Error(`window.shopdesk.${channel} is missing`);
    env = await fn(input);
  } catch (e) {
    console.error(`[api] ${channel} could not be called`, e);
    throw new ApiFailure({ code: 'INTERNAL', key: 'network', message: String(e) });
  }
  if (!env || typeof env !== 'object' || !('ok' in env)) {
    throw new ApiFailure({ code: 'INTERNAL', key: 'internal', message: `Malformed answer from ${channel}` });
  }
  if (env.ok) return env.data as OutputOf<C>;
  if (env.error.code === 'UNAUTHENTICATED') onUnauthenticated();
  if (env.error.code === 'INTERNAL') console.error(`[api] ${channel}: ${env.error.message}`);
  throw new ApiFailure(env.error);
}

type Unwrap<F> = F extends (input: infer I) => Promise<Envelope<infer O>> ? (input: I) => Promise<O> : never;
/** `api.catalog.list({...})` → the data, or throws ApiFailure. Same shape as window.shopdesk. */
export type Api = {
  readonly [N in Exclude<keyof ShopdeskApi, 'events'>]: {
    readonly [M in keyof ShopdeskApi[N]]: Unwrap<ShopdeskApi[N][M]>;
  };
};

export const api: Api = new Proxy({} as Api, {
  get(_t, ns: string) {
    return new Proxy(
      {},
      { get: (_u, method: string) => (input: unknown) => call(`${ns}.${method}` as Channel, input as never) },
    );
  },
});

/** Subscribe to a main-process event; no-op when the bridge has no events. */
export function onEvent(name: 'session.changed', listener: (payload: unknown) => void): () => void {
  try {
    return window.shopdesk?.events.on(name, listener) ?? (() => {});
  } catch {
    return () => {};
  }
}

// ---------------------------------------------------------------------------------------------
// Translating problems
// ---------------------------------------------------------------------------------------------
/** Params made readable: times in the shop's zone, money fields in yuan. */
function readableParams(problem: Problem, path?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const isMoney = !!path && /Fen$/.test(path);
  for (const [k, v] of Object.entries(problem.params ?? {})) {
    if (k === 'until' && typeof v === 'string') out[k] = formatShort(v, timeZoneOf());
    else if (isMoney && (k === 'min' || k === 'max') && typeof v === 'number') out[k] = formatYuan(v);
    else out[k] = v;
  }
  return out;
}

/** The translated text of a problem (an error or a field error). Never a raw key. */
export function problemText(problem: Problem, path?: string): string {
  const params = readableParams(problem, path);
  const generic = i18n.t('errors.unknown');
  if (problem.key === 'notFound') {
    const what = String(problem.params?.what ?? '');
    return tDynamic(`errors.notFoundOf.${what}`, params, i18n.t('errors.notFound'));
  }
  const text = tDynamic(`errors.${problem.key}`, params, generic);
  // A message whose numbers did not come with it ("at most {{max}}"): its plain wording instead.
  if (text.includes('{{'))
    return tDynamic(`errors.${problem.key}Plain`, params, i18n.t('errors.validation.invalid'));
  return text;
}

/** The text to show for anything a call (or our own code) threw. */
export function errorText(e: unknown): string {
  if (e instanceof ApiFailure) return problemText(e.error);
  console.error(e);
  return i18n.t('errors.unknown');
}

// ---------------------------------------------------------------------------------------------
// Showing errors
// ---------------------------------------------------------------------------------------------
type Feedback = ReturnType<typeof App.useApp>;
let feedback: Feedback | null = null;

/** Called by <FeedbackBridge/> inside antd's <App> so these helpers use the themed instances. */
export function bindFeedback(f: Feedback): void {
  feedback = f;
}
export function ui(): Feedback {
  if (!feedback) throw new Error('FeedbackBridge is not mounted');
  return feedback;
}

type NamePath = (string | number)[];
/** Maps a server field path (e.g. `skus.0.priceFen`) to a form field, or null if the form has none. */
export type FieldMapper = (path: string) => NamePath | null;

/** A mapper for forms whose field names equal the server's, optionally renamed. */
export function fieldsOf(known: readonly string[], rename: Record<string, string> = {}): FieldMapper {
  return (path) => {
    const parts: NamePath = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : (rename[p] ?? p)));
    return typeof parts[0] === 'string' && known.includes(parts[0]) ? parts : null;
  };
}

/**
 * Put the failure's field errors on the form (translated). Returns the problems that no form
 * field could show, so the caller can show them elsewhere.
 */
export function applyFieldErrors(
  form: FormInstance,
  e: unknown,
  map: FieldMapper,
): { applied: number; rest: string[] } {
  if (!(e instanceof ApiFailure) || !e.error.fields) return { applied: 0, rest: [] };
  const entries: { name: NamePath; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const [path, problem] of Object.entries(e.error.fields)) {
    const name = map(path);
    const text = problemText(problem, path);
    if (name) entries.push({ name, errors: [text] });
    else rest.push(text);
  }
  if (entries.length) form.setFields(entries);
  return { applied: entries.length, rest };
}

/**
 * Show a failure: field errors on the form when there is one, everything else as a message.
 * Returns true if it was a field (VALIDATION) error shown on the form.
 */
export function reportError(e: unknown, opts: { form?: FormInstance; map?: FieldMapper } = {}): boolean {
  const f = feedback;
  if (e instanceof ApiFailure && e.code === 'UNAUTHENTICATED') return false; // the shell handles it
  if (e instanceof ApiFailure && e.error.fields && opts.form && opts.map) {
    const { applied, rest } = applyFieldErrors(opts.form, e, opts.map);
    if (rest.length) f?.message.error(rest.join('；'));
    else if (applied) f?.message.warning(i18n.t('errors.invalidInput'));
    if (applied || rest.length) return applied > 0;
  }
  if (e instanceof ApiFailure && e.error.fields && !opts.form) {
    const texts = Object.entries(e.error.fields).map(([p, problem]) => problemText(problem, p));
    f?.message.error(texts.join('；') || problemText(e.error));
    return false;
  }
  f?.message.error(errorText(e));
  return false;
}
