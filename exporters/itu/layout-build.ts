// Standard + options → layout: the ITU order (cover or TD header, front matter, clauses 1 to n,
// the policy part when asked for, annexes, appendices, bibliography), the fixed wording where the
// draft lacks it, and "None." for empty clauses.

import type { Clause, ClauseRole, Inline, Standard } from '../../clauses/model';
import type { HeadingItem, Layout, LayoutItem, Run, TocItem } from './layout';
import { anchorOf, hasText, inlineRuns, layoutContext, type LayoutContext } from './layout-context';
import { blockItems, hasContent } from './layout-blocks';
import { frontItems, footerText } from './layout-front';
import { resolveItuOptions, type ItuOptions } from './options';
import { oneLine, xmlSafe } from './text-safety';
import {
  ABBREVIATIONS_LEAD_IN,
  ANNEX_OBLIGATION,
  APPENDIX_OBLIGATION,
  EN_DASH,
  NONE,
  POLICY_LABEL,
  POLICY_PART_INTRO,
  POLICY_PART_LABEL,
  POLICY_PART_TITLE,
  REFERENCES_LEAD_IN,
  TERMS_ELSEWHERE_LEAD_IN,
  TERMS_ELSEWHERE_TITLE,
  TERMS_HERE_LEAD_IN,
  TERMS_HERE_TITLE,
  conventionsParagraphs
} from './wording';
import { FIXED_TITLES } from '../../clauses/skeleton';
import { NUMBERED_ROLES } from '../../clauses/numbering';

export function buildLayout(std: Standard, input: Partial<ItuOptions> = {}): Layout {
  const options = resolveItuOptions(input);
  const ctx = layoutContext(std, options);
  const byRole = (...roles: ClauseRole[]) => std.clauses.filter((c) => roles.includes(c.role));

  const moved: Clause[] = [];
  const core = byRole(...NUMBERED_ROLES).flatMap((c) => clauseItems(c, 1, ctx, false, moved));
  const back = [
    ...byRole('annex').flatMap((c) => backItems(c, ctx, ANNEX_OBLIGATION, moved)),
    ...byRole('appendix').flatMap((c) => backItems(c, ctx, APPENDIX_OBLIGATION, moved)),
    ...byRole('bibliography').flatMap((c) => backItems(c, ctx, undefined, moved))
  ];
  // The part sits after the normative body and before the annexes (itu-format.md has no rule
  // for it; this keeps the body free of policy text and the annex order intact).
  const part = moved.length ? policyPartItems(moved, ctx) : [];
  const body = [...core, ...part, ...back];

  const front = frontItems(std, ctx, {
    summary: byRole('summary').flatMap((c) => frontClause(c, ctx)),
    keywords: byRole('keywords').flatMap((c) => frontClause(c, ctx)),
    introduction: byRole('introduction').flatMap((c) => frontClause(c, ctx)),
    toc: tableOfContents(body)
  });
  return {
    title: oneLine(std.meta.title),
    footer: footerText(std),
    language: 'en',
    items: [...front, { type: 'coreStart' }, ...body]
  };
}

function titleOf(clause: Clause, ctx: LayoutContext): Run[] {
  if (hasText(clause.title)) return inlineRuns(clause.title, ctx);
  const fixed = FIXED_TITLES[clause.role];
  return fixed ? [{ type: 'text', text: fixed }] : [];
}

/** A front matter clause (Summary, Keywords, Introduction): unnumbered heading, no numbers. */
function frontClause(clause: Clause, ctx: LayoutContext): LayoutItem[] {
  const heading: LayoutItem = {
    type: 'frontHeading',
    text: plain(titleOf(clause, ctx)),
    anchor: anchorOf(clause.id)
  };
  if (clause.role === 'keywords') return [heading, ...keywordItems(clause, ctx)];
  const items = [
    ...blockItems(clause.blocks, ctx, false),
    ...clause.children.flatMap((child) => clauseItems(child, 1, ctx, false, []))
  ];
  return [heading, ...(items.length ? items : [none()])];
}

/**
 * Keywords printed alphabetically, comma separated (checklist item 4). Only a keywords clause of
 * plain paragraphs is re-sorted; anything richer is printed as written.
 */
