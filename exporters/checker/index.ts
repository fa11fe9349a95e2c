// The reference checker: a rule set's automated checks applied to parsed JSON/YAML documents,
// and its reports.

export { runChecks, hasErrors, type CheckReport, type Finding, type TargetDocument } from './run';
export { sourceLocator, type Locator, type Position } from './locate';
export { formatText } from './format-text';
export { formatJson } from './format-json';
export { formatSarif } from './format-sarif';
export { explainRule } from './explain';
