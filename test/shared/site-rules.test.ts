import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteRuleFor } from '../../shared/site-rules.js';

test('the rule for a URL: its host or a parent domain, the most specific one winning', () => {
  const rules = [{ host: 'example.com', connections: 2 }, { host: '*.cdn.example.com', connections: 8 }, { host: 'other.org' }];
  assert.equal(siteRuleFor('https://example.com/a', rules)?.connections, 2);
  assert.equal(siteRuleFor('https://www.example.com/a', rules)?.connections, 2);
  assert.equal(siteRuleFor('https://eu.cdn.example.com/a', rules)?.connections, 8, 'the subdomain’s rule beats its domain’s');
  assert.equal(siteRuleFor('https://notexample.com/a', rules), undefined, 'a suffix counts only at a dot');
  assert.equal(siteRuleFor('not a url', rules), undefined);
  assert.equal(siteRuleFor('https://example.com/', []), undefined);
});
