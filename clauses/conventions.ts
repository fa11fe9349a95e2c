// Switching a draft's convention (ITU-T keywords or RFC 2119/8174) and clause 5 "Conventions".
// The clause text follows the convention only while it is the fixed text of the old convention
// (or empty): once a drafter has written their own, a switch never overwrites it, and only an
// explicit request (forceConventionsText) replaces it. Pure: ProseMirror documents in, planned
// replacements out; the caller decides how to apply them (one editor transaction).

import { Fragment, type Node as PMNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import type { Convention } from './model';
import { ID_PREFIX, newId } from './ids';
import { conventionsParagraphs } from './skeleton';

/** Where the body of the Conventions clause sits: after its title, before its sub-clauses. */
export interface ConventionsBody {
  from: number;
  to: number;
  /** The text of each body block, in order; null for a block that is not a plain paragraph. */
  paragraphs: (string | null)[];
}

/**
 * What the Conventions clause holds relative to a convention: its standard text, nothing, text
 * a drafter wrote, or no Conventions clause at all.
 */
export type ConventionsState = 'standard' | 'empty' | 'edited' | 'missing';

export type ConventionsPlan =
  | { action: 'replace'; from: number; to: number; content: Fragment }
  /** The clause already says what the new convention needs, or there is no clause to change. */
  | { action: 'none'; reason: 'current' | 'missing' }
  /** A drafter's own text: kept; the caller offers an explicit replacement. */
  | { action: 'keep'; reason: 'edited' };

export type IdMaker = (prefix: string) => string;

/** The body of the first top-level clause with role 'conventions', or null. */
export function findConventionsBody(doc: PMNode): ConventionsBody | null {
  let found: ConventionsBody | null = null;
  doc.forEach((clause, offset) => {
    if (found || clause.type.name !== 'clause' || clause.attrs.role !== 'conventions') return;
    // Inside the clause node: its first child is the title.
    let pos = offset + 1;
    let from = -1;
    let to = -1;
    const paragraphs: (string | null)[] = [];
    clause.forEach((child) => {
      const start = pos;
      pos += child.nodeSize;
      if (child.type.name === 'clauseTitle') return;
      if (child.type.name === 'clause') return;
      if (from < 0) from = start;
      to = pos;
      paragraphs.push(isPlainParagraph(child) ? child.textContent : null);
    });
    const afterTitle = offset + 1 + clause.firstChild!.nodeSize;
    found = from < 0 ? { from: afterTitle, to: afterTitle, paragraphs } : { from, to, paragraphs };
  });
  return found;
}

/** A paragraph that states nothing beyond its text: no requirement label, no checks. */
function isPlainParagraph(node: PMNode): boolean {
  return node.type.name === 'paragraph' && !node.attrs.reqLabel && !node.attrs.checks;
}

/** What the Conventions clause of `doc` holds relative to `convention`. */
export function conventionsState(doc: PMNode, convention: Convention): ConventionsState {
  const body = findConventionsBody(doc);
  if (!body) return 'missing';
  return stateOf(body, convention);
}

function stateOf(body: ConventionsBody, convention: Convention): ConventionsState {
  const { paragraphs } = body;
  if (paragraphs.every((p) => p !== null && p.trim() === '')) return 'empty';
  const standard = conventionsParagraphs(convention);
  const same = paragraphs.length === standard.length && paragraphs.every((p, i) => p !== null && p.trim() === standard[i]);
  return same ? 'standard' : 'edited';
}

/**
 * What switching from `from` to `to` does to the Conventions clause: replace a standard or
 * empty text with the new convention's text; keep a drafter's own text.
 */
export function planConventionsSwitch(doc: PMNode, from: Convention, to: Convention, makeId: IdMaker = newId): ConventionsPlan {
  const body = findConventionsBody(doc);
  if (!body) return { action: 'none', reason: 'missing' };
  if (stateOf(body, to) === 'standard') return { action: 'none', reason: 'current' };
  const state = stateOf(body, from);
  if (state === 'edited') return { action: 'keep', reason: 'edited' };
  return replacement(doc, body, to, makeId);
}

/** Replaces whatever the Conventions clause says with the standard text of `convention`. */
export function forceConventionsText(doc: PMNode, convention: Convention, makeId: IdMaker = newId): ConventionsPlan {
  const body = findConventionsBody(doc);
  if (!body) return { action: 'none', reason: 'missing' };
  if (stateOf(body, convention) === 'standard') return { action: 'none', reason: 'current' };
  return replacement(doc, body, convention, makeId);
}

function replacement(doc: PMNode, body: ConventionsBody, convention: Convention, makeId: IdMaker): ConventionsPlan {
  const { schema } = doc.type;
  const content = Fragment.fromArray(
    conventionsParagraphs(convention).map((text) =>
      schema.node('paragraph', { id: makeId(ID_PREFIX.paragraph) }, text ? [schema.text(text)] : [])
    )
  );
  return { action: 'replace', from: body.from, to: body.to, content };
}

/** Adds a plan's replacement to `tr`; true when the document changes. */
export function applyConventionsPlan(tr: Transaction, plan: ConventionsPlan): boolean {
  if (plan.action !== 'replace') return false;
  tr.replaceWith(plan.from, plan.to, plan.content);
  return true;
}
