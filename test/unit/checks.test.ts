import { describe, expect, it } from 'vitest';
import { jsonPathError, validateCheck, validateChecks } from '../../clauses/checks';

const valid = {
  id: 'no-race',
  target: { artifact: 'data-schema', files: ['schemas/*.json'], selector: { lang: 'jsonpath', expr: '$..properties' } },
  assert: { op: 'keys-not-match', regex: '^(race|skin[_-]?colou?r)$', flags: 'i' },
  severity: 'error',
  message: 'The template schema is prohibited from holding race or skin colour.'
};

const fields = (check: unknown) => validateCheck(check).map((e) => e.field);

describe('validateCheck', () => {
  it('accepts the check from rules-format.md', () => {
    expect(validateCheck(valid)).toEqual([]);
  });

  it('accepts every operator with its own fields', () => {
    const base = { id: 'c', target: { artifact: 'configuration', selector: { lang: 'jsonpath', expr: '$.logging' } }, severity: 'warn', message: 'm' };
    expect(validateCheck({ ...base, assert: { op: 'present', field: 'level' } })).toEqual([]);
    expect(validateCheck({ ...base, assert: { op: 'absent' } })).toEqual([]);
    expect(validateCheck({ ...base, assert: { op: 'truthy', field: 'enabled' } })).toEqual([]);
    expect(validateCheck({ ...base, assert: { op: 'falsy', field: 'debug' } })).toEqual([]);
    expect(validateCheck({ ...base, assert: { op: 'matches', field: 'level', regex: '^(info|warn)$' } })).toEqual([]);
    expect(validateCheck({ ...base, assert: { op: 'in-enum', field: 'level', values: ['info', 'warn', null] } })).toEqual([]);
    expect(validateCheck({ ...base, assert: { op: 'json-schema', schema: { type: 'object', required: ['level'] } } })).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(fields({ ...valid, assert: { op: 'contains' } })).toEqual(['assert.op']);
    expect(fields({ ...valid, target: { ...valid.target, artifact: 'database' } })).toEqual(['target.artifact']);
    expect(fields({ ...valid, severity: 'fatal' })).toEqual(['severity']);
    expect(fields({ ...valid, message: '   ' })).toEqual(['message']);
    expect(fields({ ...valid, id: '' })).toEqual(['id']);
    expect(fields({ ...valid, extra: 1 })).toEqual(['extra']);
  });

  it('rejects a regex that does not compile, with the engine message', () => {
    const errors = validateCheck({ ...valid, assert: { ...valid.assert, regex: '^(race' } });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('assert.regex');
    expect(errors[0]!.message).toMatch(/does not compile/);
  });

  it('rejects unknown or repeated regex flags', () => {
    expect(fields({ ...valid, assert: { ...valid.assert, flags: 'ix' } })).toEqual(['assert.flags']);
    expect(fields({ ...valid, assert: { ...valid.assert, flags: 'ii' } })).toEqual(['assert.flags']);
  });

  it('requires the fields an operator needs and refuses the ones it ignores', () => {
    expect(fields({ ...valid, assert: { op: 'matches' } })).toEqual(['assert.regex']);
    expect(fields({ ...valid, assert: { op: 'in-enum', values: [] } })).toEqual(['assert.values']);
    expect(fields({ ...valid, assert: { op: 'in-enum', values: [{}] } })).toEqual(['assert.values.0']);
    expect(fields({ ...valid, assert: { op: 'json-schema' } })).toEqual(['assert.schema']);
    expect(fields({ ...valid, assert: { op: 'json-schema', schema: { type: 'thing' } } })).toEqual(['assert.schema']);
    expect(fields({ ...valid, assert: { op: 'present', regex: 'x' } })).toEqual(['assert.regex']);
    expect(fields({ ...valid, assert: { op: 'keys-match', regex: 'x', field: 'name' } })).toEqual(['assert.field']);
  });

  it('allows only text patterns on prose', () => {
    expect(fields({ ...valid, target: { ...valid.target, artifact: 'prose' } })).toEqual(['assert.op']);
    expect(validateCheck({ ...valid, target: { ...valid.target, artifact: 'prose' }, assert: { op: 'not-matches', regex: '\\bblacklist\\b' } })).toEqual([]);
  });

  it('rejects a non-object', () => {
    expect(validateCheck('present')).toEqual([{ field: '', message: 'a check must be an object' }]);
  });
});

describe('JSONPath selectors', () => {
  it.each(['$', '$..properties', '$.a.b', "$['a b']", '$.items[0]', '$..[?(@.type == "string")]', '$.a[?(@.x > 1)]'])('accepts %s', (expr) => {
    expect(jsonPathError(expr)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['properties', /starts with "\$"/],
    ['$.a[', /never closed/],
    ['$.a]', /unbalanced/],
    ["$['a]", /unterminated/],
    ['$.a.', /empty path segment/],
    ['$.x.y[?(@.b ==== 1)]', /not valid JSONPath/],
    ['$.a[?(@.x >)]', /not valid JSONPath/]
  ])('rejects %s', (expr, why) => {
    expect(jsonPathError(expr)).toMatch(why);
    expect(fields({ ...valid, target: { ...valid.target, selector: { lang: 'jsonpath', expr } } })).toEqual(['target.selector.expr']);
  });
});

describe('validateChecks', () => {
  it('prefixes fields with the index and reports duplicate ids', () => {
    const errors = validateChecks([valid, { ...valid, severity: 'loud' }]);
    expect(errors.map((e) => e.field)).toEqual(['1.severity', '1.id']);
  });
});
