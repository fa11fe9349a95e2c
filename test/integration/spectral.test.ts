// The exported Spectral ruleset in the real Spectral CLI (@stoplight/spectral-cli, a child
// process), on sample JSON and YAML data schemas and configurations: violations are reported
// with the clause number, clean files pass, and our reference checker reaches the same verdicts.

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import fc from 'fast-check';
import type { Standard } from '../../clauses/model';
import { exportRules } from '../../exporters/rules/export';
import { exportSpectral } from '../../exporters/rules/spectral';
import type { RuleSet } from '../../exporters/rules/format';
import { runChecks } from '../../exporters/checker/run';
import { sourceLocator } from '../../exporters/checker/locate';
import { exampleStandard } from '../../clauses/example';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const SPECTRAL = join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js');
const FIXTURES = join(ROOT, 'test/fixtures/schemas');

interface SpectralResult {
  code: string;
  path: (string | number)[];
  message: string;
  severity: number;
  source: string;
  range: { start: { line: number; character: number } };
}

async function spectralLint(files: string[], ruleset: string): Promise<{ exitCode: number; results: SpectralResult[] }> {
  try {
    const { stdout } = await run(process.execPath, [SPECTRAL, 'lint', ...files, '-r', ruleset, '-f', 'json', '--quiet'], { cwd: ROOT });
    return { exitCode: 0, results: parseResults(stdout) };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (err.code !== 1) throw new Error(`spectral failed (${err.code}): ${err.stderr}\n${err.stdout}`);
    return { exitCode: 1, results: parseResults(err.stdout ?? '') };
  }
}

function parseResults(stdout: string): SpectralResult[] {
  const start = stdout.indexOf('[');
  return start < 0 ? [] : (JSON.parse(stdout.slice(start)) as SpectralResult[]);
}

const load = (name: string): Standard => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Standard;
const dataFiles = readdirSync(FIXTURES).filter((f) => /\.(json|ya?ml)$/.test(f) && !f.endsWith('.standard.json'));

