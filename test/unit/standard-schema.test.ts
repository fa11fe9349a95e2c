import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import { isStandard, STANDARD_SCHEMA, standardSchemaProblems } from '../../clauses/standard-schema';
import { exampleStandard } from '../../clauses/example';
import { completeMeta, skeletonStandard } from '../../clauses/skeleton';
import { docToStandard, standardToDoc, standardToYdoc, ydocToStandard } from '../../clauses/convert';
import { generateStandard } from './convert-generate';

describe('the Standard JSON Schema', () => {
  it('is a valid draft 2020-12 schema', () => {
    expect(STANDARD_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(new Ajv2020({ allowUnionTypes: true, strictTuples: false }).validateSchema(STANDARD_SCHEMA)).toBe(true);
  });

  it('accepts the skeleton, the example and converted documents', () => {
    expect(standardSchemaProblems(skeletonStandard(completeMeta({})))).toEqual([]);
    expect(standardSchemaProblems(exampleStandard())).toEqual([]);
    for (const seed of [1, 2, 3, 4, 5]) {
      const std = generateStandard(seed);
      expect(standardSchemaProblems(docToStandard(standardToDoc(std), std.meta)), `seed ${seed}`).toEqual([]);
      expect(isStandard(ydocToStandard(standardToYdoc(std), std.meta)), `seed ${seed}`).toBe(true);
    }
    // JSON text, as the CLI and the API read it.
    expect(isStandard(JSON.parse(JSON.stringify(exampleStandard())))).toBe(true);
  });

  it('rejects broken standards and says where', () => {
    const unknownKind = exampleStandard() as unknown as { clauses: { kind: string }[] };
    unknownKind.clauses[0]!.kind = 'normative';
    expect(standardSchemaProblems(unknownKind).some((p) => p.path === '/clauses/0/kind')).toBe(true);

    const badCheck = exampleStandard();
    const storage = badCheck.clauses.find((c) => c.id === 'c-requirements')!.children[1]!;
    const para = storage.blocks[0]!;
    if (para.type !== 'paragraph') throw new Error('fixture changed');
    (para.requirement!.checks![0]!.assert as { op: string }).op = 'equals';
    expect(standardSchemaProblems(badCheck).some((p) => p.path.endsWith('/requirement/checks/0/assert/op'))).toBe(true);

    const badPattern = exampleStandard();
    badPattern.meta.requirementPattern = '([unclosed';
    expect(standardSchemaProblems(badPattern)).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/meta/requirementPattern' })]));

    const noteWithTable = exampleStandard();
    noteWithTable.clauses[0]!.blocks.push({ type: 'note', id: 'n-x', content: [{ type: 'table', id: 't', caption: [], header: false, rows: [[[]]] }] } as never);
    expect(isStandard(noteWithTable)).toBe(false);

    expect(isStandard({ meta: exampleStandard().meta, clauses: [] })).toBe(false);
    expect(isStandard({ ...exampleStandard(), extra: 1 })).toBe(false);
    expect(isStandard('not even an object')).toBe(false);
  });
});
