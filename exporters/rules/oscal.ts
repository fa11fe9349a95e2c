// Rule set -> OSCAL catalog (JSON, OSCAL 1.2.1): a group per clause, a control per rule, the
// kind and the obligation as props in our own namespace. Titles and prose are OSCAL markup
// (Markdown), so user text is escaped: a clause that says "<script>" or "**" reads as written.

import type { Standard } from '../../clauses/model';
import { exportRules } from './export';
import { uuidFromName } from './hash';
import type { Rule, RuleSet } from './format';

export const OSCAL_VERSION = '1.2.1';
export const OSCAL_NS = 'https://clausework.dev/ns/oscal';

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
}

export interface OscalPart {
  id: string;
  name: 'statement' | 'guidance';
  prose?: string;
}

export interface OscalControl {
  id: string;
  class: string;
  title: string;
  props: OscalProp[];
  parts: OscalPart[];
}

export interface OscalGroup {
  id: string;
  class: 'clause';
  title: string;
  props: OscalProp[];
  controls: OscalControl[];
}

export interface OscalCatalog {
  catalog: {
    uuid: string;
    metadata: {
      title: string;
      'last-modified': string;
      version: string;
      'oscal-version': string;
      props: OscalProp[];
    };
    groups?: OscalGroup[];
  };
}

export interface ExportOscalOptions {
  /** ISO 8601 date-time for metadata.last-modified; the rule set's generatedAt otherwise. */
  lastModified?: string;
}

/** The catalog of a rule set, or of a draft (its rule set is made first). */
export function exportOscal(source: RuleSet | Standard, options: ExportOscalOptions = {}): OscalCatalog {
  const ruleSet = 'clauses' in source ? exportRules(source) : source;
  const doc = ruleSet.document;
  const lastModified = options.lastModified ?? doc.generatedAt;
  if (!lastModified) {
    throw new Error('An OSCAL catalog needs a last-modified time: pass lastModified or export the rule set with generatedAt.');
  }
  const groups = clauseGroups(ruleSet.rules);
  return {
    catalog: {
      // Per subject, not per revision: the same standard keeps its catalog uuid across versions.
      uuid: uuidFromName(`oscal-catalog:${doc.id}`),
      metadata: {
        title: markupLine([doc.designation, doc.title].filter(Boolean).join(' – ') || doc.id),
        'last-modified': lastModified,
        version: oscalValue(doc.version) ?? doc.status,
        'oscal-version': OSCAL_VERSION,
        props: props([
          ['designation', doc.designation],
          ['status', doc.status],
          ['convention', doc.convention],
          ['source-sha256', doc.sourceSha256]
        ])
      },
      ...(groups.length > 0 ? { groups } : {})
    }
  };
}

function clauseGroups(rules: Rule[]): OscalGroup[] {
  const groups = new Map<string, OscalGroup>();
  const ids = new Set<string>();
  for (const rule of rules) {
    let group = groups.get(rule.clauseId);
    if (!group) {
      group = {
        id: uniqueToken(`clause-${rule.clause || rule.clauseId}`, ids),
        class: 'clause',
        title: markupLine([rule.clause, rule.title].filter(Boolean).join(' ') || rule.clauseId),
        props: props([
          ['clause', rule.clause],
          ['clause-id', rule.clauseId]
        ]),
        controls: []
      };
      groups.set(rule.clauseId, group);
    }
    group.controls.push(control(rule, ids));
  }
  return [...groups.values()];
}

function control(rule: Rule, ids: Set<string>): OscalControl {
  const id = uniqueToken(rule.id, ids);
  const informative = rule.kind === 'informative';
  const prose = rule.text.trim() ? markupMultiline(rule.text) : undefined;
  return {
    id,
    class: rule.scope === 'clause' ? 'policy-clause' : 'requirement',
    title: markupLine(rule.title ? `${rule.id} – ${rule.title}` : rule.id),
    props: [
      // "label" is OSCAL's own prop for the identifier as printed.
      ...(oscalValue(rule.id) ? [{ name: 'label', value: oscalValue(rule.id)! }] : []),
      ...props([
        ['kind', rule.kind],
        ['obligation-level', rule.obligation?.level],
        ['obligation-keyword', rule.obligation?.keyword],
        ['severity', rule.severity],
        ['rule-uuid', rule.uuid],
        ['text-sha256', rule.provenance.textSha256],
        ['automated-checks', rule.checks?.length ? String(rule.checks.length) : undefined]
      ])
    ],
    parts: [
      {
        id: `${id}_${informative ? 'gdn' : 'smt'}`,
        name: informative ? 'guidance' : 'statement',
        ...(prose ? { prose } : {})
      }
    ]
  };
}

function props(entries: [string, string | undefined][]): OscalProp[] {
  const out: OscalProp[] = [];
  for (const [name, raw] of entries) {
    const value = oscalValue(raw);
    if (value) out.push({ name, ns: OSCAL_NS, value });
  }
  return out;
}

/** OSCAL strings may not start or end with white space, nor be empty. */
function oscalValue(raw: string | undefined): string | undefined {
  const value = raw?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
}

const TOKEN_START = /^[\p{L}_]/u;

/** An OSCAL token (letters, digits, ".", "-", "_", starting with a letter or "_"), unique. */
export function uniqueToken(raw: string, taken: Set<string>): string {
  let base = raw.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+(?=.)/, '');
  if (!TOKEN_START.test(base)) base = `r_${base}`;
  let token = base;
  for (let n = 2; taken.has(token); n++) token = `${base}_${n}`;
  taken.add(token);
  return token;
}

// Every ASCII punctuation mark may be backslash-escaped in CommonMark; these are the ones that
// could start markup inline. Line-start markers are handled separately to keep prose readable.
const INLINE_SPECIALS = /[\\`*_{}[\]<>#!|~&]/g;

function markupLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(INLINE_SPECIALS, '\\$&');
}

function markupMultiline(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(INLINE_SPECIALS, '\\$&')
        .replace(/^(\s*)([-+=]|\d+[.)])/, (_m, space: string, marker: string) =>
          `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`
        )
    )
    .join('\n');
}
