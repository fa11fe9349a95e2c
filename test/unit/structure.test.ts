import { describe, expect, it } from 'vitest';
import { EditorState, type Command } from '@tiptap/pm/state';
import { docToStandard, standardToNode } from '../../clauses/convert';
import { numberStandard } from '../../clauses/numbering';
import { exampleStandard } from '../../clauses/example';
import {
  deleteClause,
  demoteClause,
  findClause,
  insertClauseAfter,
  insertSubclause,
  moveClause,
  moveClauseDown,
  moveClauseUp,
  promoteClause,
  setClauseKind
} from '../../clauses/structure';
import type { Standard } from '../../clauses/model';

const start = () => EditorState.create({ doc: standardToNode(exampleStandard()) });

/** Runs a command; returns the new state, or null when the command refused. */
function run(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  const ok = command(state, (tr) => (next = state.apply(tr)));
  expect(ok).toBe(next !== null);
  return next;
}
const std = (s: EditorState): Standard => docToStandard(s.doc, exampleStandard().meta);
const heading = (s: EditorState, id: string) => numberStandard(std(s)).heading.get(id);
const outline = (s: EditorState): string[] => {
  const n = numberStandard(std(s));
  const out: string[] = [];
  s.doc.descendants((node) => {
    if (node.type.name === 'clause') out.push(`${n.heading.get(node.attrs.id) || '-'} ${node.attrs.id}`);
    return node.type.name === 'clause' || node.type.name === 'doc';
  });
  return out;
};

