// Runs inside the import worker thread: reads each Markdown draft it is sent and posts back the
// result as plain data. One draft at a time; the parent terminates the thread past its deadline.

import { parentPort } from 'node:worker_threads';
import { importMarkdown } from '../../exporters/markdown/import';
import { ImportError } from '../../exporters/markdown/errors';
import type { ImportReply, ImportRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('server/import/worker-entry.ts runs only as a worker thread.');

port.on('message', ({ id, text }: ImportRequest) => {
  port.postMessage(read(id, text));
});

function read(id: number, text: string): ImportReply {
  try {
    const { standard, warnings, proposals } = importMarkdown(text);
    return { id, ok: true, result: { standard, warnings, proposals } };
  } catch (error) {
    if (error instanceof ImportError) return { id, ok: false, kind: 'refused', message: error.message };
    // Hostile input can still exhaust the stack or an array's length somewhere in the parser.
    if (error instanceof RangeError) return { id, ok: false, kind: 'exhausted', message: error.message };
    return { id, ok: false, kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
