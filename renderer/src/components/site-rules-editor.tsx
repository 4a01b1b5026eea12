import { useState } from 'react';
import type { SiteRule } from '../../../shared/site-rules.js';
import { advancedHeaders } from '../header-lines.js';

function headersText(headers: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * Settings' site rules: for a host and its subdomains, a connection cap, headers and a proxy choice
 * that win over the general settings. Header lines that do not parse are said next to them and left
 * out until they do.
 */
export function SiteRulesEditor({ rules, onChange }: { rules: readonly SiteRule[]; onChange: (rules: SiteRule[]) => void }) {
  const change = (index: number, patch: Partial<SiteRule>): void => {
    onChange(rules.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)));
  };
  return (
    <div className="site-rules">
      {rules.length === 0 ? <p className="hint">No site has its own settings.</p> : null}
      {rules.map((rule, index) => {
        const proxyChoice = rule.proxy === undefined ? 'general' : rule.proxy === 'direct' ? 'direct' : 'proxy';
        return (
          <fieldset key={index} className="site-rule">
            <legend>{rule.host === '' ? `Site ${index + 1}` : rule.host}</legend>
            <div className="fields">
              <label>
                Site (and its subdomains)
                <input
                  value={rule.host}
                  placeholder="example.com"
                  spellCheck={false}
                  onChange={(event) => {
                    change(index, { host: event.target.value.trim() });
                  }}
                />
              </label>
              <label>
                At most this many connections
                <input
                  inputMode="numeric"
                  value={rule.connections ?? ''}
                  placeholder="as in general"
                  onChange={(event) => {
                    const text = event.target.value.trim();
                    if (text === '') change(index, { connections: undefined });
                    else if (/^\d+$/.test(text)) change(index, { connections: Math.min(64, Math.max(1, Number(text))) });
                  }}
                />
              </label>
              <label>
                Proxy
                <select
                  value={proxyChoice}
                  onChange={(event) => {
                    const choice = event.target.value;
                    change(index, { proxy: choice === 'general' ? undefined : choice === 'direct' ? 'direct' : 'http://' });
                  }}
                >
                  <option value="general">As in general</option>
                  <option value="direct">None (connect directly)</option>
                  <option value="proxy">This proxy…</option>
                </select>
              </label>
            </div>
            {proxyChoice === 'proxy' ? (
              <label>
                Proxy address for this site
                <input
                  value={rule.proxy ?? ''}
                  spellCheck={false}
                  onChange={(event) => {
                    change(index, { proxy: event.target.value });
                  }}
                />
              </label>
            ) : null}
            <HeadersField
              value={rule.headers}
              onChange={(headers) => {
                change(index, { headers });
              }}
            />
            <button
              type="button"
              onClick={() => {
                onChange(rules.filter((_, at) => at !== index));
              }}
            >
              Remove this site
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() => {
          onChange([...rules, { host: '' }]);
        }}
      >
        Add a site
      </button>
    </div>
  );
}

function HeadersField({
  value,
  onChange,
}: {
  value: Readonly<Record<string, string>> | undefined;
  onChange: (headers: Record<string, string> | undefined) => void;
}) {
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <label>
      Headers for this site (one per line, Name: value)
      <textarea
        rows={2}
        spellCheck={false}
        aria-invalid={error !== undefined}
        defaultValue={headersText(value)}
        onChange={(event) => {
          const result = advancedHeaders({ referer: '', userAgent: '', cookie: '', headers: event.target.value });
          setError('error' in result ? result.error : undefined);
          if ('headers' in result) onChange(Object.keys(result.headers).length === 0 ? undefined : result.headers);
        }}
      />
      {error === undefined ? null : <span className="field-error">{error}; not saved until it is fixed</span>}
    </label>
  );
}
