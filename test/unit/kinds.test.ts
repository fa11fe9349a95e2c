import { describe, expect, it } from 'vitest';
import { blockCanHoldNormative, canHoldNormative, defaultKind, effectiveKinds } from '../../clauses/kinds';
import { exampleStandard } from '../../clauses/example';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';
import type { Clause, ClauseRole, Kind, Standard } from '../../clauses/model';

function cl(id: string, role: ClauseRole, kind: Kind | null, children: Clause[] = []): Clause {
  return { id, role, kind, title: [], blocks: [], children };
}
const std = (clauses: Clause[]): Standard => ({ meta: completeMeta({}), clauses });

describe('kind defaults by role', () => {
  it('makes annexes and the body normative technical, front matter, appendices and bibliography informative', () => {
    const s = skeletonStandard(completeMeta({}));
    s.clauses.push(cl('ann', 'annex', null), cl('app', 'appendix', null), cl('intro', 'introduction', null));
    const k = effectiveKinds(s);
    const byRole = Object.fromEntries(s.clauses.map((c) => [c.role, k.get(c.id)]));
    expect(byRole).toMatchObject({
      summary: 'informative',
      keywords: 'informative',
      introduction: 'informative',
      scope: 'normative-technical',
      body: 'normative-technical',
      annex: 'normative-technical',
      appendix: 'informative',
      bibliography: 'informative'
    });
    expect(defaultKind('annex')).toBe('normative-technical');
  });
});

describe('inheritance', () => {
  it('passes a kind down to sub-clauses until one overrides it, and the override passes down in turn', () => {
    const s = std([
      cl('p', 'body', 'policy-recommendation', [
        cl('p1', 'body', null, [cl('p11', 'body', null)]),
        cl('p2', 'body', 'normative-technical', [cl('p21', 'body', null)]),
        cl('p3', 'body', 'informative')
      ]),
      cl('n', 'body', null, [cl('n1', 'body', 'informative', [cl('n11', 'body', null)])]),
      cl('a', 'annex', null, [cl('a1', 'body', 'policy-recommendation')])
    ]);
    const k = effectiveKinds(s);
    expect(['p', 'p1', 'p11', 'p2', 'p21', 'p3', 'n', 'n1', 'n11', 'a', 'a1'].map((id) => k.get(id))).toEqual([
      'policy-recommendation', 'policy-recommendation', 'policy-recommendation', 'normative-technical', 'normative-technical',
      'informative', 'normative-technical', 'informative', 'informative', 'normative-technical', 'policy-recommendation'
    ]);
  });

  it('keeps everything inside an appendix or the front matter informative whatever it is tagged', () => {
    const s = std([cl('app', 'appendix', 'normative-technical', [cl('i1', 'body', 'policy-recommendation')]), cl('sum', 'summary', 'normative-technical')]);
    const k = effectiveKinds(s);
    expect([k.get('app'), k.get('i1'), k.get('sum')]).toEqual(['informative', 'informative', 'informative']);
  });

  it('shows every kind in the example, with the public-spaces clause tagged policy', () => {
    const k = effectiveKinds(exampleStandard());
    expect(new Set(k.values())).toEqual(new Set(['normative-technical', 'policy-recommendation', 'informative']));
    expect(k.get('c-public')).toBe('policy-recommendation');
    expect(k.get('c-storage')).toBe('normative-technical');
    expect(k.get('c-app-cancellable')).toBe('informative');
  });
});

describe('what may hold normative content', () => {
  it('allows requirements in technical and policy clauses, not in informative ones, appendices, notes or examples', () => {
    expect(canHoldNormative('normative-technical', 'body')).toBe(true);
    expect(canHoldNormative('policy-recommendation', 'annex')).toBe(true);
    expect(canHoldNormative('informative', 'body')).toBe(false);
    expect(canHoldNormative('normative-technical', 'appendix')).toBe(false);
    expect(canHoldNormative('normative-technical', 'summary')).toBe(false);
    expect(blockCanHoldNormative({ type: 'note', id: 'n', content: [] })).toBe(false);
    expect(blockCanHoldNormative({ type: 'example', id: 'e', content: [] })).toBe(false);
    expect(blockCanHoldNormative({ type: 'paragraph', id: 'p', content: [] })).toBe(true);
  });
});
