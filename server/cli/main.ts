// Entry point of the `clausework` command: run the program, turn failures into exit codes
// (0 fine, 1 the checked thing has errors, 2 bad input or usage) and messages on stderr.

import { CommanderError } from 'commander';
import { InputError } from '../services';
import { buildProgram } from './program';
import { EXIT } from './exit';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has printed its own text: help or version (exit code 0), or a usage mistake
      // (unknown option, missing argument, no command at all).
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof InputError) {
      process.stderr.write(`clausework: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`clausework: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT.crash;
  }
}

process.exitCode = await main(process.argv);
