// `clausework export FILE --to FORMAT`: a draft to Markdown, ITU-T Word/HTML, or the machine
// forms (rule set, Spectral ruleset, OSCAL catalog).

import type { Standard } from '../../../clauses/model';
import { InputError } from '../../services';
import { exportRules } from '../../../exporters/rules/export';
import { exportSpectral } from '../../../exporters/rules/spectral';
import { exportOscal } from '../../../exporters/rules/oscal';
import { validateRuleSet } from '../../../exporters/rules/validate';
import type { RuleSet } from '../../../exporters/rules/format';
import { loadStandard } from '../load-standard';
import { endProgress, progress, writeOutput } from '../io';
import type { EXPORT_FORMATS } from '../program';
import { tdHeaderFromOptions } from '../td-options';
import type { ItuOptions } from '../../../exporters/itu/options';

interface ExportOptions {
  to: (typeof EXPORT_FORMATS)[number];
  output?: string;
  plain?: boolean;
  policy: 'labelled' | 'separate' | 'omit';
  form: 'recommendation' | 'td';
  generatedAt?: string;
  /** --td-questions … --td-contact, as commander names them (tdQuestions …). */
  [tdOption: `td${Capitalize<string>}`]: string | undefined;
}

export async function runExport(file: string, opts: ExportOptions): Promise<void> {
  const generatedAt = opts.generatedAt === undefined ? undefined : isoTime(opts.generatedAt);
  const itu = ituOptions(opts);
  if (opts.to === 'docx' && !opts.output && process.stdout.isTTY) {
    throw new InputError('a .docx is binary: give -o FILE.docx (or redirect standard output)');
  }
  progress(`reading ${file}`);
  const std = await loadStandard(file);
  progress(`exporting ${opts.to}`);
  const data = await render(std, opts, itu, generatedAt);
  endProgress();
  writeOutput(opts.output, data);
}

async function render(std: Standard, opts: ExportOptions, itu: ItuOptions, generatedAt: string | undefined): Promise<string | Uint8Array> {
  switch (opts.to) {
    case 'rules':
      return json(checkedRules(std, generatedAt));
    case 'spectral':
      return json(exportSpectral(checkedRules(std, undefined)));
    case 'oscal':
      return json(exportOscal(checkedRules(std, undefined), { lastModified: generatedAt ?? new Date().toISOString() }));
    case 'html': {
      const { exportItuHtml } = await import('../../../exporters/itu');
      return exportItuHtml(std, itu);
    }
    case 'docx': {
      const { exportItuDocx } = await import('../../../exporters/itu');
      return exportItuDocx(std, itu);
    }
    case 'md': {
      const { exportMarkdown } = await import('../../../exporters/markdown');
      return exportMarkdown(std, { plain: Boolean(opts.plain) });
    }
  }
}

/** The Word/HTML options; TD header options are refused (exit 2) unless --form td. */
function ituOptions(opts: ExportOptions): ItuOptions {
  const td = tdHeaderFromOptions(opts, opts.form);
  return { policy: opts.policy, form: opts.form, ...(td ? { td } : {}) };
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/**
 * The rule set, refused rather than written when the draft holds a check the format cannot
 * carry (the editor's check validation is meant to prevent it; a hand-edited file may not).
 */
function checkedRules(std: Standard, generatedAt: string | undefined): RuleSet {
  const ruleSet = exportRules(std, { generatedAt });
  const result = validateRuleSet(ruleSet);
  if (!result.ok) {
    const where = (pointer: string) => {
      const m = /^\/rules\/(\d+)(\/checks\/(\d+))?/.exec(pointer);
      const rule = m ? ruleSet.rules[Number(m[1])] : undefined;
      const check = rule && m?.[3] !== undefined ? rule.checks?.[Number(m[3])] : undefined;
      return rule ? `requirement ${rule.id} (clause ${rule.clause || rule.clauseId})${check ? `, check ${check.id}` : ''}: ` : '';
    };
    throw new InputError(`the draft cannot be exported as a rule set:\n  ${result.errors.map((e) => where(e) + e).join('\n  ')}`);
  }
  return ruleSet;
}

function isoTime(raw: string): string {
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  if (!ISO.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new InputError(`--generated-at "${raw}" is not an ISO 8601 date-time such as 2026-05-01T12:00:00Z`);
  }
  return raw;
}
