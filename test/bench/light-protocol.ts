// The few pieces of the Hocuspocus wire format and of the document the light benchmark clients
// need (collab.ts --light and load.ts): varint framing to write and read messages without a
// provider, and the paragraphs a simulated keystroke types into.

import * as Y from 'yjs';
import { YDOC_FIELD } from '../../clauses/schema';

export const enc = {
  varUint(n: number): number[] {
    const out: number[] = [];
    while (n > 0x7f) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  },
  bytes(b: Uint8Array): number[] {
    return [...enc.varUint(b.length), ...b];
  },
  string(text: string): number[] {
    return enc.bytes(new TextEncoder().encode(text));
  }
};

export class Reader {
  at = 0;
  constructor(readonly data: Uint8Array) {}
  varUint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.data[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }
  bytes(): Uint8Array {
    const length = this.varUint();
    this.at += length;
    return this.data.subarray(this.at - length, this.at);
  }
}

/** The paragraphs' text nodes, so a keystroke is a plain character insert inside a paragraph. */
export function paragraphTexts(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'paragraph') {
        const text = child.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
        if (text && text.length > 0) out.push(text);
      } else walk(child);
    }
  };
  walk(doc.getXmlFragment(YDOC_FIELD));
  return out;
}
