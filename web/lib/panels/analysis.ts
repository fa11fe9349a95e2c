// One analysis (numbering, kinds, requirements, diagnostics) per version of the draft, shared by
// every panel: normally the one the editor already computed for its decorations
// (`session.analysis`); otherwise (a panel outside the editor page, or the editor's analysis
// failed) the first panel to ask computes it with the session's own incremental analyser and the
// others get the cached result.

import { createAnalyser, type Analysis } from '../../../clauses/analysis';
import type { Standard } from '../../../clauses/model';

interface AnalysedSession {
  analysis?: Analysis | null;
  analysedStandard?: Standard | null;
}

const analysers = new WeakMap<object, (std: Standard) => Analysis>();
const results = new WeakMap<Standard, Analysis>();

export function analysisOf(owner: object & AnalysedSession, std: Standard): Analysis {
  const shared = owner.analysis;
  if (shared && owner.analysedStandard === std) return shared;
  const cached = results.get(std);
  if (cached) return cached;
  let analyse = analysers.get(owner);
  if (!analyse) {
    analyse = createAnalyser();
    analysers.set(owner, analyse);
  }
  const result = analyse(std);
  results.set(std, result);
  return result;
}
