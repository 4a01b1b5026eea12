import http from 'node:http';
import https from 'node:https';
import { displayUrl } from '../../../shared/printable.js';
import { HaulError, systemCode, toHaulError } from '../../../shared/errors.js';
import { parseProxyUrl, type ProxySetting, proxyFor } from './proxy-for.js';
import { type SiteRule, siteRuleFor } from '../../../shared/site-rules.js';
import { hostOf } from '../../../shared/http-names.js';

export interface NetworkOptions {
  readonly proxy?: ProxySetting;
  /** Where `env` proxies come from (default: this process's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Extra certificate authorities (PEM), trusted besides the system's. */
  readonly ca?: readonly string[];
  /** Skip certificate checks: only ever an explicit choice of the user. */
  readonly insecure?: boolean;
  /**
   * For 'system': the system's answer for a URL, in PAC form ("PROXY host:port; DIRECT"), as
   * Electron's session.resolveProxy gives it. Absent (haul serve, the CLI), 'system' reads the environment.
   */
  readonly resolveProxy?: (url: string) => Promise<string>;
  /** Per-site settings; a rule's proxy choice wins over `proxy` for its hosts. */
  readonly siteRules?: readonly SiteRule[];
}

export interface Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/** How one request leaves: through which agents, which proxy (for the words of an error), and what TLS trusts. */
export interface Route {
  readonly agents: Agents;
  readonly proxy: URL | undefined;
  /** What TLS trusts, when it is not got's own default (verify against the system's authorities). */
  readonly tls: { readonly rejectUnauthorized: boolean; readonly certificateAuthority?: string[] } | undefined;
}

/**
 * A request's got options for its route. TLS options only when they differ from got's defaults:
 * got validates and merges each one on every request, and every request of a thousand small files
 * paid for it (8 MB of allocation per thousand requests).
 */
export function transportOptions(route: Route): { agent: Agents; https?: NonNullable<Route['tls']> } {
  return route.tls === undefined ? { agent: route.agents } : { agent: route.agents, https: route.tls };
}

/** The first usable entry of a PAC answer ("PROXY a:1; SOCKS5 b:2; DIRECT") as a proxy URL, or undefined for DIRECT. */
export function fromPacAnswer(answer: string): URL | undefined {
  for (const entry of answer.slice(0, 4096).split(';')) {
    const [kind = '', address = ''] = entry.trim().split(/\s+/);
    switch (kind.toUpperCase()) {
      case 'DIRECT':
        return undefined;
      case 'PROXY':
      case 'HTTP':
        return parseProxyUrl(`http://${address}`, 'the system proxy');
      case 'HTTPS':
        return parseProxyUrl(`https://${address}`, 'the system proxy');
      case 'SOCKS':
      case 'SOCKS5':
        return parseProxyUrl(`socks5://${address}`, 'the system proxy');
      default:
        break;
    }
  }
  return undefined;
}

const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

/** People's words for the TLS library's certificate codes; `host` is the server's name. */
const CERTIFICATE_WORDS: Readonly<Record<string, (host: string) => string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: (host) => `the certificate for ${host} is self-signed`,
  SELF_SIGNED_CERT_IN_CHAIN: (host) => `the certificate for ${host} comes from an authority this machine does not trust (a self-signed root)`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (host) => `the certificate for ${host} comes from an authority this machine does not trust`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (host) => `the certificate for ${host} comes from an authority this machine does not trust`,
  UNABLE_TO_GET_ISSUER_CERT: (host) => `the certificate for ${host} comes from an authority this machine does not trust`,
  CERT_HAS_EXPIRED: (host) => `the certificate for ${host} has expired`,
  CERT_NOT_YET_VALID: (host) => `the certificate for ${host} is not valid yet (is this machine's clock right?)`,
  ERR_TLS_CERT_ALTNAME_INVALID: (host) => `the certificate the server sent is not for ${host}`,
  CERT_REVOKED: (host) => `the certificate for ${host} was revoked`,
};

/**
 * The engine's way out: direct keep-alive agents, or agents through a proxy (hpagent for http and
 * https proxies, socks-proxy-agent for socks5), one set per proxy, kept for reuse; and the words
 * for what goes wrong on the way (a proxy that refuses, a certificate that does not check out).
 */
export class Network {
  readonly #proxy: ProxySetting;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #agentOptions: http.AgentOptions;
  readonly #direct: Agents;
  readonly #proxied = new Map<string, Promise<Agents>>();
  readonly insecure: boolean;
  readonly ca: readonly string[] | undefined;
  readonly #resolveProxy: ((url: string) => Promise<string>) | undefined;
  readonly siteRules: readonly SiteRule[];
  readonly #tls: Route['tls'];

