/**
 * A site's own settings ("site settings"): for a host and its subdomains, a connection cap, headers
 * and a proxy choice that win over the general ones (a download's own choices win over them).
 */
export interface SiteRule {
  /** "example.com" (and its subdomains) or "*.example.com" (the same); a port is not part of it. */
  readonly host: string;
  /** At most this many connections per download from this site. */
  readonly connections?: number | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** 'direct' for no proxy, a proxy URL, or absent for the general setting. */
  readonly proxy?: string | undefined;
}

/** The rule for `url`'s host: the one with the longest matching host, so a subdomain's rule beats its domain's. */
export function siteRuleFor(url: string, rules: readonly SiteRule[]): SiteRule | undefined {
  if (rules.length === 0) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  let best: SiteRule | undefined;
  let bestLength = -1;
  for (const rule of rules) {
    const pattern = rule.host
      .trim()
      .toLowerCase()
      .replace(/^\*?\./, '');
    if (pattern === '') continue;
    if ((host === pattern || host.endsWith(`.${pattern}`)) && pattern.length > bestLength) {
      best = rule;
      bestLength = pattern.length;
    }
  }
  return best;
}
