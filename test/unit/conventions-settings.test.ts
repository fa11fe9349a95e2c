// The Settings panel's checks (label pattern, version, date, label preview) and the Export menu's
// TD header links: a bad value is refused with a message naming the problem.

import { describe, expect, it } from 'vitest';
import { dateError, labelPreview, patternError, requirementLabels, versionError } from '../../web/lib/panels/settings';
import { EXPORT_ENTRIES, exportUrl } from '../../web/lib/panels/export-links';
import { exampleStandard } from '../../clauses/example';

describe('settings checks', () => {
  it('accepts patterns that compile, naming the problem otherwise', () => {
    expect(patternError('FRS-REQ-\\d{2}')).toBeNull();
    expect(patternError('')).toBeNull();
    expect(patternError('FRS-REQ-(\\d{2}')).toBe('Not a valid regular expression: unterminated group.');
    // Fine alone, broken once anchored as the label check anchors it.
    expect(patternError('a)|(b')).toMatch(/^Not a valid regular expression: /);
    expect(patternError('x'.repeat(201))).toMatch(/longer than 200/);
  });

  it('accepts an empty date or MM/YYYY only', () => {
    for (const ok of ['', '01/2027', '12/1999']) expect(dateError(ok)).toBeNull();
    for (const bad of ['13/2027', '1/2027', '2027-03', '03/27', ' 03/2027']) expect(dateError(bad)).toContain('MM/YYYY');
  });

  it('wants a one-line, non-empty version', () => {
    expect(versionError('0.3')).toBeNull();
    expect(versionError(' ')).toMatch(/cannot be empty/);
    expect(versionError('1\n2')).toMatch(/one line/);
  });

  it('previews which current labels a pattern accepts', () => {
    const std = exampleStandard();
    const labels = requirementLabels(std);
    expect(labels.length).toBeGreaterThan(0);
    expect(labelPreview(labels, std.meta.requirementPattern)!.every((l) => l.matches)).toBe(true);
    expect(labelPreview(labels, 'NOTHING-\\d')!.every((l) => !l.matches)).toBe(true);
    expect(labelPreview(labels, '')!.every((l) => l.matches)).toBe(true);
    expect(labelPreview(labels, '(')).toBeNull();
  });
});

describe('export links', () => {
  const docx = EXPORT_ENTRIES.find((e) => e.format === 'docx')!;
  const md = EXPORT_ENTRIES.find((e) => e.format === 'md')!;

  it('carries the TD header fields only for a TD of an ITU-T format, leaving out empty ones', () => {
    const td = { questions: ' Q5/16 ', meeting: '', studyGroup: 'SG16', title: 'A & B' };
    const url = new URL(exportUrl('s-1', docx, 'labelled', 'td', td), 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      policy: 'labelled',
      form: 'td',
      'td-questions': 'Q5/16',
      'td-study-group': 'SG16',
      'td-title': 'A & B'
    });
    expect(exportUrl('s-1', docx, 'labelled', 'recommendation', td)).not.toContain('td-');
    expect(exportUrl('s-1', md, 'labelled', 'td', td)).toBe('/api/standards/s-1/export/md');
  });
});
