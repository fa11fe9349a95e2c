// importMarkdown(exportMarkdown(x)) gives back x, for generated standards (hostile text, every
// block type, every role, deep nesting); the plain variant keeps structure and text readable.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryStandard } from '../helpers/arbitrary-standard';
import { exportMarkdown, importMarkdown } from '../../exporters/markdown';
import type { Clause, Standard } from '../../clauses/model';
import { inlineText } from '../../clauses/text';

const SEED = Number(process.env.MD_SEED ?? 20261122);

function run(property: fc.IProperty<[Standard]>, numRuns: number): void {
  const result = fc.check(property, { numRuns, seed: SEED, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true });
  if (result.failed) {
    // Printed so that a failure can be replayed: MD_SEED=<seed> npx vitest run <this file>.
    console.error(`markdown round trip failed: seed ${result.seed}, path ${result.counterexamplePath ?? ''}`);
  }
  expect(result.failed ? fc.defaultReportMessage(result) : 'ok').toBe('ok');
}

function titlesInOrder(clauses: Clause[], out: string[] = []): string[] {
  for (const c of clauses) {
    out.push(inlineText(c.title));
    titlesInOrder(c.children, out);
  }
  return out;
}

describe('Markdown round trip', () => {
  it('imports an export as the same standard (120 generated standards)', () => {
    run(
      fc.property(arbitraryStandard(), (std) => {
        const back = importMarkdown(exportMarkdown(std)).standard;
        expect(back).toStrictEqual(std);
      }),
      120
    );
  }, 120_000);

  it('keeps deep sub-clauses (beyond six heading levels) in place', () => {
    run(
      fc.property(arbitraryStandard({ maxDepth: 8, maxBlocks: 1, hostile: false }), (std) => {
        expect(importMarkdown(exportMarkdown(std)).standard).toStrictEqual(std);
      }),
      40
    );
  }, 120_000);

  it('plain export carries no metadata yet re-imports to the same clause titles in order', () => {
    run(
      fc.property(arbitraryStandard({ hostile: false, maxBlocks: 3 }), (std) => {
        const md = exportMarkdown(std, { plain: true });
        expect(md).not.toContain('<!--');
        expect(md).not.toContain('clausework');
        const back = importMarkdown(md).standard;
        expect(titlesInOrder(back.clauses)).toEqual(titlesInOrder(std.clauses));
      }),
      100
    );
  }, 120_000);
});
