import { describe, expect, it } from 'vitest';
import {
  ABBREVIATIONS_LEAD_IN,
  completeMeta,
  conventionsParagraphs,
  conventionsText,
  REFERENCES_LEAD_IN,
  skeletonStandard,
  TERMS_ELSEWHERE_LEAD_IN,
  TERMS_HERE_LEAD_IN
} from '../../clauses/skeleton';
import { numberStandard } from '../../clauses/numbering';
import { blocksText, inlineText } from '../../clauses/text';
import { findRequirements } from '../../clauses/requirements';
import type { Clause } from '../../clauses/model';

const ids = (cs: Clause[]): string[] => cs.flatMap((c) => [c.id, ...c.blocks.flatMap((b) => ('id' in b ? [b.id] : [])), ...ids(c.children)]);

describe('a new standard', () => {
  const std = skeletonStandard(completeMeta({ title: 'New', convention: 'itu-t' }));
  const n = numberStandard(std);
  const outline = (cs: Clause[]): string[] => cs.flatMap((c) => [`${n.heading.get(c.id)} ${inlineText(c.title)}`.trim(), ...outline(c.children)]);

  it('has the ITU-T clauses in order with their exact titles', () => {
    expect(outline(std.clauses)).toEqual([
      'Summary',
      'Keywords',
      '1 Scope',
      '2 References',
      '3 Definitions',
      '3.1 Terms defined elsewhere',
      '3.2 Terms defined in this Recommendation',
      '4 Abbreviations and acronyms',
      '5 Conventions',
      '6',
      'Bibliography'
    ]);
    expect(std.clauses.map((c) => c.role)).toEqual(['summary', 'keywords', 'scope', 'references', 'definitions', 'abbreviations', 'conventions', 'body', 'bibliography']);
  });

  it('opens clauses 2, 3.1, 3.2 and 4 with the fixed ITU-T wording', () => {
    const [refs, defs, abbrs] = [std.clauses[3]!, std.clauses[4]!, std.clauses[5]!];
    expect(blocksText(refs.blocks)).toBe(REFERENCES_LEAD_IN);
    expect(REFERENCES_LEAD_IN).toMatch(/^The following ITU-T Recommendations and other references contain provisions which, through reference in this text, constitute provisions of this Recommendation\..*does not give it, as a stand-alone document, the status of a Recommendation\.$/);
    expect(blocksText(defs.children[0]!.blocks)).toBe('This Recommendation uses the following terms defined elsewhere:');
    expect(blocksText(defs.children[1]!.blocks)).toBe('This Recommendation defines the following terms:');
    expect(blocksText(abbrs.blocks)).toBe('This Recommendation uses the following abbreviations and acronyms:');
    expect([TERMS_ELSEWHERE_LEAD_IN, TERMS_HERE_LEAD_IN, ABBREVIATIONS_LEAD_IN]).toHaveLength(3);
  });

  it('writes clause 5 for the chosen convention', () => {
    const itu = blocksText(std.clauses[6]!.blocks);
    for (const phrase of ['"is required to"', '"is prohibited from"', '"is recommended"', '"is not recommended"', '"can optionally"']) expect(itu).toContain(phrase);
    const rfc = skeletonStandard(completeMeta({ convention: 'rfc2119' }));
    expect(blocksText(rfc.clauses[6]!.blocks)).toBe(
      'The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED", "MAY", and "OPTIONAL" in this document are to be interpreted as described in BCP 14 [RFC 2119] [RFC 8174] when, and only when, they appear in all capitals, as shown here.'
    );
    expect(conventionsText('rfc2119')).toBe(conventionsParagraphs('rfc2119').join('\n\n'));
    expect(conventionsText('itu-t')).not.toBe(conventionsText('rfc2119'));
  });

  it('states no requirement of its own: the conventions text defines keywords, it does not use them', () => {
    expect(findRequirements(std)).toEqual([]);
    expect(findRequirements(skeletonStandard(completeMeta({ convention: 'rfc2119' })))).toEqual([]);
  });

  it('gets fresh, unique ids each time', () => {
    const a = ids(std.clauses);
    const b = ids(skeletonStandard(completeMeta({})).clauses);
    expect(new Set(a).size).toBe(a.length);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it('fills in missing metadata with defaults', () => {
    const meta = completeMeta({ designation: 'ITU-T Y.1' });
    expect(meta).toMatchObject({ designation: 'ITU-T Y.1', convention: 'itu-t', title: '', date: '' });
    expect(() => new RegExp(meta.requirementPattern)).not.toThrow();
  });
});
