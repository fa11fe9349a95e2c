// The machine-readable exports of a standard: our rule set (the master copy) and the forms built
// from it for Spectral and OSCAL, plus validation of rule sets that come from outside.

export { exportRules, type ExportRulesOptions } from './export';
export { exportSpectral, type SpectralRuleset, type SpectralRule } from './spectral';
export { exportOscal, OSCAL_NS, OSCAL_VERSION, type OscalCatalog, type ExportOscalOptions } from './oscal';
export { validateRuleSet, rulesJsonSchema, type RuleSetValidation } from './validate';
export { FORMAT_VERSION, RULES_SCHEMA_ID, type Rule, type RuleCheck, type RuleSet } from './format';
