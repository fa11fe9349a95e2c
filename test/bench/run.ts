// `npm run bench -- <name> [options]`: runs one benchmark script. To add a benchmark, add a line
// to BENCHMARKS pointing at a module that runs when imported (it reads its own options from argv).

const BENCHMARKS: Record<string, string> = {
  collab: './collab.ts',
  clauses: './clauses.ts',
  exporters: './exporters.ts',
  editor: './editor-typing.ts',
  load: './load.ts'
};

const [name, ...rest] = process.argv.slice(2);
const module = name ? BENCHMARKS[name] : undefined;
if (!module) {
  process.stderr.write(
    `Usage: npm run bench -- <name> [options]\nBenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n` +
      (name ? `There is no benchmark called "${name}".\n` : '')
  );
  process.exit(2);
}
// The benchmark sees only its own options, as if it had been run directly.
process.argv = [process.argv[0]!, new URL(module, import.meta.url).pathname, ...rest];
await import(module);
