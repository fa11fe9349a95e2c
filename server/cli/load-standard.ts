// Reading a draft for the CLI: a Standard JSON file (checked against the Standard's JSON
// Schema, so a mistake is reported with its path) or a Markdown draft (through the importer).

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorObject } from 'ajv';
import type { Standard } from '../../clauses/model';
import type { ImportResult } from '../../exporters/markdown';
import { InputError } from '../services';
import { parseJsonFile, readInput, readText } from './io';

export async function loadStandard(file: string): Promise<Standard> {
  if (/\.(md|markdown)$/i.test(file)) {
    const { standard, warnings } = await importMarkdownFile(file);
    if (warnings.length > 0) {
      process.stderr.write(`clausework: ${file}: ${warnings.length} import warning${warnings.length === 1 ? '' : 's'} (see \`clausework import ${file}\`)\n`);
    }
    return standard;
  }
  if (/\.json$/i.test(file)) return loadStandardJson(file);
  throw new InputError(`${file}: expected a Markdown draft (.md) or a Standard JSON file (.json)`);
}

export async function loadStandardJson(file: string): Promise<Standard> {
  const value = parseJsonFile(file, readText(file));
  const { default: schema } = await import('../../clauses/standard.schema.json', { with: { type: 'json' } });
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if').slice(0, 10).map(describe);
    throw new InputError(`${file} is not a valid Standard:\n  ${[...new Set(errors)].join('\n  ')}`);
  }
  return value as Standard;
}

function describe(e: ErrorObject): string {
  const extra =
    e.keyword === 'additionalProperties' ? ` ("${String(e.params.additionalProperty)}")`
    : e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
    : '';
  return `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra}`;
}

export async function importMarkdownFile(file: string): Promise<ImportResult> {
  const bytes = readInput(file);
  const { importMarkdown } = await import('../../exporters/markdown');
  try {
    return importMarkdown(bytes);
  } catch (e) {
    // The importer's own errors say what is wrong with the input (not Markdown, too large, …).
    if (e instanceof Error && e.name === 'ImportError') {
      throw new InputError(`${file}: ${e.message}`);
    }
    throw e;
  }
}
