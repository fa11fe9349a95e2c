// Reading a .docx in tests: a small reader for its ZIP container (the central directory lists
// the entries; each is stored or deflated), an XML well-formedness check, paragraph texts.

import { inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';

export function readZip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i += 1) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    files.set(name, (method === 0 ? data : inflateRawSync(data)).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

export function assertWellFormed(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw new Error(`${name} is not well-formed XML: ${error.message}`);
}

/** Paragraph texts of a WordprocessingML part, tabs as "\t" and non-breaking hyphens as U+2011. */
export function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p\/>|<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:noBreakHyphen\/>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)]
      .map((t) =>
        t[0] === '<w:tab/>'
          ? '\t'
          : t[0] === '<w:br/>'
            ? '\n'
            : t[0] === '<w:noBreakHyphen/>'
              ? '\u2011'
              : t[2] !== undefined
                ? `{${t[2].trim()}}`
                : (t[1] ?? '')
      )
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&')
  );
}