let dir: string;
let ruleSet: RuleSet;
let rulesetFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clausework-spectral-'));
  ruleSet = exportRules(load('face-template.standard.json'));
  rulesetFile = join(dir, 'ruleset.json');
  writeFileSync(rulesetFile, JSON.stringify(exportSpectral(ruleSet), null, 2));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Spectral with the exported ruleset', () => {
  it('reports a sensitive attribute in a JSON data schema with the clause number, and exits 1', async () => {
    const { exitCode, results } = await spectralLint([join(FIXTURES, 'template-schema.violating.json')], rulesetFile);
    expect(exitCode).toBe(1);
    const rule = ruleSet.rules.find((r) => r.id === 'FRS-REQ-01')!;
    const sensitive = results.filter((r) => r.code.startsWith('FRS-REQ-01/'));
    expect(sensitive.map((r) => r.path.join('.')).sort()).toEqual([
      'properties.skin_colour',
      'properties.subject.properties.Ethnicity',
      'properties.tags.items.properties.racial-origin'
    ]);
    for (const r of sensitive) {
      expect(r.message).toContain(`Clause ${rule.clause}, FRS-REQ-01`);
      expect(r.severity).toBe(0);
    }
  });

  it('reports the same mistakes in a YAML data schema and in a YAML configuration', async () => {
    const { exitCode, results } = await spectralLint(
      [join(FIXTURES, 'template-schema.violating.yaml'), join(FIXTURES, 'service-config.violating.yaml')],
      rulesetFile
    );
    expect(exitCode).toBe(1);
    const codes = new Set(results.map((r) => r.code.split('/')[1]));
    for (const check of ['no-sensitive-attributes', 'encryption-on', 'no-raw-images', 'retention-limit', 'log-level', 'no-debug', 'region-code', 'no-http']) {
      expect(codes.has(check), check).toBe(true);
    }
    const byCheck = new Map(ruleSet.rules.flatMap((r) => (r.checks ?? []).map((c) => [c.id, r] as const)));
    for (const r of results) expect(r.message).toContain(`Clause ${byCheck.get(r.code.split('/')[1]!)!.clause}`);
  });

  it('passes clean schemas and configurations', async () => {
    const clean = dataFiles.filter((f) => f.includes('.clean.')).map((f) => join(FIXTURES, f));
    expect(clean.length).toBeGreaterThanOrEqual(3);
    const { exitCode, results } = await spectralLint(clean, rulesetFile);
    expect(results).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('agrees with the reference checker on every fixture: same (rule, file, path) failures', async () => {
    const files = dataFiles.map((f) => join(FIXTURES, f));
    const { results } = await spectralLint(files, rulesetFile);
    const spectral = new Set(results.map((r) => `${r.code} ${relative(FIXTURES, r.source)} ${r.path.join('/')}`));
    const report = runChecks(
      ruleSet,
      files.map((file) => {
        const text = readFileSync(file, 'utf8');
        return {
          file: relative(FIXTURES, file),
          relativePath: relative(dir, file),
          data: file.endsWith('.json') ? JSON.parse(text) : parseYaml(text),
          locate: sourceLocator(text)
        };
      })
    );
    const ours = new Set(report.findings.map((f) => `${f.code} ${f.file} ${f.path.join('/')}`));
    expect(ours.size).toBeGreaterThan(10);
    expect([...ours].sort()).toEqual([...spectral].sort());
    // And they point at the same line (Spectral counts from 0).
    const spectralLines = new Map(results.map((r) => [`${r.code} ${relative(FIXTURES, r.source)} ${r.path.join('/')}`, r.range.start.line + 1]));
    for (const f of report.findings) expect(f.line, `${f.code} ${f.file} ${f.jsonPath}`).toBe(spectralLines.get(`${f.code} ${f.file} ${f.path.join('/')}`));
  });

  it('agrees with the reference checker on generated documents (seeded random JSON and YAML)', async () => {
    const keys = ['properties', 'storage', 'encryption', 'enabled', 'race', 'Skin_Colour', 'retentionDays', 'rawImages', 'region',
      'logging', 'level', 'debug', 'exposeTemplates', 'services', 'url', '$id', '$defs', '1st', 'name', 'items'];
    const scalar = fc.oneof(
      fc.constantFrom('http://a.example', 'https://b.example', 'debug', 'warn', 'DE', 'germany', '', 'race'),
      fc.integer({ min: -5, max: 900 }),
      fc.boolean(),
      fc.constant(null)
    );
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.array(tie('tree'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...keys), tie('tree'), { maxKeys: 5 })
      )
    }));
    const documents = fc.sample(fc.dictionary(fc.constantFrom(...keys), tree, { minKeys: 1, maxKeys: 6 }), { numRuns: 40, seed: 4242 });
    const genDir = join(dir, 'generated');
    mkdirSync(genDir, { recursive: true });
    const files = documents.map((doc, i) => {
      // Every third file is named like a schema, so the file-scoped check applies to it.
      const name = `doc-${i}${i % 3 === 0 ? '-schema' : ''}.${i % 2 === 0 ? 'json' : 'yaml'}`;
      writeFileSync(join(genDir, name), i % 2 === 0 ? JSON.stringify(doc, null, 2) : stringifyYaml(doc));
      return join(genDir, name);
    });
    const { results } = await spectralLint(files, rulesetFile);
    const report = runChecks(
      ruleSet,
      files.map((f) => ({ file: f, relativePath: relative(dir, f), data: f.endsWith('.json') ? JSON.parse(readFileSync(f, 'utf8')) : parseYaml(readFileSync(f, 'utf8')) }))
    );
    const key = (code: string, f: string, path: (string | number)[]) => `${code} ${relative(genDir, f)} ${path.join('/')}`;
    expect(report.findings.length).toBeGreaterThan(20);
    expect(report.findings.map((f) => key(f.code, f.file, f.path)).sort()).toEqual(results.map((r) => key(r.code, r.source, r.path)).sort());
  });

  it("runs the seeded example's file-scoped checks, agreeing with the reference checker", async () => {
    // The example limits its checks to "**/*.schema.json" and "config/*.yaml" (relative to the
    // ruleset): lay the fixtures out that way beside it, plus copies the globs must not match.
    const example = exportRules(exampleStandard());
    const file = join(dir, 'example-ruleset.json');
    writeFileSync(file, JSON.stringify(exportSpectral(example)));
    mkdirSync(join(dir, 'config'), { recursive: true });
    mkdirSync(join(dir, 'other'), { recursive: true });
    const layout: [string, string][] = [
      ['template-schema.violating.json', 'models/templates.schema.json'],
      ['service-config.violating.yaml', 'config/service.yaml'],
      ['service-config.violating.json', 'config/service.json'],
      ['template-schema.violating.json', 'other/templates.json'],
      ['service-config.violating.yaml', 'other/service.yaml']
    ];
    const files = layout.map(([from, to]) => {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      copyFileSync(join(FIXTURES, from), join(dir, to));
      return join(dir, to);
    });
    const { results } = await spectralLint(files, file);
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((r) => r.source.includes('/other/'))).toBe(false);
    const clauseOf = new Map(example.rules.map((r) => [r.id, r.clause]));
    for (const r of results) expect(r.message).toContain(`Clause ${clauseOf.get(r.message.split(', ')[1]!.split(':')[0]!)}`);
    const report = runChecks(
      example,
      files.map((f) => ({ file: f, relativePath: relative(dir, f), data: f.endsWith('.json') ? JSON.parse(readFileSync(f, 'utf8')) : parseYaml(readFileSync(f, 'utf8')) }))
    );
    const key = (code: string, f: string, path: (string | number)[]) => `${code} ${f} ${path.join('/')}`;
    expect(report.findings.map((f) => key(f.code, f.file, f.path)).sort()).toEqual(results.map((r) => key(r.code, r.source, r.path)).sort());
  });

  it('loads a ruleset made from hostile text and reports its messages unbroken', async () => {
    const hostile = exportRules(load('hostile.standard.json'));
    const file = join(dir, 'hostile-ruleset.json');
    writeFileSync(file, JSON.stringify(exportSpectral(hostile)));
    const { exitCode, results } = await spectralLint([join(FIXTURES, 'hostile-schema.json')], file);
    expect(exitCode).toBe(1);
    expect(results.map((r) => r.path.join('.')).sort()).toEqual(['properties.<script>', 'properties.EVIL']);
    const message = hostile.rules.find((r) => r.id === 'H-1')!.checks![0]!.message;
    // The user's braces reach the output as written: nothing in them was evaluated.
    for (const r of results) expect(r.message).toContain(message);
  });
});
