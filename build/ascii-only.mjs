// V8 keeps a script's source for compiling its functions lazily, and a source with any character past
// U+007F is decoded, held and scanned as two-byte text: a "…" in one comment doubled the engine chunk's
// 316 KB and sent Node's loader down its slow decoding path. This writes every such character as
// \uXXXX, which means the same in a string, a template, a regular expression, an identifier or a
// comment. It refuses what an escape would change: a character beyond U+FFFF (\u{…} is not one inside
// a regular expression without the u flag), one right after a backslash, and String.raw's raw text.
// It runs on the finished chunks (generateBundle): rolldown writes string literals out again after
// renderChunk, with their escapes turned back into characters.

const NON_ASCII = /[\u0080-\uffff]/g;

/** A chunk's code with every non-ASCII character escaped; throws on what an escape would change. */
function escapeNonAscii(code, fileName) {
  if (code.search(NON_ASCII) === -1) return code;
  const refuse = (why) => {
    throw new Error(`ascii-only: ${fileName} ${why}`);
  };
  if (code.includes('String.raw')) refuse('uses String.raw, whose raw text an escape would change');
  return code.replace(NON_ASCII, (character, at) => {
    const unit = character.charCodeAt(0);
    if (unit >= 0xd800 && unit <= 0xdfff) refuse(`has a character beyond U+FFFF at ${at}`);
    if (code[at - 1] === '\\') refuse(`has an escaped non-ASCII character at ${at}`);
    return `\\u${unit.toString(16).padStart(4, '0')}`;
  });
}

/** The rolldown plugin. */
export default function asciiOnly() {
  return {
    name: 'haul-ascii-only',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = escapeNonAscii(chunk.code, chunk.fileName);
      }
    },
  };
}
