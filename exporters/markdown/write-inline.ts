// The model's inline content as mdast phrasing nodes. Runs sharing a mark become one strong or
// emphasis node, so that serialisation never has to butt two attention runs against each other.

import type { PhrasingContent } from 'mdast';
import type { Inline, Mark } from '../../clauses/model';

export type XrefLabel = (target: string) => string;

export interface PhrasingOptions {
  xref: XrefLabel;
  /** In a GFM table cell a line break must be HTML. */
  inCell?: boolean;
}

type Run = Inline & { type: 'text' };

export function writePhrasing(inlines: Inline[], opts: PhrasingOptions): PhrasingContent[] {
  const out = writeRuns(inlines, [], opts);
  // A backslash break at either end of a paragraph is not a break in CommonMark.
  return out.map((n, i) => (n.type === 'break' && (opts.inCell || i === 0 || i === out.length - 1) ? brHtml() : n));
}

function brHtml(): PhrasingContent {
  return { type: 'html', value: '<br>' };
}

function marksOf(i: Inline, outer: Mark[]): Mark[] {
  return i.type === 'text' ? (i.marks ?? []).filter((m) => !outer.includes(m)) : [];
}

function writeRuns(inlines: Inline[], outer: Mark[], opts: PhrasingOptions): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let k = 0;
  while (k < inlines.length) {
    const inline = inlines[k]!;
    const marks = marksOf(inline, outer);
    if (inline.type === 'xref') {
      out.push({ type: 'link', url: `#${encodeURI(inline.target)}`, title: null, children: [{ type: 'text', value: opts.xref(inline.target) }] });
      k++;
    } else if (inline.type === 'break') {
      out.push({ type: 'break' });
      k++;
    } else if (marks.includes('code')) {
      out.push({ type: 'inlineCode', value: inline.text });
      k++;
    } else if (marks.length) {
      const mark = marks.includes('bold') ? 'bold' : 'italic';
      let end = k;
      while (end < inlines.length && marksOf(inlines[end]!, outer).includes(mark)) end++;
      const inner = writeRuns(inlines.slice(k, end) as Run[], [...outer, mark], opts);
      out.push(mark === 'bold' ? { type: 'strong', children: inner } : { type: 'emphasis', children: inner });
      k = end;
    } else {
      out.push({ type: 'text', value: inline.text });
      k++;
    }
  }
  return out;
}

/** An empty HTML anchor so that "#id" links land on the target (GitHub, pandoc, browsers). */
export function anchor(id: string): PhrasingContent {
  return { type: 'html', value: `<a id="${encodeURI(id).replace(/"/g, '%22')}"></a>` };
}