function keywordItems(clause: Clause, ctx: LayoutContext): LayoutItem[] {
  const plainOnly = clause.blocks.every(
    (b) => b.type === 'paragraph' && b.content.every((i) => i.type === 'text' && !i.marks?.length)
  );
  if (!plainOnly) {
    const items = blockItems(clause.blocks, ctx, false);
    return items.length ? items : [none()];
  }
  const words = clause.blocks
    .flatMap((b) => (b.type === 'paragraph' ? [inlineText(b.content)] : []))
    .join(',')
    .split(/[,;\n]/)
    .map((w) => w.trim().replace(/\.$/, '').trim())
    .filter((w) => w !== '');
  if (!words.length) return [none()];
  words.sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  return [{ type: 'paragraph', style: 'keywords', runs: [{ type: 'text', text: xmlSafe(words.join(', ')) }] }];
}

function inlineText(inlines: Inline[]): string {
  return inlines.map((i) => (i.type === 'text' ? i.text : '')).join('');
}

function plain(runs: Run[]): string {
  return runs.map((r) => (r.type === 'text' ? r.text : ' ')).join('');
}

function none(policy = false): LayoutItem {
  return { type: 'paragraph', style: 'normal', runs: [{ type: 'text', text: NONE }], ...(policy ? { policy } : {}) };
}

/**
 * One clause and its sub-clauses. In 'separate' mode the topmost clause of a policy subtree is
 * collected into `moved` and replaced by a notice; in 'omit' mode it is replaced by a notice.
 */
function clauseItems(
  clause: Clause,
  level: number,
  ctx: LayoutContext,
  inPart: boolean,
  moved: Clause[]
): LayoutItem[] {
  const isPolicy = ctx.kinds.get(clause.id) === 'policy-recommendation';
  const mode = ctx.options.policy;
  if (isPolicy && !inPart && mode !== 'labelled') {
    if (mode === 'separate') moved.push(clause);
    return [policyNotice(clause, ctx)];
  }
  const labelled = isPolicy && mode === 'labelled';
  const flag = labelled ? { policy: true } : {};
  const heading: HeadingItem = {
    type: 'heading',
    level,
    number: ctx.numbering.heading.get(clause.id) ?? '',
    title: titleOf(clause, ctx),
    anchor: anchorOf(clause.id),
    ...flag
  };
  const label: LayoutItem[] = labelled
    ? [{ type: 'paragraph', style: 'policyLabel', runs: [{ type: 'text', text: POLICY_LABEL }], policy: true }]
    : [];
  const body = [...leadIns(clause, ctx, labelled), ...blockItems(clause.blocks, ctx, labelled)];
  const conventions =
    clause.role === 'conventions' && !hasContent(clause.blocks)
      ? conventionsParagraphs(ctx.std.meta.convention).map(
          (p): LayoutItem => ({ type: 'paragraph', style: 'normal', runs: [{ type: 'text', text: p }], ...flag })
        )
      : [];
  const children = clause.children.flatMap((c) => clauseItems(c, level + 1, ctx, inPart, moved));
  // A list clause (2, 3.1, 3.2, 4) holding nothing but its lead-in lists nothing: say so.
  const listsNothing = onlyLeadIn(clause, ctx);
  const empty = (!body.length && !conventions.length && !clause.children.length) || listsNothing;
  return [heading, ...label, ...body, ...conventions, ...(empty ? [none(labelled)] : []), ...children];
}

/**
 * The fixed lead-in of clause 2, 3.1, 3.2 and 4, when the clause lists entries and does not
 * already open with it (the skeleton puts it there; never print it twice).
 */
function leadIns(clause: Clause, ctx: LayoutContext, policy: boolean): LayoutItem[] {
  const wording = leadInFor(clause, ctx);
  if (!wording) return [];
  const first = clause.blocks.find((b) => b.type !== 'paragraph' || hasText(b.content));
  const opensWithIt =
    first?.type === 'paragraph' && normalise(inlineText(first.content)) === normalise(wording);
  if (opensWithIt || !hasEntries(clause)) return [];
  return [{ type: 'paragraph', style: 'leadIn', runs: [{ type: 'text', text: wording }], ...(policy ? { policy } : {}) }];
}

function onlyLeadIn(clause: Clause, ctx: LayoutContext): boolean {
  const wording = leadInFor(clause, ctx);
  if (wording === undefined || clause.children.length) return false;
  return clause.blocks.every(
    (b) =>
      !hasContent([b]) ||
      (b.type === 'paragraph' && normalise(inlineText(b.content)) === normalise(wording))
  );
}

function hasEntries(clause: Clause): boolean {
  return clause.blocks.some((b) => ['reference', 'term', 'abbreviation'].includes(b.type));
}