  constructor(options: NetworkOptions, agentOptions: http.AgentOptions) {
    this.#proxy = options.proxy ?? { mode: 'env' };
    this.#env = options.env ?? process.env;
    this.#agentOptions = agentOptions;
    this.#direct = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
    this.insecure = options.insecure === true;
    this.ca = options.ca !== undefined && options.ca.length > 0 ? options.ca : undefined;
    this.#resolveProxy = options.resolveProxy;
    this.siteRules = options.siteRules ?? [];
    this.#tls =
      !this.insecure && this.ca === undefined
        ? undefined
        : { rejectUnauthorized: !this.insecure, ...(this.ca === undefined ? {} : { certificateAuthority: [...this.ca] }) };
  }

  /** The way to `url`. Throws INVALID_OPTION when the proxy setting is unusable. */
  async route(url: string): Promise<Route> {
    const rule = siteRuleFor(url, this.siteRules)?.proxy;
    const proxy =
      rule !== undefined
        ? rule === 'direct'
          ? undefined
          : parseProxyUrl(rule, 'the site rule’s proxy')
        : this.#proxy.mode === 'system' && this.#resolveProxy !== undefined
          ? fromPacAnswer(await this.#resolveProxy(url))
          : proxyFor(new URL(url), this.#proxy, this.#env);
    if (proxy === undefined) return { agents: this.#direct, proxy: undefined, tls: this.#tls };
    let agents = this.#proxied.get(proxy.href);
    if (agents === undefined) {
      agents = this.#agentsVia(proxy);
      this.#proxied.set(proxy.href, agents);
    }
    return { agents: await agents, proxy, tls: this.#tls };
  }

  /**
   * The proxy agents' modules are loaded on first use: most runs use no proxy, and the SOCKS client
   * alone is about 200 KB of code that `haul get` would otherwise compile at every start.
   */
  async #agentsVia(proxy: URL): Promise<Agents> {
    if (proxy.protocol.startsWith('socks')) {
      const { SocksProxyAgent } = await import('socks-proxy-agent');
      const agent = new SocksProxyAgent(proxy, { ...this.#agentOptions });
      // agent-base's Agent (an http.Agent) tunnels https requests too: one agent serves both.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- see above
      return { http: agent, https: agent };
    }
    const tls = { ...(this.ca === undefined ? {} : { ca: [...this.ca] }), rejectUnauthorized: !this.insecure };
    const options = { ...this.#agentOptions, proxy, proxyRequestOptions: tls };
    const { HttpProxyAgent, HttpsProxyAgent } = await import('hpagent');
    return { http: new HttpProxyAgent(options), https: new HttpsProxyAgent(options) };
  }

  /** A failure on `route` in people's words: the proxy's own failures name the proxy and are not retried. */
  explain(error: unknown, route: Route | undefined, url: string): HaulError {
    const proxy = route?.proxy;
    const host = hostOf(url);
    if (proxy !== undefined) {
      const named = displayUrl(proxy.href);
      const status = /^Bad response: (\d{3})/.exec(error instanceof Error ? error.message : '')?.[1];
      if (status === '407' || (error instanceof HaulError && error.status === 407)) {
        return new HaulError(
          'PROXY',
          `the proxy ${named} asks for a user name and password (HTTP 407); give them in the proxy URL (http://user:password@host:port)`,
          { cause: error },
        );
      }
      if (status !== undefined) return new HaulError('PROXY', `the proxy ${named} would not connect to ${host} (HTTP ${status})`, { cause: error });
      const code = systemCode(error);
      if (!(error instanceof HaulError) && code !== undefined && CONNECT_CODES.has(code) && !connected(error)) {
        return new HaulError('PROXY', `could not reach the proxy ${named} (${code})`, { cause: error });
      }
    }
    const code = error instanceof HaulError ? undefined : systemCode(error);
    const words = code === undefined ? undefined : CERTIFICATE_WORDS[code];
    if (words !== undefined) {
      return new HaulError('TLS', `${words(host)}${this.insecure ? '' : '; haul get --ca-certificate FILE trusts an authority'}`, { cause: error });
    }
    return toHaulError(error);
  }

  destroy(): void {
    this.#direct.http.destroy();
    this.#direct.https.destroy();
    for (const agents of this.#proxied.values()) {
      void agents.then((made) => {
        made.http.destroy();
        made.https.destroy();
      });
    }
  }
}

/** got's timings say whether the socket had connected: after that, a reset is the server's, not the proxy's. */
function connected(error: unknown): boolean {
  const timings = (error as { timings?: { connect?: number } }).timings;
  return timings?.connect !== undefined;
}
