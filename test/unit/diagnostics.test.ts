import { describe, expect, it } from 'vitest';
import { diagnose } from '../../clauses/diagnostics';
import type { Diagnostic } from '../../clauses/diagnostics';
import type { Block, Standard } from '../../clauses/model';
import { clause, draft, nextId, note, p, text } from './diagnostics-fixture';

const only = (std: Standard, code: string): Diagnostic[] => diagnose(std).filter((d) => d.code === code);

const REQ = 'The capture device is required to produce images with at least 90 pixels between the eyes.';

describe('a clean draft', () => {
  it('has no diagnostics in either convention (the Conventions clause quotes keywords freely)', () => {
    expect(diagnose(draft([clause('Capture', [p(REQ)])]))).toEqual([]);
    expect(diagnose(draft([clause('Capture', [p('The client MUST send a nonce.')])], { convention: 'rfc2119' }))).toEqual([]);
  });
});

describe('OBL001 keyword in informative content', () => {
  it('flags a keyword in a note of a normative clause, pointing at the words', () => {
    const n = note(p('The operator is required to review every match.'));
    const std = draft([clause('Capture', [p(REQ), n])]);
    const [d, ...rest] = only(std, 'OBL001');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', clauseNumber: '6', blockId: ((n as { content: Block[] }).content[0] as { id: string }).id });
    expect(d!.message).toContain('"is required to" in a note');
    expect(d!.end! - d!.start!).toBe('is required to'.length);
  });

  it('flags keywords in an appendix, the Summary, and a clause tagged informative (with a retag fix)', () => {
    const informative = clause('Background', [p('Deployers are recommended to publish their accuracy figures.')], { kind: 'informative' });
    const std = draft([clause('Capture', [p(REQ)]), informative], {
      summary: 'Systems are required to log searches.',
      after: [clause('Deployment examples', [p('The kiosk is required to beep.')], { role: 'appendix' })]
    });
    const found = only(std, 'OBL001');
    expect(found.map((d) => d.message.match(/in (the Summary|an appendix|an informative clause)/)?.[1])).toEqual([
      'the Summary',
      'an informative clause',
      'an appendix'
    ]);
    expect(found[1]!.fix).toEqual({ type: 'retag', title: 'Mark the clause normative technical', clauseId: informative.id, kind: 'normative-technical' });
  });

  it('leaves requirements in normative clauses and annexes, and the Conventions clause, alone', () => {
    const std = draft([clause('Capture', [p(REQ)])], { after: [clause('Test methods', [p('The tester is required to use 100 subjects.')], { role: 'annex' })] });
    expect(only(std, 'OBL001')).toEqual([]);
  });
});

describe('OBL002 normative clause without a requirement', () => {
  it('flags a normative clause of prose only, offering to mark it informative', () => {
    const c = clause('Overview', [p('Face recognition compares a probe with a gallery.')]);
    const [d] = only(draft([c, clause('Capture', [p(REQ)])]), 'OBL002');
    expect(d).toMatchObject({ severity: 'warning', clauseId: c.id, clauseNumber: '6' });
    expect(d!.fix).toMatchObject({ type: 'retag', kind: 'informative' });
  });

  it('exempts a clause whose sub-clauses hold the requirements, informative clauses and clauses 1-5', () => {
    const parent = clause('Requirements', [p('This clause specifies the requirements.')], { children: [clause('Capture', [p(REQ)])] });
    const info = clause('Overview', [p('Face recognition compares a probe with a gallery.')], { kind: 'informative' });
    expect(only(draft([parent, info]), 'OBL002')).toEqual([]);
  });
});

describe('OBL003 mixed conventions', () => {
  it('flags an RFC 2119 keyword in an ITU-T draft with a replacement', () => {
    const para = p('The server MUST log every search.');
    const [d] = only(draft([clause('Logging', [para])]), 'OBL003');
    expect(d).toMatchObject({ severity: 'warning', blockId: para.type === 'paragraph' ? para.id : '' });
    expect(d!.fix).toMatchObject({ type: 'replace-text', text: 'is required to', start: 11, end: 15 });
  });

  it('flags ITU-T phrasing in an RFC 2119 draft, and not the draft\'s own keywords', () => {
    const std = draft([clause('Logging', [p('The server is required to log every search.'), p('The client MUST send a nonce.')])], { convention: 'rfc2119' });
    const found = only(std, 'OBL003');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('ITU-T phrasing');
  });
});

describe('OBL004 lower-case modals in an RFC 2119 draft', () => {
  it('flags lower-case "must" in normative text with an upper-case fix', () => {
    const [d] = only(draft([clause('Logging', [p('The client MUST send a nonce and the server must check it.')])], { convention: 'rfc2119' }), 'OBL004');
    expect(d!.fix).toMatchObject({ type: 'replace-text', text: 'MUST' });
  });

  it('does not flag them in an ITU-T draft or in a note', () => {
    expect(only(draft([clause('Logging', [p(`${REQ} The server must check it.`)])]), 'OBL004')).toEqual([]);
    const rfc = draft([clause('Logging', [p('The client MUST send a nonce.'), note(p('Clients may want to cache it.'))])], { convention: 'rfc2119' });
    expect(only(rfc, 'OBL004')).toEqual([]);
  });
});

