// GET /api/standards/:id/export/:format — the current draft as a download, for the editor's
// Export menu and for tools. ?policy=labelled|separate|omit, ?form=recommendation|td and, with
// form=td, the TD header fields td-questions, td-meeting, td-study-group, td-working-party,
// td-source, td-title, td-contact apply to the ITU-T style formats (docx, html); see ../../../../options.ts.

import type { RequestHandler } from './$types';
import { getServices } from '../../../../../../../server/services';
import { ApiError, answer } from '../../../../http';
import { currentStandard } from '../../../../current';
import { EXPORT_FORMATS, fileStem, formatSpec, isExportFormat } from '../../../../formats';
import { exportOptions } from '../../../../options';

export const GET: RequestHandler = ({ params, url }) =>
  answer(async () => {
    const format = params.format;
    if (!isExportFormat(format)) {
      throw new ApiError(400, `Unknown export format "${format}"; accepted: ${EXPORT_FORMATS.join(', ')}.`);
    }
    const options = exportOptions(url.searchParams);
    const std = await currentStandard(params.id);
    const updatedAt = (await getServices().standards.get(params.id))?.updatedAt ?? new Date(0).toISOString();
    const spec = formatSpec(format);
    const body = await spec.render(std, { options, updatedAt });
    const filename = `${fileStem(std)}${spec.suffix}`;
    return new Response(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), {
      headers: {
        'content-type': spec.contentType,
        'content-disposition': `attachment; filename="${filename}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        ...spec.headers
      }
    });
  });
