// The messages between the server and its Markdown import worker: plain data only.

import type { ImportResult } from '../../exporters/markdown/import';

export interface ImportRequest {
  id: number;
  text: string;
}

export type ImportReply =
  | { id: number; ok: true; result: ImportResult }
  /** refused: an ImportError (the draft's fault); exhausted: a RangeError; failed: a bug. */
  | { id: number; ok: false; kind: 'refused' | 'exhausted' | 'failed'; message: string };
