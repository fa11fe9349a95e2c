// The exported Spectral ruleset in the real Spectral CLI (@stoplight/spectral-cli, a child
// process), on sample JSON and YAML data schemas and configurations: violations are reported
// with the clause number, clean files pass, and our reference checker reaches the same verdicts.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Standard } from '../../clauses/model';
import { exportRules } from '../../exporters/rules/export';
import { exportSpectral } from '../../exporters/rules/spectral';
import type { RuleSet } from '../../exporters/rules/format';
import { runChecks } from '../../exporters/checker/run';

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
      files.map((file) => ({
        file: relative(FIXTURES, file),
        relativePath: relative(dir, file),
        data: file.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')) : parseYaml(readFileSync(file, 'utf8'))
      }))
    );
    const ours = new Set(report.findings.map((f) => `${f.code} ${f.file} ${f.path.join('/')}`));
    expect(ours.size).toBeGreaterThan(10);
    expect([...ours].sort()).toEqual([...spectral].sort());
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
