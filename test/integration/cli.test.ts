// The `clausework` command as a user runs it (node server/cli/bin.js, a child process): help
// texts, exit codes 0/1/2, each export format, check on clean and violating JSON/YAML, SARIF,
// --explain, bad input named in the message, and hostile drafts.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import rulesSchema from '../../exporters/rules/rules.schema.json' with { type: 'json' };

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'server/cli/bin.js');
const FIX = join(ROOT, 'test/fixtures/schemas');
const DRAFT = join(FIX, 'face-template.standard.json');
const HOSTILE = join(FIX, 'hostile.standard.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let dir: string;
let rulesFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clausework-cli-'));
  rulesFile = join(dir, 'rules.json');
  const r = await cli(['export', DRAFT, '--to', 'rules', '-o', rulesFile]);
  if (r.code !== 0) throw new Error(`export failed: ${r.stderr}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('help', () => {
  it('describes every command, and each command its options', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['export', 'lint-draft', 'check', 'import']) expect(top.stdout).toContain(command);
    const expectations: Record<string, string[]> = {
      export: ['--to', 'md', 'docx', 'html', 'rules', 'spectral', 'oscal', '--output', '--plain', '--policy', '--form', '--td-questions', '--td-meeting', '--td-study-group', '--td-working-party', '--td-source', '--td-title', '--td-contact'],
      'lint-draft': ['--format', 'sarif'],
      check: ['--rules', '--format', '--explain'],
      import: ['--output']
    };
    for (const [command, words] of Object.entries(expectations)) {
      const help = await cli([command, '--help']);
      expect(help.code, command).toBe(0);
      for (const word of words) expect(help.stdout, `${command} --help`).toContain(word);
      expect(help.stdout).toContain('Exit codes');
    }
  });

  it('prints its version, and usage with exit 2 when no command is given', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout + none.stderr).toContain('Usage: clausework');
  });

  it('works through the npm bin shim (npx clausework --help)', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin.clausework).toBe('server/cli/bin.js');
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const r = await new Promise<Run>((done) =>
      execFile('npx', ['--no-install', 'clausework', '--help'], { cwd: ROOT, encoding: 'utf8' }, (e, stdout, stderr) =>
        done({ code: e ? Number(e.code) : 0, stdout, stderr })
      )
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: clausework');
  });
});

describe('export', () => {
  it('writes a rule set valid against the published schema, the same bytes every time', async () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const first = readFileSync(rulesFile, 'utf8');
    expect(ajv.validate(rulesSchema, JSON.parse(first))).toBe(true);
    const again = await cli(['export', DRAFT, '--to', 'rules']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first);
    const dated = await cli(['export', DRAFT, '--to', 'rules', '--generated-at', '2026-05-01T12:00:00Z']);
    expect(JSON.parse(dated.stdout).document.generatedAt).toBe('2026-05-01T12:00:00Z');
  });

  it('writes a Spectral ruleset and an OSCAL catalog', async () => {
    const spectral = await cli(['export', DRAFT, '--to', 'spectral']);
    expect(spectral.code).toBe(0);
    const rules = Object.values(JSON.parse(spectral.stdout).rules) as { description: string }[];
    expect(rules.length).toBeGreaterThan(3);
    const oscal = await cli(['export', DRAFT, '--to', 'oscal', '--generated-at', '2026-05-01T12:00:00Z']);
    expect(oscal.code).toBe(0);
    const catalog = JSON.parse(oscal.stdout).catalog;
    expect(catalog.metadata['oscal-version']).toBe('1.2.1');
    expect(catalog.metadata['last-modified']).toBe('2026-05-01T12:00:00Z');
    expect(catalog.groups.length).toBeGreaterThan(1);
  });

  it('writes ITU-T HTML and Word, Markdown, and reads a Markdown draft', async () => {
    const html = await cli(['export', DRAFT, '--to', 'html', '--policy', 'separate']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(html.stdout).toContain('Data schema of the template database');

    const docx = join(dir, 'draft.docx');
    const word = await cli(['export', DRAFT, '--to', 'docx', '--form', 'td', '-o', docx]);
    expect(word.code, word.stderr).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');

    const md = join(dir, 'draft.md');
    const markdown = await cli(['export', DRAFT, '--to', 'md', '-o', md]);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('Data schema of the template database');
    const plain = await cli(['export', DRAFT, '--to', 'md', '--plain']);
    expect(plain.stdout).not.toContain('clausework:');

    // The Markdown export is itself a draft the CLI can read back.
    const fromMd = await cli(['export', md, '--to', 'rules']);
    expect(fromMd.code, fromMd.stderr).toBe(0);
    const original = JSON.parse(readFileSync(rulesFile, 'utf8'));
    expect(JSON.parse(fromMd.stdout).rules.map((r: { uuid: string }) => r.uuid)).toEqual(original.rules.map((r: { uuid: string }) => r.uuid));

    const imported = join(dir, 'imported.json');
    const imp = await cli(['import', md, '-o', imported]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(readFileSync(imported, 'utf8')).clauses.length).toBeGreaterThan(5);
  });

  it('fills the TD header from --td-* options; study group and title default to the draft\'s', async () => {
    const td = await cli([
      'export', DRAFT, '--to', 'html', '--form', 'td',
      '--td-questions', 'Q5/16', '--td-meeting', 'Geneva, 3-14 March 2027', '--td-working-party', 'WP2/16',
      '--td-source', 'Editors <& co>', '--td-contact', 'A. Editor, editor@example.org'
    ]);
    expect(td.code, td.stderr).toBe(0);
    for (const text of ['Q5/16', 'Geneva, 3-14 March 2027', 'WP2/16', 'Editors &#x3C;&#x26; co', 'editor@example.org', 'SG16']) {
      expect(td.stdout).toContain(text);
    }
    expect(td.stdout).toContain('Requirements for face recognition template storage');
    const own = await cli(['export', DRAFT, '--to', 'html', '--form', 'td', '--td-study-group', 'SG17', '--td-title', 'A title of our own']);
    expect(own.stdout).toContain('SG17');
    expect(own.stdout).toContain('A title of our own');
    const docx = join(dir, 'td.docx');
    const word = await cli(['export', DRAFT, '--to', 'docx', '--form', 'td', '--td-questions', 'Q5/16', '-o', docx]);
    expect(word.code, word.stderr).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('lint-draft', () => {
  it('exits 1 on an error (a requirement keyword in an appendix), naming code and clause, in text, JSON and SARIF', async () => {
    const std = JSON.parse(readFileSync(DRAFT, 'utf8'));
    const appendix = std.clauses.find((c: { role: string }) => c.role === 'appendix');
    appendix.blocks.push({ type: 'paragraph', id: 'p-appx-req', content: [{ type: 'text', text: 'The device is required to delete templates daily.' }] });
    const file = writeTemp('lint-bad.json', JSON.stringify(std));
    const text = await cli(['lint-draft', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/clause I: error OBL001/);
    const json = await cli(['lint-draft', file, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).diagnostics.some((d: { code: string; clauseId: string }) => d.code === 'OBL001' && d.clauseId === appendix.id)).toBe(true);
    const sarif = await cli(['lint-draft', file, '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
  });

  it('exits 0 when the draft has warnings at most', async () => {
    const json = JSON.parse((await cli(['lint-draft', DRAFT, '--format', 'json'])).stdout);
    const errors = json.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    expect(errors, JSON.stringify(errors)).toEqual([]);
    expect((await cli(['lint-draft', DRAFT])).code).toBe(0);
  });
});

describe('check', () => {
  it('exits 0 on clean JSON and YAML files', async () => {
    const r = await cli(['check', '--rules', rulesFile, join(FIX, 'template-schema.clean.json'), join(FIX, 'service-config.clean.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No problems/);
  });

  it('exits 1 and names clause, requirement and place for violations in JSON and YAML', async () => {
    const rules = JSON.parse(readFileSync(rulesFile, 'utf8'));
    const clause = rules.rules.find((r: { id: string }) => r.id === 'FRS-REQ-01').clause;
    const r = await cli(['check', '--rules', rulesFile, join(FIX, 'template-schema.violating.json'), join(FIX, 'template-schema.violating.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`clause ${clause}, FRS-REQ-01`);
    // Each finding points at its line, as an editor would.
    const source = readFileSync(join(FIX, 'template-schema.violating.json'), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes('"skin_colour"')) + 1;
    const column = source[line - 1]!.indexOf('"skin_colour"') + 1;
    expect(r.stdout).toContain(`${line}:${column}  $.properties.skin_colour`);
    expect(r.stdout).toContain('$.properties.race');
    expect(r.stdout).toContain('template-schema.violating.yaml');
  });

  it('exits 0 when only warnings are found, 1 with --fail-on warn', async () => {
    const warnOnly = join(dir, 'camel.json');
    writeFileSync(warnOnly, JSON.stringify({ $id: 'x', properties: { templateId: { type: 'string' } } }));
    const r = await cli(['check', '--rules', rulesFile, warnOnly]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 problem \(0 errors, 1 warning\)/);
    expect((await cli(['check', '--rules', rulesFile, '--fail-on', 'warn', warnOnly])).code).toBe(1);
  });

  it('takes the draft itself as --rules, with the same verdicts as its exported rule set', async () => {
    const target = join(FIX, 'service-config.violating.yaml');
    const viaRules = await cli(['check', '--rules', rulesFile, '--format', 'json', target]);
    const viaDraft = await cli(['check', '--rules', DRAFT, '--format', 'json', target]);
    expect(viaDraft.code).toBe(1);
    expect(JSON.parse(viaDraft.stdout).findings).toEqual(JSON.parse(viaRules.stdout).findings);
  });

  it('writes JSON and SARIF 2.1.0', async () => {
    const files = [join(FIX, 'service-config.violating.yaml')];
    const json = await cli(['check', '--rules', rulesFile, '--format', 'json', ...files]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.findings.some((f: { jsonPath: string }) => f.jsonPath === '$.storage.rawImages')).toBe(true);

    const sarif = await cli(['check', '--rules', rulesFile, '--format', 'sarif', ...files]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.rules.length).toBeGreaterThan(5);
    expect(run.results.length).toBe(report.findings.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/service-config\.violating\.yaml$/);
    }
  });

  it('--explain prints the clause text of a rule', async () => {
    const r = await cli(['check', '--rules', rulesFile, '--explain', 'FRS-REQ-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The template database is prohibited from storing race or skin colour attributes.');
    const missing = await cli(['check', '--rules', rulesFile, '--explain', 'NO-SUCH-RULE']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NO-SUCH-RULE');
  });
});

describe('bad input exits 2 with a message naming the problem', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a missing draft', () => ['export', join(dir, 'nope.json'), '--to', 'rules'], /nope\.json: no such file/],
    ['an unknown format', () => ['export', DRAFT, '--to', 'pdf'], /pdf/],
    ['invalid JSON', () => ['export', writeTemp('broken.json', '{ "meta": '), '--to', 'rules'], /broken\.json is not valid JSON/],
    ['a Standard violating its schema', () => ['export', writeTemp('bad-standard.json', JSON.stringify({ meta: {}, clauses: 'none' })), '--to', 'rules'], /bad-standard\.json is not a valid Standard:[\s\S]*\/(meta|clauses)/],
    ['an unsupported draft extension', () => ['export', writeTemp('draft.txt', 'hello'), '--to', 'rules'], /draft\.txt: expected a Markdown draft/],
    ['a missing rules file', () => ['check', '--rules', join(dir, 'none.json'), DRAFT], /none\.json: no such file/],
    ['an invalid rule set', () => ['check', '--rules', writeTemp('rules-bad.json', JSON.stringify({ formatVersion: '1.0.0', rules: [{}] })), DRAFT], /rules-bad\.json is not a valid Clausework rule set/],
    ['invalid YAML to check', () => ['check', '--rules', rulesFile, writeTemp('bad.yaml', 'a: [1, 2\nb: }')], /bad\.yaml is not valid YAML/],
    ['a directory to check', () => ['check', '--rules', rulesFile, dir], /is a directory/],
    ['check without targets', () => ['check', '--rules', rulesFile], /at least one JSON or YAML file/],
    ['a bad --generated-at', () => ['export', DRAFT, '--to', 'rules', '--generated-at', 'yesterday'], /--generated-at "yesterday"/],
    ['an unknown command', () => ['frobnicate'], /unknown command/],
    ['a TD header option without --form td', () => ['export', DRAFT, '--to', 'html', '--td-questions', 'Q5/16'], /--td-questions fills the TD header: it needs --form td/],
    ['an over-long TD header value', () => ['export', DRAFT, '--to', 'html', '--form', 'td', '--td-title', 'x'.repeat(501)], /--td-title is 501 characters long; at most 500/],
    ['an unknown TD header option', () => ['export', DRAFT, '--to', 'html', '--form', 'td', '--td-room', 'B'], /unknown option '--td-room'/],
    ['a draft whose check the rule set cannot carry', () => ['export', writeTemp('bracket-field.json', draftWithField("encryption['enabled']")), '--to', 'spectral'], /cannot be exported as a rule set:[\s\S]*check encryption-on: \/rules\/\d+\/checks\/0\/assert\/field/]
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await cli(args());
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    });
  }
});

/** The face-template draft with the field of its encryption check replaced. */
function draftWithField(field: string): string {
  const std = JSON.parse(readFileSync(DRAFT, 'utf8'));
  const config = std.clauses.find((c: { id: string }) => c.id === 'c-arch').children.find((c: { id: string }) => c.id === 'c-config');
  config.blocks[0].requirement.checks[0].assert.field = field;
  return JSON.stringify(std);
}

function writeTemp(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('hostile drafts', () => {
  it('export to rules keeps the text verbatim in valid JSON; the ruleset and check messages stay whole', async () => {
    const rules = await cli(['export', HOSTILE, '--to', 'rules']);
    expect(rules.code).toBe(0);
    const set = JSON.parse(rules.stdout);
    const std = JSON.parse(readFileSync(HOSTILE, 'utf8'));
    expect(set.rules.find((r: { id: string }) => r.id === 'H-1').text).toBe(std.clauses[1].blocks[0].content[0].text);

    for (const to of ['spectral', 'oscal']) {
      const r = await cli(['export', HOSTILE, '--to', to, '--generated-at', '2026-05-01T12:00:00Z']);
      expect(r.code, `${to}: ${r.stderr}`).toBe(0);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }

    const hostileRules = writeTemp('hostile-rules.json', rules.stdout);
    const check = await cli(['check', '--rules', hostileRules, join(FIX, 'hostile-schema.json')]);
    expect(check.code).toBe(1);
    // On a terminal, bidi overrides and control characters are shown, not obeyed.
    expect(check.stdout).not.toMatch(/[\u202e\u0007]/);
    expect(check.stdout).toContain('\\u202e');
    expect(check.stdout).toContain('#{{print("property")}}');
    expect(existsSync(hostileRules)).toBe(true);
  });
});
