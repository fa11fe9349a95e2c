// Checks run before any parsing, so that bad input is refused cheaply and before anything deep
// enough to exhaust the stack is built.

import { ImportError } from './errors';

export const MAX_BYTES = 5 * 1024 * 1024;
/** Deepest container nesting (block quotes, lists) accepted; real drafts stay under ten. */
export const MAX_NESTING = 64;
/** Leading indentation beyond which a line can only be machine-made nesting. */
const MAX_INDENT = 512;

/** The input as text: bytes must be UTF-8; either form must be text of acceptable size. */
export function decodeInput(input: string | Uint8Array): string {
  if (typeof input !== 'string') {
    if (input.byteLength > MAX_BYTES) throw tooLarge(input.byteLength);
    if (input.includes(0)) throw binary();
    try {
      return checkText(new TextDecoder('utf-8', { fatal: true }).decode(input));
    } catch (err) {
      if (err instanceof ImportError) throw err;
      throw new ImportError('the file is not valid UTF-8 text: save the draft as UTF-8 Markdown and try again');
    }
  }
  const bytes = new TextEncoder().encode(input).byteLength;
  if (bytes > MAX_BYTES) throw tooLarge(bytes);
  return checkText(input);
}

function tooLarge(bytes: number): ImportError {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return new ImportError(`the file is ${mb} MB; a Markdown draft may be at most 5 MB`);
}

function binary(): ImportError {
  return new ImportError('the file holds NUL bytes: it is binary, not Markdown text');
}

function checkText(text: string): string {
  const body = text.replace(/^\uFEFF/, '');
  if (body.includes('\u0000')) throw binary();
  // A decoder in replacement mode turns invalid UTF-8 into U+FFFD; a text full of them, or of
  // control characters, was never text.
  let odd = 0;
  for (const ch of body) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) odd++;
  }
  if (body.length > 0 && odd / body.length > 0.01)
    throw new ImportError('the file holds invalid UTF-8 or control characters: it is binary, not Markdown text');
  if (!body.trim()) throw new ImportError('the file is empty: a draft needs at least one clause heading');
  if (looksLikeJson(body))
    throw new ImportError('the file is JSON, not Markdown: import a Standard JSON file through "Open" or the CLI instead');
  checkNesting(body);
  return body;
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!/^[[{]/.test(t)) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

const CONTAINER = /^[ \t]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/** Refuses machine-made nesting (thousands of quotes or lists) before the parser sees it. */
function checkNesting(text: string): void {
  let lineNo = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    lineNo++;
    let rest = line;
    let depth = 0;
    while (depth <= MAX_NESTING) {
      const m = CONTAINER.exec(rest);
      if (!m || m[0].length === 0) break;
      depth++;
      rest = rest.slice(m[0].length);
    }
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    if (depth > MAX_NESTING || indent > MAX_INDENT)
      throw new ImportError(
        `line ${lineNo} nests block quotes or lists more than ${MAX_NESTING} levels deep; flatten the draft before importing`
      );
  }
}
