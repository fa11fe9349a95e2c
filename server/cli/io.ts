// File input and output for the CLI, with errors that name the file and what was wrong with it.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../services';

/** Drafts and data files larger than this are refused rather than read into memory. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export function readInput(file: string): Buffer {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError(`${file} is a directory, not a file`);
    size = stat.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${file}: ${describeFsError(e)}`);
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(`${file} is too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${describeFsError(e)}`);
  }
}

export function readText(file: string): string {
  const bytes = readInput(file);
  if (bytes.includes(0)) throw new InputError(`${file} is a binary file, not text`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

export function parseYamlFile(file: string, text: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    throw new InputError(`${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** A data file by its extension: .json as JSON, anything else as YAML (a superset of JSON). */
export function readDataFile(file: string): { text: string; data: unknown } {
  const text = readText(file);
  return { text, data: /\.json$/i.test(file) ? parseJsonFile(file, text) : parseYamlFile(file, text) };
}

/** Write to a file, or to standard output when no file is given. */
export function writeOutput(output: string | undefined, data: string | Uint8Array): void {
  if (!output) {
    process.stdout.write(data);
    return;
  }
  try {
    writeFileSync(output, data);
  } catch (e) {
    throw new InputError(`cannot write ${output}: ${describeFsError(e)}`);
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (e as Error).message;
}

/** Progress for long runs, on stderr and only for a person watching a terminal. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${message}`);
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
}
