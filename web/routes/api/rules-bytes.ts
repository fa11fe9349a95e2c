// The rule set of a draft as the bytes both rules endpoints serve. exportRules leaves out
// generatedAt, so an unchanged draft gives identical bytes and the ETag holds.

import type { Standard } from '../../../clauses/model';
import { exportRules } from '../../../exporters/rules/export';

export function rulesJson(std: Standard): string {
  return `${JSON.stringify(exportRules(std), null, 2)}\n`;
}
