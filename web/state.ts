/**
 * URL state. The address holds the open panel and its non-default settings in the hash,
 * `#hh?I=12&dt=0.005`, so any view can be linked, bookmarked and reloaded, and the built site works from any
 * static server or subpath (nothing depends on the path). Pure functions here; `PanelState` binds them to
 * `location`/`history`.
 * @module
 */

/** A parsed address: the panel id and its settings (strings, as typed). */
export interface Route {
  panel: string;
  params: Record<string, string>;
}

/** Longest address read (a pasted link of megabytes is cut, not parsed). */
export const MAX_HASH_LENGTH = 8192;

/** `decodeURIComponent`, or the text as it is when it is not valid percent-encoding (e.g. `%E0%A4%A`). */
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Parses `#panel?key=value&…` (a missing or empty hash gives panel ''). Never throws: malformed percent-encoding is
 * kept as typed (the control it lands in then says what is wrong with it), and addresses longer than
 * {@link MAX_HASH_LENGTH} are cut.
 */
export function parseHash(hash: string): Route {
  const raw = hash.length > MAX_HASH_LENGTH ? hash.slice(0, MAX_HASH_LENGTH) : hash;
  const h = raw.startsWith('#') ? raw.slice(1) : raw;
  const q = h.indexOf('?');
  const panel = decode(q < 0 ? h : h.slice(0, q)).replace(/^\/+/, '');
  const params: Record<string, string> = {};
  // URLSearchParams decodes leniently (a bad escape stays as typed); own keys only, so '__proto__' is just a key.
  if (q >= 0) new URLSearchParams(h.slice(q + 1)).forEach((v, k) => { Object.defineProperty(params, k, { value: v, enumerable: true, writable: true, configurable: true }); });
  return { panel, params };
}

/** Formats a route as a hash; keys in insertion order, values URL-encoded. */
export function formatHash(route: Route): string {
  const qs = new URLSearchParams(route.params).toString();
  return `#${encodeURIComponent(route.panel)}${qs ? `?${qs}` : ''}`;
}

/** True when two parameter sets hold the same keys and values. */
export function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** A panel's settings, kept in the URL. Controls read their initial value here and write every change back. */
export class PanelState {
  /** Called after every change (the app uses it to refresh the navigation links). */
  onChange: (() => void) | null = null;
  constructor(readonly panel: string, private params: Record<string, string> = {}) {}

  /** The stored value of `key`, or `fallback` when the URL does not set it. */
  get(key: string, fallback: string): string {
    return Object.prototype.hasOwnProperty.call(this.params, key) ? this.params[key] : fallback;
  }

  /** Stores a value (dropping it when it equals the default, to keep links short) and updates the address bar. */
  set(key: string, value: string, fallback: string): void {
    if (value === fallback) delete this.params[key];
    else this.params[key] = value;
    if (typeof location !== 'undefined' && parseHash(location.hash).panel === this.panel) {
      // replaceState: dragging a slider must not fill the history with hundreds of entries.
      history.replaceState(history.state, '', formatHash(this.route()));
    }
    this.onChange?.();
  }

  /** The current settings as a route. */
  route(): Route {
    return { panel: this.panel, params: { ...this.params } };
  }

  /** A copy of the settings. */
  snapshot(): Record<string, string> {
    return { ...this.params };
  }
}