describe('inserting clauses', () => {
  it('inserts a clause after another at the same level, numbered next, with the caret in its title', () => {
    const s = run(start(), insertClauseAfter('c-capture', { id: 'c-new' }))!;
    expect(heading(s, 'c-new')).toBe('7.2');
    expect(heading(s, 'c-storage')).toBe('7.3');
    expect(s.selection.$head.parent.type.name).toBe('clauseTitle');
    expect(findClause(s.doc, 'c-new')!.pos).toBe(s.selection.$head.before(s.selection.$head.depth - 1));
  });

  it('inserts a new annex after an annex and a body clause after Conventions, but not inside the fixed sequence', () => {
    const s1 = run(start(), insertClauseAfter('c-annex-test', { id: 'c-ann-b' }))!;
    expect(heading(s1, 'c-ann-b')).toBe('Annex B');
    const s2 = run(start(), insertClauseAfter('c-conventions', { id: 'c-six' }))!;
    expect(heading(s2, 'c-six')).toBe('6');
    expect(heading(s2, 'c-overview')).toBe('7');
    expect(run(start(), insertClauseAfter('c-scope'))).toBeNull();
    expect(run(start(), insertClauseAfter('c-summary'))).toBeNull();
    expect(run(start(), insertClauseAfter('no-such-clause'))).toBeNull();
  });

  it('inserts a sub-clause as the last child, even into a clause that has none yet', () => {
    const s = run(start(), insertSubclause('c-requirements', { id: 'c-sub' }))!;
    expect(heading(s, 'c-sub')).toBe('7.4');
    const s2 = run(start(), insertSubclause('c-pad', { id: 'c-pad-1' }))!;
    expect(heading(s2, 'c-pad-1')).toBe('8.1');
    s2.doc.check();
  });

  it('gives each new clause and its paragraph fresh, distinct ids', () => {
    let s = start();
    for (let i = 0; i < 5; i++) s = run(s, insertClauseAfter('c-pad'))!;
    const ids: string[] = [];
    s.doc.descendants((n) => void (n.attrs.id && ids.push(n.attrs.id)));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('promote and demote', () => {
  it('promotes a sub-clause to follow its parent, carrying its own sub-clauses', () => {
    const s = run(start(), promoteClause('c-storage'))!;
    expect(heading(s, 'c-storage')).toBe('8');
    expect(heading(s, 'c-comparison')).toBe('7.2');
    expect(heading(s, 'c-pad')).toBe('9');
  });

  it('promoting an annex sub-clause makes it the next annex', () => {
    const s = run(start(), promoteClause('c-annex-setup'))!;
    expect(heading(s, 'c-annex-setup')).toBe('Annex B');
    expect(std(s).clauses.find((c) => c.id === 'c-annex-setup')!.role).toBe('annex');
  });

  it('demotes a clause into the clause before it, as its last sub-clause, keeping its content', () => {
    const before = std(start()).clauses.find((c) => c.id === 'c-pad')!;
    const s = run(start(), demoteClause('c-pad'))!;
    expect(heading(s, 'c-pad')).toBe('7.4');
    const moved = std(s).clauses.find((c) => c.id === 'c-requirements')!.children.find((c) => c.id === 'c-pad')!;
    expect(moved).toEqual({ ...before, role: 'body' });
  });

  it('refuses what would break the document: promoting a top-level clause, demoting the first or a fixed clause', () => {
    expect(run(start(), promoteClause('c-pad'))).toBeNull();
    expect(run(start(), demoteClause('c-capture'))).toBeNull();
    expect(run(start(), demoteClause('c-references'))).toBeNull();
  });
});

describe('moving', () => {
  it('moves a clause up and down among its siblings', () => {
    const up = run(start(), moveClauseUp('c-comparison'))!;
    expect(['c-capture', 'c-comparison', 'c-storage'].map((id) => heading(up, id))).toEqual(['7.1', '7.2', '7.3']);
    const down = run(up, moveClauseDown('c-comparison'))!;
    expect(down.doc.eq(start().doc)).toBe(true);
  });

  it('does not move past the ends, or across roles at the top level', () => {
    expect(run(start(), moveClauseUp('c-capture'))).toBeNull();
    expect(run(start(), moveClauseDown('c-comparison'))).toBeNull();
    expect(run(start(), moveClauseUp('c-overview'))).toBeNull(); // above 5 Conventions
    expect(run(start(), moveClauseDown('c-public'))).toBeNull(); // below Annex A
    expect(run(start(), moveClauseUp('c-scope'))).toBeNull();
  });

  it('drops a clause before, after or inside another, as the outline does', () => {
    const inside = run(start(), moveClause('c-public', 'c-requirements', 'inside'))!;
    expect(heading(inside, 'c-public')).toBe('7.4');
    const before = run(start(), moveClause('c-comparison', 'c-overview', 'before'))!;
    expect(heading(before, 'c-comparison')).toBe('6');
    expect(heading(before, 'c-overview')).toBe('7');
    const toAnnex = run(start(), moveClause('c-pad', 'c-annex-test', 'after'))!;
    expect(heading(toAnnex, 'c-pad')).toBe('Annex B');
    expect(run(start(), moveClause('c-requirements', 'c-storage', 'inside'))).toBeNull();
    expect(run(start(), moveClause('c-pad', 'c-scope', 'before'))).toBeNull();
  });
});

describe('deleting and tagging', () => {
  it('deletes a body clause with its sub-clauses and renumbers what follows, but keeps fixed clauses', () => {
    const s = run(start(), deleteClause('c-requirements'))!;
    expect(findClause(s.doc, 'c-storage')).toBeNull();
    expect(heading(s, 'c-pad')).toBe('7');
    expect(run(start(), deleteClause('c-conventions'))).toBeNull();
  });

  it('sets, changes and clears a kind, refusing a normative tag inside an appendix', () => {
    const s = run(start(), setClauseKind('c-pad', 'policy-recommendation'))!;
    expect(std(s).clauses.find((c) => c.id === 'c-pad')!.kind).toBe('policy-recommendation');
    const cleared = run(s, setClauseKind('c-pad', null))!;
    expect(std(cleared).clauses.find((c) => c.id === 'c-pad')!.kind).toBeNull();
    expect(run(start(), setClauseKind('c-app-cancellable', 'normative-technical'))).toBeNull();
    expect(run(start(), setClauseKind('c-app-cancellable', 'informative'))).not.toBeNull();
  });

  it('answers "can I?" without changing anything when called without dispatch', () => {
    const s = start();
    expect(moveClauseUp('c-comparison')(s)).toBe(true);
    expect(moveClauseUp('c-capture')(s)).toBe(false);
    expect(outline(s)).toEqual(outline(start()));
  });
});

describe('from the keyboard', () => {
  it('acts on the clause at the caret, and the caret travels with a moved clause', async () => {
    const { atSelection, clauseIdAtSelection } = await import('../../clauses/structure');
    const { TextSelection } = await import('@tiptap/pm/state');
    let s = start();
    let inText = -1;
    s.doc.descendants((node, pos) => {
      if (inText < 0 && node.attrs.id === 'p-comparison-report') inText = pos + 5;
      return inText < 0;
    });
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, inText)));
    expect(clauseIdAtSelection(s)).toBe('c-comparison');
    const textAfterCaret = (st: EditorState) => st.selection.$head.parent.textBetween(st.selection.$head.parentOffset, st.selection.$head.parent.content.size);
    const before = textAfterCaret(s);
    s = run(s, atSelection(moveClauseUp))!;
    s = run(s, atSelection(moveClauseUp))!;
    expect(heading(s, 'c-comparison')).toBe('7.1');
    expect(clauseIdAtSelection(s)).toBe('c-comparison');
    expect(textAfterCaret(s)).toBe(before);
    expect(run(s, atSelection(moveClauseUp))).toBeNull();
    s = run(s, atSelection(promoteClause))!;
    expect(heading(s, 'c-comparison')).toBe('8');
    expect(textAfterCaret(s)).toBe(before);
  });
});
