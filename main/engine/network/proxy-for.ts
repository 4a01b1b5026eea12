import { HaulError } from '../../../shared/errors.js';

/** Where requests go: the environment's proxy variables (as curl and wget read them), none, or one proxy. */
export type ProxySetting =
  | { readonly mode: 'env' }
  /** The system's settings (PAC files included): the desktop app asks Electron per URL; elsewhere, as 'env'. */
  | { readonly mode: 'system' }
  | { readonly mode: 'none' }
  | { readonly mode: 'manual'; readonly url: string };

/** Proxy URLs longer than this are refused before they are parsed. */
const MAX_PROXY_URL = 2048;
const PROXY_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'socks5:', 'socks5h:']);

/** A proxy URL from the user or the environment, checked once: http, https or socks5, with a host. */
export function parseProxyUrl(text: string, source = 'the proxy'): URL {
  const trimmed = text.trim();
  if (trimmed.length > MAX_PROXY_URL) throw new HaulError('INVALID_OPTION', `${source} is longer than ${MAX_PROXY_URL} characters`);
  // "host:3128" means an HTTP proxy, as curl reads it.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new HaulError(
      'INVALID_OPTION',
      `${source} "${trimmed.slice(0, 200)}" is not a URL (use http://host:port, https://host:port or socks5://host:port)`,
    );
  }
  if (!PROXY_PROTOCOLS.has(url.protocol))
    throw new HaulError('INVALID_OPTION', `${source} uses ${url.protocol.slice(0, 20)}; Haul speaks to http, https and socks5 proxies`);
  if (url.hostname === '') throw new HaulError('INVALID_OPTION', `${source} has no host`);
  return url;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The first variable set, lower case first (curl's order: the upper-case HTTP_PROXY is the one CGI can be tricked into). */
function fromEnv(env: Env, name: string): string | undefined {
  for (const key of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}

/**
 * Whether NO_PROXY lets `target` go direct: "*" for every host; otherwise a comma- or space-separated
 * list of host names (matching the host and its subdomains, a leading dot or "*." allowed), IP
 * addresses, each with an optional ":port". Linear in the list's length.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port === '' ? (target.protocol === 'https:' ? '443' : '80') : target.port;
  for (const raw of noProxy.slice(0, 8192).split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch !== null && !entry.startsWith('[') && entry.split(':').length === 2) {
      entry = portMatch[1] ?? entry;
      entryPort = portMatch[2];
    }
    entry = entry.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/**
 * The proxy a request for `target` goes through, or undefined for a direct connection. The
 * environment is read per request: HTTPS_PROXY for https URLs, HTTP_PROXY for http, ALL_PROXY for
 * either, NO_PROXY for the exceptions.
 */
export function proxyFor(target: URL, setting: ProxySetting, env: Env): URL | undefined {
  switch (setting.mode) {
    case 'none':
      return undefined;
    case 'manual':
      return parseProxyUrl(setting.url);
    case 'system':
    case 'env': {
      const noProxy = fromEnv(env, 'no_proxy');
      if (noProxy !== undefined && bypassesProxy(target, noProxy)) return undefined;
      const name = target.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
      const value = fromEnv(env, name) ?? fromEnv(env, 'all_proxy');
      if (value === undefined) return undefined;
      return parseProxyUrl(value, `the proxy in ${name.toUpperCase()}`);
    }
  }
}
