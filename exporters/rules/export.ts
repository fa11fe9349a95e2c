// Standard -> rule set. One rule per requirement statement, one clause-level entry per
// policy-recommendation clause, in document order, with ids and uuids that do not move between
// exports of the same draft, so that two exports diff cleanly and a consumer can pin a rule.

import type { Check, Clause, Kind, Standard } from '../../clauses/model';
import { findRequirements, type Requirement } from '../../clauses/requirements';
import { numberStandard, type Numbering } from '../../clauses/numbering';
import { effectiveKinds } from '../../clauses/kinds';
import { blocksText, inlineText } from '../../clauses/text';
import {
  FORMAT_VERSION,
  GENERATOR,
  LEVEL_SEVERITY,
  RULES_SCHEMA_ID,
  type Rule,
  type RuleCheck,
  type RuleSet
} from './format';
import { canonicalJson, sha256Hex, textSha256, uuidFromName } from './hash';

export interface ExportRulesOptions {
  /**
   * ISO 8601 time to record as `document.generatedAt`. Left out by default: the export is then
   * a pure function of the draft, byte-identical across runs, which diffing and the HTTP ETag
   * rely on. Pass it when a consumer wants to know when the file was made.
   */
  generatedAt?: string;
  /**
   * Numbering, kinds and requirements already computed for this very draft (the server's live
   * analysis holds them): saves recomputing them. Left out, they are computed here.
   */
  analysis?: { numbering: Numbering; kinds: Map<string, Kind>; requirements: Requirement[] };
}

export function exportRules(std: Standard, options: ExportRulesOptions = {}): RuleSet {
  return {
    $schema: RULES_SCHEMA_ID,
    formatVersion: FORMAT_VERSION,
    document: {
      id: std.meta.id,
      designation: std.meta.designation,
      title: std.meta.title,
      version: std.meta.version,
      // A Recommendation gets its date on approval; until then it is a draft.
      status: std.meta.date ? 'approved' : 'draft',
      convention: std.meta.convention,
      sourceSha256: sha256Hex(canonicalJson(std)),
      ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
      generator: GENERATOR
    },
    rules: collectRules(std, options.analysis ?? analyse(std))
  };
}

function analyse(std: Standard): NonNullable<ExportRulesOptions['analysis']> {
  return { numbering: numberStandard(std), kinds: effectiveKinds(std), requirements: findRequirements(std) };
}

function collectRules(std: Standard, { numbering, kinds, requirements }: NonNullable<ExportRulesOptions['analysis']>): Rule[] {
  const byClause = groupByClause(requirements);
  const rules: Rule[] = [];
  const visit = (clause: Clause): void => {
    const number = numbering.clause.get(clause.id) ?? '';
    const title = inlineText(clause.title);
    if (kinds.get(clause.id) === 'policy-recommendation') {
      rules.push(policyClauseRule(std, clause, number, title));
    }
    for (const req of byClause.get(clause.id) ?? []) {
      rules.push(requirementRule(std, req, title));
    }
    clause.children.forEach(visit);
  };
  std.clauses.forEach(visit);
  return rules;
}

function groupByClause(requirements: Requirement[]): Map<string, Requirement[]> {
  const map = new Map<string, Requirement[]>();
  for (const req of requirements) {
    const list = map.get(req.clauseId);
    if (list) list.push(req);
    else map.set(req.clauseId, [req]);
  }
  return map;
}

function policyClauseRule(std: Standard, clause: Clause, number: string, title: string): Rule {
  const text = blocksText(clause.blocks);
  return {
    id: `P-${number || clause.id}`,
    uuid: uuidFromName(`clause:${std.meta.id}/${clause.id}`),
    scope: 'clause',
    clause: number,
    clauseId: clause.id,
    title,
    text,
    kind: 'policy-recommendation',
    severity: 'info',
    provenance: { sourceVersion: std.meta.version, textSha256: textSha256(text), anchor: clause.id }
  };
}

function requirementRule(std: Standard, req: Requirement, title: string): Rule {
  const provenance = {
    sourceVersion: std.meta.version,
    textSha256: textSha256(req.text),
    anchor: req.paragraphId
  };
  const { id, uuid, clauseNumber: clause, clauseId, text, kind } = req;
  // Informative text imposes nothing: no obligation, and nothing for a tool to enforce (the
  // draft diagnostics flag requirement wording or checks placed there).
  if (kind === 'informative') {
    return { id, uuid, scope: 'requirement', clause, clauseId, title, text, kind, severity: 'hint', provenance };
  }
  return {
    id,
    uuid,
    scope: 'requirement',
    clause,
    clauseId,
    title,
    text,
    kind,
    obligation: { level: req.level, keyword: req.keyword },
    severity: LEVEL_SEVERITY[req.level],
    checks: req.checks.map(ruleCheck),
    provenance
  };
}

function ruleCheck(check: Check): RuleCheck {
  const { artifact, files, selector } = check.target;
  return {
    id: check.id,
    target: {
      artifact,
      ...(files && files.length > 0 ? { files: [...files] } : {}),
      selector: { lang: selector.lang, expr: selector.expr }
    },
    assert: ruleAssert(check.assert),
    severity: check.severity,
    message: check.message,
    // A prose check needs a reader; everything else is applied by Spectral or our checker.
    method: artifact === 'prose' ? 'inspection' : 'automated'
  };
}

/** The assertion with only the operands its operator reads, so each rule says what it tests. */
function ruleAssert(assert: Check['assert']): RuleCheck['assert'] {
  const out: RuleCheck['assert'] = { op: assert.op };
  if (assert.field) out.field = assert.field;
  switch (assert.op) {
    case 'matches':
    case 'not-matches':
    case 'keys-match':
    case 'keys-not-match':
      if (assert.regex !== undefined) out.regex = assert.regex;
      if (assert.flags) out.flags = assert.flags;
      break;
    case 'in-enum':
      if (assert.values) out.values = [...assert.values];
      break;
    case 'json-schema':
      if (assert.schema) out.schema = assert.schema;
      break;
  }
  return out;
}