describe('OBL006 lower-case keywords in an ITU-T draft', () => {
  it('reads "should" as a requirement and suggests ITU-T phrasing', () => {
    const std = draft([clause('Guidance', [p('The system should announce the nearest exit.')])]);
    const [d] = only(std, 'OBL006');
    expect(d!.fix).toMatchObject({ type: 'replace-text', text: 'is recommended to', start: 11, end: 17 });
    expect(only(std, 'OBL002')).toEqual([]);
  });

  it('is silent on ITU-T phrasing, and lower-case modals in a note are no error (no normative intent)', () => {
    expect(only(draft([clause('Capture', [p(REQ)])]), 'OBL006')).toEqual([]);
    const std = draft([clause('Capture', [p(REQ), note(p('Operators should check the lens.'))])]);
    expect(only(std, 'OBL001')).toEqual([]);
    expect(only(std, 'OBL006')).toEqual([]);
  });
});

describe('OBL005 several obligations in one paragraph', () => {
  it('suggests splitting a paragraph with two obligations', () => {
    const [d] = only(draft([clause('Storage', [p('Templates are required to be encrypted and are prohibited from leaving the device.')])]), 'OBL005');
    expect(d).toMatchObject({ severity: 'info' });
    expect(d!.message).toContain('2 obligations');
  });

  it('is silent for one obligation per paragraph', () => {
    expect(only(draft([clause('Storage', [p(REQ)])]), 'OBL005')).toEqual([]);
  });
});

describe('POL001 policy language in a normative technical clause', () => {
  const policy = 'Schools are not recommended to use face recognition for the attendance of pupils.';

  it('flags it with evidence and a retag fix', () => {
    const c = clause('Use in schools', [p(policy)]);
    const [d] = only(draft([c]), 'POL001');
    expect(d!.message).toMatch(/actor "Schools"/);
    expect(d!.fix).toEqual({ type: 'retag', title: 'Tag the clause as a policy recommendation', clauseId: c.id, kind: 'policy-recommendation' });
  });

  it('is silent in a policy recommendation clause and on technical text naming an operator', () => {
    expect(only(draft([clause('Use in schools', [p(policy)], { kind: 'policy-recommendation' })]), 'POL001')).toEqual([]);
    expect(only(draft([clause('Console', [p('The operator console is required to show the probe and the candidate side by side.')])]), 'POL001')).toEqual([]);
  });
});

describe('PRV001 sensitive attributes', () => {
  it('warns on a requirement to store ethnicity', () => {
    const [d] = only(draft([clause('Enrolment', [p('The enrolment record is required to store the ethnicity of each subject.')])]), 'PRV001');
    expect(d!.severity).toBe('warning');
    expect(d!.message).toContain('ethnicity');
  });

  it('is silent on a prohibition and on technical senses of the words', () => {
    const std = draft([
      clause('Storage', [
        p('The template database is prohibited from storing race or skin colour attributes.'),
        p('The scheduler is required to record health check results of each node.'),
        p('The matcher is required to store templates without race conditions between threads.')
      ])
    ]);
    expect(only(std, 'PRV001')).toEqual([]);
  });
});

describe('REQ001 / REQ002 / REQ003 requirement ids', () => {
  it('flags a duplicate label on its second use', () => {
    const second = p(REQ, { label: 'FRS-REQ-01' });
    const std = draft([clause('Capture', [p(REQ, { label: 'FRS-REQ-01' }), second])]);
    const found = only(std, 'REQ001');
    expect(found).toHaveLength(1);
    expect(found[0]!.blockId).toBe(second.type === 'paragraph' ? second.id : '');
    expect(found[0]!.fix).toMatchObject({ type: 'clear-label' });
    expect(only(draft([clause('Capture', [p(REQ, { label: 'FRS-REQ-01' }), p(REQ, { label: 'FRS-REQ-02' })])]), 'REQ001')).toEqual([]);
  });

  it('flags a label that does not match the pattern, and accepts one that does', () => {
    const [d] = only(draft([clause('Capture', [p(REQ, { label: 'req 7' })])]), 'REQ002');
    expect(d!.message).toContain('R-6-1');
    expect(only(draft([clause('Capture', [p(REQ, { label: 'FRS-REQ-07' })])]), 'REQ002')).toEqual([]);
  });

  it('reports a pattern that is not a regular expression', () => {
    const [d] = only(draft([clause('Capture', [p(REQ)])], { pattern: 'FRS-([0-9' }), 'REQ003');
    expect(d!.message).toContain('not a valid regular expression');
    expect(only(draft([clause('Capture', [p(REQ)])]), 'REQ003')).toEqual([]);
  });
});

