// How clause kinds read in the editor: short badge labels, full names for menus and titles.

import type { Kind } from '../../../clauses/model';

export const KIND_BADGE: Record<Kind, string> = {
  'normative-technical': 'Normative',
  'policy-recommendation': 'Policy',
  informative: 'Informative'
};

export const KIND_NAME: Record<Kind, string> = {
  'normative-technical': 'Normative technical specification',
  'policy-recommendation': 'Policy recommendation',
  informative: 'Informative'
};

/** Alt+Shift+<digit> sets a kind; Alt+Shift+0 returns the clause to its inherited kind. */
export const KIND_SHORTCUT: Record<Kind, string> = {
  'normative-technical': 'Alt-Shift-1',
  'policy-recommendation': 'Alt-Shift-2',
  informative: 'Alt-Shift-3'
};
export const INHERIT_SHORTCUT = 'Alt-Shift-0';

/** The shortcut as a person reads it. */
export function shortcutText(shortcut: string): string {
  return shortcut.replace(/-/g, '+').replace('Mod', /Mac/.test(globalThis.navigator?.platform ?? '') ? '⌘' : 'Ctrl');
}
