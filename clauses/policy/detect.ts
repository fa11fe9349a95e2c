// Policy-language detection: does a sentence prescribe who may deploy a system, for what, or
// under which authority (policy), rather than how the system behaves (technical) or what is the
// case (informative)? Explainable by construction: a sentence is policy when it is prescriptive
// and the weighted evidence from the lexicons reaches a threshold; the evidence is returned so
// a diagnostic can quote it. No model, no data at run time.

import { detectObligations } from '../obligations';
import {
  ACTORS,
  GOVERNANCE,
  PEOPLE_SUBJECT,
  PURPOSES,
  SYSTEM_SUBJECT,
  TECHNICAL,
  TRIGGER_WORDS,
  type Cue,
  type CueCategory
} from './lexicon';
import { splitSentences } from './sentences';

export interface Evidence {
  category: CueCategory;
  label: string;
  weight: number;
  /** The words of the sentence that matched. */
  text: string;
}

export interface PolicyVerdict {
  policy: boolean;
  score: number;
  /** The words that make the sentence prescriptive ("is recommended", "should"…), if any. */
  prescriptive?: string;
  evidence: Evidence[];
}

/** Score at or above which a prescriptive sentence reads as policy. */
export const POLICY_THRESHOLD = 2;

const POLICY_CUES = [...ACTORS, ...PURPOSES, ...GOVERNANCE];
const LOWER_PRESCRIPTIVE =
  /\b(?:should|must|ought to|(?:is|are) (?:encouraged|invited|urged|expected) to|never|only (?:where|when|if|for|to|in))\b/i;

function prescriptive(sentence: string): { words: string; at: number } | undefined {
  const obligation = detectObligations(sentence, 'itu-t')[0];
  if (obligation) return { words: obligation.matched, at: obligation.start };
  const m = LOWER_PRESCRIPTIVE.exec(sentence);
  return m ? { words: m[0], at: m.index } : undefined;
}

function collect(sentence: string, cues: Cue[], out: Evidence[]): void {
  for (const c of cues) {
    const m = c.re.exec(sentence);
    if (m) out.push({ category: c.category, label: c.label, weight: c.weight, text: m[0] });
  }
}

/** Classifies one sentence. */
export function classifySentence(sentence: string): PolicyVerdict {
  const evidence: Evidence[] = [];
  collect(sentence, POLICY_CUES, evidence);
  collect(sentence, TECHNICAL, evidence);
  const found = prescriptive(sentence);
  if (found) collect(sentence.slice(0, found.at).trim(), [PEOPLE_SUBJECT], evidence);
  // A system as subject speaks for engineering, unless the sentence restricts it to or from a
  // purpose, which is exactly how policy about a system reads.
  const purpose = evidence.some((e) => e.category === 'purpose');
  if (found && !purpose) collect(sentence.slice(0, found.at), [SYSTEM_SUBJECT], evidence);
  const score = evidence.reduce((sum, e) => sum + e.weight, 0);
  const strong = evidence.some((e) => e.weight >= 2);
  return {
    policy: !!found && strong && score >= POLICY_THRESHOLD,
    score,
    prescriptive: found?.words,
    evidence
  };
}

export interface PolicySentence extends PolicyVerdict {
  sentence: string;
  start: number;
}

// Words are compared on their first six letters, which tells "protest" from "protocol" and
// "retailer" from "retry"; shorter trigger words come with their usual endings ("pupils").
const KEY_LENGTH = 6;
const TRIGGER_KEYS = [
  ...new Set(TRIGGER_WORDS.flatMap((w) => [w, `${w}s`, `${w}es`, `${w}ed`, `${w}d`].map((form) => form.slice(0, KEY_LENGTH))))
].sort((a, b) => b.length - a.length);
// Six-letter keys are prefixes ("protes" finds "protesters"); shorter ones are whole words, so
// "opt" does not fire on "optionally".
const TRIGGER = new RegExp(
  `\\b(?:${TRIGGER_KEYS.filter((k) => k.length === KEY_LENGTH).join('|')})|\\b(?:${TRIGGER_KEYS.filter((k) => k.length < KEY_LENGTH).join('|')})\\b`,
  'i'
);
const PEOPLE_PRESCRIBED =
  /(?:ers|ors|ists|ants|ents|ians|ees|ies|firms|forces|councils|districts|people|public|users|parents)\s+(?:are|is)\b/i;

/**
 * Whether a text may hold a policy sentence at all: a word starts like a trigger word, or a
 * plural of people stands directly before "is"/"are". One literal alternation costs far less
 * than the cue expressions, and most engineering paragraphs stop here.
 */
export function mayHoldPolicy(text: string): boolean {
  return TRIGGER.test(text) || PEOPLE_PRESCRIBED.test(text);
}

/** The policy sentences of a paragraph, with their offsets in it. */
export function findPolicySentences(text: string): PolicySentence[] {
  if (!mayHoldPolicy(text)) return [];
  const out: PolicySentence[] = [];
  for (const s of splitSentences(text)) {
    const verdict = classifySentence(s.text);
    if (verdict.policy) out.push({ ...verdict, sentence: s.text, start: s.start });
  }
  return out;
}

/** A short human explanation of a verdict, for a diagnostic message. */
export function explainEvidence(verdict: PolicyVerdict): string {
  const words = verdict.evidence.filter((e) => e.weight > 0).map((e) => `${e.category} "${e.text}"`);
  return words.join(', ');
}
