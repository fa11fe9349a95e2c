// One analysis (numbering, kinds, requirements, diagnostics) per version of the draft, shared by
// every panel: the panels all read the same `session.standard` object, so the first to ask
// computes it and the others get the cached result. Each session keeps its own incremental
// analyser, which redoes only the clauses that changed since the last version.

import { createAnalyser, type Analysis } from '../../../clauses/analysis';
import type { Standard } from '../../../clauses/model';

const analysers = new WeakMap<object, (std: Standard) => Analysis>();
const results = new WeakMap<Standard, Analysis>();

export function analysisOf(owner: object, std: Standard): Analysis {
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
