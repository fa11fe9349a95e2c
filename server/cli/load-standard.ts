// Reading a draft for the CLI: a Standard JSON file (checked against the Standard's JSON
// Schema, so a mistake is reported with its path) or a Markdown draft (through the importer).

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
  const { standardSchemaProblems } = await import('../../clauses/standard-schema');
  const problems = standardSchemaProblems(value);
  if (problems.length > 0) {
    const lines = [...new Set(problems.map((p) => `${p.path || '/'}: ${p.message}`))];
    const more = lines.length > 10 ? `\n  … and ${lines.length - 10} more` : '';
    throw new InputError(`${file} is not a valid Standard:\n  ${lines.slice(0, 10).join('\n  ')}${more}`);
  }
  return value as Standard;
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
