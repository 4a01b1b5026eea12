import { readFile, realpath } from 'node:fs/promises';
import { CONTENT_TYPES as TYPES } from '../app/content-types.js';
import { extname, join, normalize, sep } from 'node:path';

/** The app's own pages are served from this origin (a privileged custom scheme), not from file://, where 'self' would match every local file. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://haul`;
export const APP_URL = `${APP_ORIGIN}/`;

/** The window's CSP, sent as a header with every page (the page's <meta> repeats it for haul serve's browsers). */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export interface RendererResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string;
}

/**
 * What `app://haul/<path>` answers: a file of the built renderer, never one outside it (`..`,
 * encoded separators and symbolic links are resolved before the check), with the CSP and nosniff
 * headers; 404 for anything else, including other hosts of the scheme.
 */
export async function rendererResponse(rendererDir: string, requestUrl: string): Promise<RendererResponse> {
  const notFound: RendererResponse = {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: 'not found',
  };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'haul') return notFound;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return notFound;
  }
  if (decoded.includes('\0')) return notFound;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  let root: string;
  let file: string;
  try {
    root = await realpath(rendererDir);
    file = await realpath(join(root, relative));
  } catch {
    return notFound;
  }
  if (!file.startsWith(root + sep)) return notFound;
  const body = await readFile(file).catch(() => undefined);
  if (body === undefined) return notFound;
  return {
    status: 200,
    headers: {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'cross-origin-opener-policy': 'same-origin',
    },
    body,
  };
}
