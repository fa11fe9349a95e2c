// An uploaded Markdown draft, checked before it reaches the importer: the size limit of issue 3,
// and text that is really text (a Word file or a PDF uploaded by mistake is named as such).

import { ApiError } from './http';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const SIGNATURES: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (a Word .docx file?)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF file'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Word (.doc) file'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x1f, 0x8b], 'a gzip archive']
];

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Throws 413 when over the limit; a check before reading the body when its length is declared. */
export function checkSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new ApiError(413, `The file is ${megabytes(bytes)}; a Markdown draft may be at most 5 MB.`);
  }
}

/** The draft's text, or an error naming why these bytes are not a Markdown file. */
export function decodeMarkdown(bytes: Uint8Array): string {
  checkSize(bytes.byteLength);
  if (bytes.byteLength === 0) throw new ApiError(400, 'The file is empty: there is no draft to import.');
  for (const [signature, what] of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) {
      throw new ApiError(
        400,
        `This is ${what}, not Markdown. Convert the draft to Markdown first (for example pandoc -t gfm).`
      );
    }
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new ApiError(400, `This is a binary file, not Markdown text (a NUL byte at offset ${nul}).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError(400, 'The file is not UTF-8 text; save the Markdown draft as UTF-8 and try again.');
  }
  if (!text.trim()) throw new ApiError(400, 'The file holds only white space: there is no draft to import.');
  return text;
}
