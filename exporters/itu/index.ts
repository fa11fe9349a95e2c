// ITU-T style exports of a `Standard`: one layout, two writers (HTML and Word).

import type { Standard } from '../../clauses/model';
import { buildLayout } from './layout-build';
import { layoutToHtml } from './html';
import { layoutToDocx } from './docx';
import type { ItuOptions } from './options';

export type { ItuOptions, ItuForm, PolicyMode, TdHeader } from './options';
export { ITU_FORMS, POLICY_MODES, resolveItuOptions } from './options';
export { buildLayout } from './layout-build';

/** One self-contained HTML file (no script, no external resource) with print CSS. */
export function exportItuHtml(std: Standard, options: Partial<ItuOptions> = {}): string {
  return layoutToHtml(buildLayout(std, options));
}

/** A .docx following the ITU-T template's styles, page layout and footers. */
export function exportItuDocx(std: Standard, options: Partial<ItuOptions> = {}): Promise<Uint8Array> {
  return layoutToDocx(buildLayout(std, options));
}
