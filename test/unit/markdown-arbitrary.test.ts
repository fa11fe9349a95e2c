// The shared generator yields what the editor can hold: a property test that uses it tests real
// standards, not impossible ones.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryStandard } from '../helpers/arbitrary-standard';
import { docToStandard, standardToNode } from '../../clauses/convert';
import { isValidId } from '../../clauses/ids';
import { validateChecks } from '../../clauses/checks';
import type { Block, Clause, Inline, Standard } from '../../clauses/model';

function collect(std: Standard) {
  const ids: string[] = [];
  const targets: string[] = [];
  const roles = new Set<string>();
  const blockTypes = new Set<string>();
  const inl = (list: Inline[]) => list.forEach((i) => i.type === 'xref' && targets.push(i.target));
  const blk = (b: Block) => {
    blockTypes.add(b.type);
    if ('id' in b) ids.push(b.id);
    if (b.type === 'paragraph') {
      inl(b.content);
      if (b.requirement?.checks) expect(validateChecks(b.requirement.checks)).toEqual([]);
    }
    if (b.type === 'list') b.items.forEach((item) => item.forEach(blk));
    if (b.type === 'note' || b.type === 'example') b.content.forEach(blk);
    if (b.type === 'table') b.rows.forEach((r) => r.forEach(inl));
    if (b.type === 'term') inl(b.definition);
    if (b.type === 'reference') inl(b.content);
  };
  const cls = (c: Clause) => {
    ids.push(c.id);
    roles.add(c.role);
    c.blocks.forEach(blk);
    c.children.forEach(cls);
  };
  std.clauses.forEach(cls);
  return { ids, targets, roles, blockTypes };
}

describe('arbitraryStandard', () => {
  it('generates standards the editor schema accepts, with unique ids and live cross-references', () => {
    const roles = new Set<string>();
    const types = new Set<string>();
    fc.assert(
      fc.property(arbitraryStandard(), (std) => {
        expect(docToStandard(standardToNode(std), std.meta)).toStrictEqual(std);
        const seen = collect(std);
        expect(new Set(seen.ids).size).toBe(seen.ids.length);
        expect(seen.ids.every(isValidId)).toBe(true);
        for (const t of seen.targets) expect(seen.ids).toContain(t);
        seen.roles.forEach((r) => roles.add(r));
        seen.blockTypes.forEach((t) => types.add(t));
      }),
      { numRuns: 120, seed: 7 }
    );
    // Over a run every role and every block type shows up.
    expect([...roles].sort()).toEqual(
      ['abbreviations', 'annex', 'appendix', 'bibliography', 'body', 'conventions', 'definitions', 'introduction', 'keywords', 'references', 'scope', 'summary'].sort()
    );
    expect([...types].sort()).toEqual(['abbreviation', 'code', 'example', 'figure', 'list', 'note', 'paragraph', 'reference', 'table', 'term'].sort());
  });
});
