const MAX_HEADER = 16 * 1024;

/**
 * The file name a Content-Disposition header suggests: `filename*` (RFC 5987/6266, percent-encoded
 * with a charset) wins over `filename`. Returns the raw, unsanitised name or undefined.
 */
export function parseContentDisposition(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  // Node caps a response's headers at 16 KiB; this bound holds whatever reaches us another way.
  const params = parseParams(header.length > MAX_HEADER ? header.slice(0, MAX_HEADER) : header);
  const extended = params.get('filename*');
  if (extended !== undefined) {
    const decoded = decodeExtValue(extended);
    if (decoded !== undefined && decoded !== '') return decoded;
  }
  const plain = params.get('filename');
  if (plain !== undefined && plain !== '') return decodeLatin1Utf8(plain);
  return undefined;
}

function parseParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([!#$%&'*+.^_`|~0-9a-z-]+\*?)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/gi;
  for (const match of header.matchAll(re)) {
    const key = (match[1] ?? '').toLowerCase();
    let value = (match[2] ?? '').trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function decodeExtValue(value: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]*)'[\w-]*'(.*)$/.exec(value);
  if (match === null) return undefined;
  const charset = (match[1] ?? '').toLowerCase();
  const encoded = match[2] ?? '';
  try {
    if (charset === 'utf-8' || charset === '') return decodeURIComponent(encoded);
    if (charset === 'iso-8859-1') {
      return encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Servers often send raw UTF-8 bytes in `filename=`, which Node hands us as Latin-1 characters. */
function decodeLatin1Utf8(value: string): string {
  // eslint-disable-next-line no-control-regex -- \u0000-\u00ff is the Latin-1 range, not a stray control character
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  const decoded = Buffer.from(value, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? value : decoded;
}
