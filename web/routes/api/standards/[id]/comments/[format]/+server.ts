// GET /api/standards/:id/comments/:format — the review comments as a comment-resolution table
// (csv or docx), for the editor's Export menu and for tools. ?status=all|open|resolved and
// ?type=ge|te|ed (or general|technical|editorial) filter the threads; see ../comment-query.ts.
// Who may read is decided centrally (web/hooks.server.ts), as for every read of a standard.
//
// Anchor states come from the stored draft (exporters/comments/anchor-state.ts): the live Y.Doc,
// which would say exactly whether a commented range was deleted, is not reachable from here.

import type { RequestHandler } from './$types';
import { getServices } from '../../../../../../../server/services';
import type { Standard } from '../../../../../../../clauses/model';
import {
  commentRows,
  commentsCsv,
  commentsDocx,
  describeFilter,
  filterThreads,
  type CommentFilter,
  type CommentRow
} from '../../../../../../../exporters/comments';
import { ApiError, answer } from '../../../../http';
import { currentStandard } from '../../../../current';
import { fileStem } from '../../../../formats';
import { commentFilter } from '../comment-query';

interface CommentFormat {
  contentType: string;
  suffix: string;
  render(std: Standard, rows: CommentRow[], filter: CommentFilter): string | Promise<Uint8Array>;
}

const FORMATS: Record<string, CommentFormat> = {
  csv: {
    contentType: 'text/csv; charset=utf-8; header=present',
    suffix: '.comments.csv',
    render: (_std, rows) => commentsCsv(rows)
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    suffix: '.comments.docx',
    render: (std, rows, filter) => commentsDocx(std, rows, { scope: describeFilter(filter) })
  }
};

export const GET: RequestHandler = ({ params, url }) =>
  answer(async () => {
    const format = Object.hasOwn(FORMATS, params.format) ? FORMATS[params.format] : undefined;
    if (!format) {
      throw new ApiError(400, `Unknown comment export format "${params.format}"; accepted: ${Object.keys(FORMATS).join(', ')}.`);
    }
    const filter = commentFilter(url.searchParams);
    const std = await currentStandard(params.id);
    const threads = filterThreads(await getServices().threads.list(params.id), filter);
    const body = await format.render(std, commentRows(std, threads), filter);
    return new Response(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), {
      headers: {
        'content-type': format.contentType,
        'content-disposition': `attachment; filename="${fileStem(std)}${format.suffix}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store'
      }
    });
  });