describe('CHK001 / CHK002 machine checks', () => {
  const check = {
    id: 'no-race',
    target: { artifact: 'data-schema' as const, selector: { lang: 'jsonpath' as const, expr: '$..properties' } },
    assert: { op: 'keys-not-match' as const, regex: '^race$', flags: 'i' },
    severity: 'error' as const,
    message: 'No race property.'
  };

  it('reports each invalid field of a check', () => {
    const bad = { ...check, assert: { ...check.assert, regex: '(' } };
    const [d] = only(draft([clause('Schema', [p('The template schema is prohibited from holding race.', { checks: [bad] })])]), 'CHK001');
    expect(d!.message).toMatch(/check "no-race" \(assert\.regex\): the regular expression does not compile/);
    expect(only(draft([clause('Schema', [p('The template schema is prohibited from holding race.', { checks: [check] })])]), 'CHK001')).toEqual([]);
  });

  it('warns about checks on a paragraph that states no requirement', () => {
    expect(only(draft([clause('Schema', [p(REQ), p('Schemas are JSON documents.', { checks: [check] })])]), 'CHK002')).toHaveLength(1);
  });
});

describe('XRF001 dangling cross-references', () => {
  it('flags a reference to a missing id but not to an existing clause', () => {
    const target = clause('Capture', [p(REQ)]);
    const xref = (to: string): Block => ({ type: 'paragraph', id: nextId('p'), content: [...text(`${REQ} See `), { type: 'xref', target: to }] });
    const found = only(draft([target, clause('Storage', [xref('c-gone'), xref(target.id)])]), 'XRF001');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('"c-gone"');
  });
});

describe('ABB001 undefined abbreviations', () => {
  it('flags an abbreviation not in clause 4, once, with a fix', () => {
    const found = only(draft([clause('Video', [p('The camera is required to support ONVIF Profile S.'), p('ONVIF streams are recommended to use TLS.')])], { abbreviations: [['TLS', 'Transport Layer Security']] }), 'ABB001');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('"ONVIF"');
    expect(found[0]!.fix).toEqual({ type: 'add-abbreviation', title: 'Add "ONVIF" to clause 4', abbr: 'ONVIF' });
  });

  it('accepts defined ones, plurals, RFC keywords, Roman numerals and reference tags', () => {
    const std = draft(
      [clause('Video', [p('The FRS MUST expose APIs as in Appendix II and [ITU-T H.264].')])],
      { convention: 'rfc2119', abbreviations: [['FRS', 'Face Recognition System'], ['API', 'Application Programming Interface']], references: [['ITU-T H.264', 'Advanced video coding']] }
    );
    expect(only(std, 'ABB001')).toEqual([]);
  });
});

describe('TRM001 unused terms', () => {
  const term = (t: string): Block => ({ type: 'term', id: nextId('d'), term: t, source: '', definition: text('A compact representation of a face.') });

  it('flags a defined term the text never uses', () => {
    const found = only(draft([clause('Capture', [p(REQ)])], { terms: [term('face template')] }), 'TRM001');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('"face template"');
  });

  it('counts the abbreviation in a term\'s name as a use', () => {
    const std = draft([clause('Navigation', [p('The IABNNS is required to announce exits.')])], {
      terms: [term('inclusive audio-based network navigation system (IABNNS)')],
      abbreviations: [['IABNNS', 'Inclusive audio-based network navigation system']]
    });
    expect(only(std, 'TRM001')).toEqual([]);
  });

  it('counts plural uses', () => {
    const std = draft([clause('Storage', [p('Face templates are required to be encrypted.')])], { terms: [term('face template')] });
    expect(only(std, 'TRM001')).toEqual([]);
  });
});

describe('REF001 uncited references', () => {
  it('flags a reference in clause 2 that nothing cites', () => {
    const found = only(draft([clause('Video', [p(REQ)])], { references: [['ITU-T H.264', 'Advanced video coding']] }), 'REF001');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('[ITU-T H.264]');
  });

  it('accepts a citation by tag in the text', () => {
    const std = draft([clause('Video', [p('The encoder is required to conform to [ITU-T H.264].')])], { references: [['ITU-T H.264', 'Advanced video coding']] });
    expect(only(std, 'REF001')).toEqual([]);
  });
});

describe('STR001 / STR002 structure', () => {
  it('flags an empty clause with a fill fix, not one that only holds sub-clauses', () => {
    const empty = clause('Reserved', []);
    const holder = clause('Requirements', [], { children: [clause('Capture', [p(REQ)])] });
    const found = only(draft([holder, empty]), 'STR001');
    expect(found.map((d) => d.clauseId)).toEqual([empty.id]);
    expect(found[0]!.fix).toMatchObject({ type: 'fill-empty', text: 'This clause is intentionally left blank.' });
  });

  it('flags a clause without a title', () => {
    const untitled = clause('', [p(REQ)]);
    const found = only(draft([untitled, clause('Capture', [p(REQ)])]), 'STR002');
    expect(found.map((d) => [d.clauseId, d.severity])).toEqual([[untitled.id, 'error']]);
  });
});