function leadInFor(clause: Clause, ctx: LayoutContext): string | undefined {
  if (clause.role === 'references') return REFERENCES_LEAD_IN;
  if (clause.role === 'abbreviations') return ABBREVIATIONS_LEAD_IN;
  const parent = ctx.std.clauses.find((c) => c.role === 'definitions' && c.children.includes(clause));
  if (!parent) return undefined;
  const title = normalise(inlineText(clause.title));
  if (title === normalise(TERMS_ELSEWHERE_TITLE)) return TERMS_ELSEWHERE_LEAD_IN;
  if (title === normalise(TERMS_HERE_TITLE)) return TERMS_HERE_LEAD_IN;
  const index = parent.children.indexOf(clause);
  return index === 0 ? TERMS_ELSEWHERE_LEAD_IN : index === 1 ? TERMS_HERE_LEAD_IN : undefined;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function policyNotice(clause: Clause, ctx: LayoutContext): LayoutItem {
  const number = ctx.numbering.heading.get(clause.id) ?? '';
  const name = `${/^(Annex|Appendix) /.test(number) ? number : `Clause ${number}`.trim()} "${plain(titleOf(clause, ctx))}"`;
  const where =
    ctx.options.policy === 'separate'
      ? `is given in ${POLICY_PART_LABEL} ${EN_DASH} ${POLICY_PART_TITLE}.`
      : 'is omitted from this edition.';
  return {
    type: 'paragraph',
    style: 'notice',
    anchor: anchorOf(clause.id),
    runs: [{ type: 'text', text: `[${name}, a policy recommendation, ${where}]` }]
  };
}

function policyPartItems(moved: Clause[], ctx: LayoutContext): LayoutItem[] {
  return [
    {
      type: 'annexTitle',
      label: `${POLICY_PART_LABEL} ${EN_DASH} ${POLICY_PART_TITLE}`,
      title: [],
      anchor: 'x-policy-part'
    },
    { type: 'paragraph', style: 'obligation', runs: [{ type: 'text', text: `(${POLICY_PART_INTRO})` }] },
    ...moved.flatMap((clause) => clauseItems(clause, 1, ctx, true, []))
  ];
}

/** Annex, appendix or bibliography: a new page, centred title, obligation sentence. */
function backItems(
  clause: Clause,
  ctx: LayoutContext,
  obligation: string | undefined,
  moved: Clause[]
): LayoutItem[] {
  const isPolicy = ctx.kinds.get(clause.id) === 'policy-recommendation';
  const labelled = isPolicy && ctx.options.policy === 'labelled';
  if (isPolicy && ctx.options.policy !== 'labelled') {
    if (ctx.options.policy === 'separate') moved.push(clause);
    return [policyNotice(clause, ctx)];
  }
  const flag = labelled ? { policy: true } : {};
  const heading = ctx.numbering.heading.get(clause.id) ?? '';
  const title = titleOf(clause, ctx);
  const isBibliography = clause.role === 'bibliography';
  const first = clause.blocks.find((b) => b.type !== 'paragraph' || hasText(b.content));
  const hasObligation =
    obligation !== undefined &&
    first?.type === 'paragraph' &&
    normalise(inlineText(first.content)) === normalise(obligation);
  const body = blockItems(clause.blocks, ctx, labelled);
  const children = clause.children.flatMap((c) => clauseItems(c, 1, ctx, false, moved));
  return [
    {
      type: 'annexTitle',
      label: isBibliography ? plain(title) || 'Bibliography' : heading,
      title: isBibliography ? [] : title,
      anchor: anchorOf(clause.id),
      ...flag
    },
    ...(obligation && !hasObligation
      ? [{ type: 'paragraph', style: 'obligation', runs: [{ type: 'text', text: obligation }], ...flag } as LayoutItem]
      : []),
    ...(labelled
      ? [{ type: 'paragraph', style: 'policyLabel', runs: [{ type: 'text', text: POLICY_LABEL }], policy: true } as LayoutItem]
      : []),
    ...body,
    ...(!body.length && !children.length ? [none(labelled)] : []),
    ...children
  ];
}

function tableOfContents(body: LayoutItem[]): TocItem {
  const entries: TocItem['entries'] = [];
  for (const item of body) {
    if (item.type === 'heading' && item.level <= 2) {
      entries.push({ number: item.number, title: plain(item.title), level: item.level, anchor: item.anchor });
    } else if (item.type === 'annexTitle') {
      const title = plain(item.title);
      entries.push({
        number: '',
        title: title ? `${item.label} ${EN_DASH} ${title}` : item.label,
        level: 1,
        anchor: item.anchor
      });
    }
  }
  return { type: 'toc', title: 'Table of Contents', entries };
}

