// PRV001: a requirement that makes a system collect, store or infer sensitive attributes.
// Prohibitions and "not recommended" statements protect people and are left alone; so are
// technical senses of the same words ("race condition", "system health").

import type { Clause } from '../model';
import type { Requirement } from '../requirements';
import { splitSentences } from '../policy/sentences';
import { diagnostic } from './make';
import { RULES } from './rules';
import type { Diagnostic } from './types';

const PROCESSING =
  /\b(?:collect|store|record|retain|keep|capture|log|save|infer|estimate|derive|predict|determine|detect|classify|categori[sz]e|label|extract|recogni[sz]e|register|include|share|transmit|report)(?:s|ed|ing|ion)?\b/i;

const ATTRIBUTES: { label: string; re: RegExp }[] = [
  { label: 'race', re: /\brac(?:e|ial)\b(?!\s+conditions?\b)/i },
  { label: 'ethnicity', re: /\bethnic(?:ity|ities)?\b|\bethnic origin\b/i },
  { label: 'skin colour', re: /\bskin[\s_-]?(?:colou?r|tone)s?\b/i },
  { label: 'religion', re: /\breligio(?:n|us)\b|\bfaith\b|\bphilosophical beliefs?\b/i },
  { label: 'political opinion', re: /\bpolitical (?:opinions?|views?|affiliations?|beliefs?)\b|\bparty membership\b/i },
  { label: 'trade union membership', re: /\btrade[- ]union\b/i },
  {
    label: 'health',
    re: /\b(?:health|medical conditions?|disabilit(?:y|ies)|pregnan(?:t|cy))\b(?!\s+(?:checks?|status of the|endpoints?|monitor(?:ing)?|probes?|indicators?))(?<!\b(?:system|device|link|node|network|battery|component|service|server|camera|sensor)\s+health)/i
  },
  { label: 'sexual orientation', re: /\bsexual (?:orientation|life|preferences?)\b|\bsex life\b/i },
  { label: 'gender identity', re: /\bgender identity\b|\btransgender\b/i },
  { label: 'genetic data', re: /\bgenetic\b|\bDNA\b/ }
];

// A requirement to delete, exclude or not keep such data protects people.
const PROTECTIVE = /\b(?:not|never|without|delete|erase|discard|remove|exclude|prevent|avoid|minimi[sz]e|anonymi[sz]e)\w*\b/i;

function sensitiveIn(sentence: string): string[] {
  if (!PROCESSING.test(sentence) || PROTECTIVE.test(sentence)) return [];
  return ATTRIBUTES.filter((a) => a.re.test(sentence)).map((a) => a.label);
}

export function sensitiveAttributes(clause: Clause, ctx: { number: string }, requirements: Requirement[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const req of requirements) {
    if (req.level === 'prohibited' || req.level === 'not-recommended') continue;
    // Most requirements mention neither processing nor any attribute: skip the sentence split.
    if (!PROCESSING.test(req.text) || !ATTRIBUTES.some((a) => a.re.test(req.text))) continue;
    for (const s of splitSentences(req.text)) {
      const found = sensitiveIn(s.text);
      if (!found.length) continue;
      out.push(
        diagnostic(
          RULES.sensitiveAttributes,
          { clauseId: clause.id, ctx, blockId: req.paragraphId, start: s.start, end: s.start + s.text.length },
          `requirement ${req.id} would have a system collect, store or infer ${found.join(', ')}: a privacy and human-rights risk; ` +
            'state a prohibition instead, or justify it in a policy recommendation with safeguards'
        )
      );
      break;
    }
  }
  return out;
}
