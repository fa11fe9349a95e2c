// Whether a thread's anchor still points at text, judged from the `Standard` alone.
//
// The editor knows exactly (the Yjs relative positions of the range collapse when the text is
// deleted), but the live Y.Doc is not available where the exports run. This is the
// approximation used instead: the clause must exist; the anchored block (by stable id) must still
// be in that clause; and the quoted text, compared with all white space removed, must still
// begin inside that block (it may run on into the blocks after it). Callers that do know better
// pass their own states to `commentRows`.

import type { Block, Clause, Standard } from '../../clauses/model';
import type { ThreadAnchor } from '../../clauses/review';
import { blockText } from '../../clauses/text';

export type AnchorState = 'attached' | 'text-deleted' | 'clause-deleted';

/** One piece of a clause's own text, with the ids of the blocks it belongs to (itself and containers). */
interface Leaf {
  text: string;
  owners: string[];
}

/** The text of every clause, cut into leaves in document order; built once per standard. */
export type ClauseTexts = Map<string, Leaf[]>;

export function clauseTexts(std: Standard): ClauseTexts {
  const out: ClauseTexts = new Map();
  const walk = (clause: Clause): void => {
    const leaves: Leaf[] = [];
    collectLeaves(clause.blocks, [], leaves);
    out.set(clause.id, leaves);
    clause.children.forEach(walk);
  };
  std.clauses.forEach(walk);
  return out;
}

function collectLeaves(blocks: Block[], containers: string[], out: Leaf[]): void {
  for (const block of blocks) {
    if (block.type === 'list') {
      for (const item of block.items) collectLeaves(item, containers, out);
    } else if (block.type === 'note' || block.type === 'example') {
      collectLeaves(block.content, [...containers, block.id], out);
    } else {
      const own = 'id' in block && block.id ? [block.id] : [];
      // The default cross-reference rendering, "[target]", is what the editor's text of a range holds.
      out.push({ text: squeeze(blockText(block)), owners: [...containers, ...own] });
    }
  }
}

/** Text with all white space removed: block separators and line breaks differ between renderings. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

export function anchorState(anchor: ThreadAnchor, texts: ClauseTexts): AnchorState {
  const leaves = texts.get(anchor.clauseId);
  if (!leaves) return 'clause-deleted';
  const quote = squeeze(anchor.quote ?? '');
  const blockId = anchor.blockId;
  if (blockId) {
    const first = leaves.findIndex((leaf) => leaf.owners.includes(blockId));
    if (first === -1) return 'text-deleted';
    if (!quote) return 'attached';
    // A block's leaves are contiguous (a note's paragraphs, one after the other).
    const own = leaves.filter((leaf) => leaf.owners.includes(blockId)).reduce((n, leaf) => n + leaf.text.length, 0);
    const before = leaves.slice(0, first).reduce((n, leaf) => n + leaf.text.length, 0);
    const at = leaves.map((leaf) => leaf.text).join('').indexOf(quote, before);
    return at !== -1 && at < before + own ? 'attached' : 'text-deleted';
  }
  if (!quote) return 'attached';
  return leaves.map((leaf) => leaf.text).join('').includes(quote) ? 'attached' : 'text-deleted';
}
