// State shared by the reader's steps: the warnings collected and fresh ids.

import type { Node } from 'unist';
import { newId } from '../../clauses/ids';
import type { ImportWarning } from './errors';

export class ReadContext {
  readonly warnings: ImportWarning[] = [];
  private droppedLinks = 0;
  private droppedHtml = 0;

  warn(code: ImportWarning['code'], message: string, node?: Node): void {
    const line = node?.position?.start.line;
    this.warnings.push(line === undefined ? { code, message } : { code, message, line });
  }

  /** Counted rather than reported one by one: a bibliography may hold dozens. */
  dropLink(): void {
    this.droppedLinks++;
  }

  dropHtml(): void {
    this.droppedHtml++;
  }

  id(prefix: string): string {
    return newId(prefix);
  }

  /** The counted warnings, once reading is done. */
  finish(): ImportWarning[] {
    if (this.droppedLinks)
      this.warnings.push({
        code: 'dropped-link',
        message: `${this.droppedLinks} hyperlink target(s) were dropped: the link text was kept, the URL was not (the model holds no hyperlinks)`
      });
    if (this.droppedHtml)
      this.warnings.push({
        code: 'dropped-html',
        message: `${this.droppedHtml} inline HTML tag(s) were dropped; the text around them was kept`
      });
    return this.warnings;
  }
}
