// The document service (server/services.ts contract): a standard's content as the `Standard`
// model, for the HTTP export endpoints and for imports that arrive as a whole `Standard`.

import * as Y from 'yjs';
import type { Hocuspocus } from '@hocuspocus/server';
import { completeMeta } from '../clauses/skeleton';
import { ydocToStandard } from '../clauses/convert';
import type { Standard, StandardMeta } from '../clauses/model';
import type { DocumentService, StandardInput, StandardSummary, StandardsService } from './services';
import type { DocumentStore } from './storage/types';
import type { Logger } from './log';
import type { MarkdownImporter } from './import/worker';

export interface DocumentsDeps {
  store: DocumentStore;
  standards: StandardsService & {
    importFrom(std: Standard, input: StandardInput): Promise<StandardSummary>;
  };
  hocuspocus: Hocuspocus;
  log: Logger;
  /** Reads Markdown drafts in worker threads. */
  importer: MarkdownImporter;
}

export function documentService({ store, standards, hocuspocus, log, importer }: DocumentsDeps): DocumentService {
  const metaOf = (row: StandardSummary): StandardMeta =>
    completeMeta({
      id: row.id,
      title: row.title,
      designation: row.designation,
      series: row.series,
      studyGroup: row.studyGroup
    });

  return {
    async read(id) {
      const row = await standards.get(id);
      if (!row) return undefined;
      // The live document is exactly what the drafters see, including edits not compacted yet.
      const live = hocuspocus.documents.get(id);
      if (live) return ydocToStandard(live, metaOf(row));
      const stored = await store.load(id);
      // Reading may set corrupt log entries aside, as opening it in the editor would: say so.
      for (const entry of stored?.quarantined ?? []) {
        log.error('document.quarantined', { document: id, seq: entry.seq, reason: entry.reason });
      }
      const ydoc = new Y.Doc();
      try {
        if (stored) Y.applyUpdate(ydoc, stored.state);
        return ydocToStandard(ydoc, metaOf(row));
      } finally {
        ydoc.destroy();
      }
    },
    async importStandard(std, input) {
      return standards.importFrom(std, input);
    },
    parseMarkdown(text) {
      return importer.read(text);
    }
  };
}
