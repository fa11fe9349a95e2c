// Display names for the closed vocabularies, shared by every panel so they read the same.

import type { Kind, ObligationLevel } from '../../../clauses/model';

export const KIND_LABEL: Record<Kind, string> = {
  'normative-technical': 'Normative technical',
  'policy-recommendation': 'Policy recommendation',
  informative: 'Informative'
};

export const KIND_SHORT: Record<Kind, string> = {
  'normative-technical': 'NT',
  'policy-recommendation': 'PR',
  informative: 'INF'
};

export const LEVEL_LABEL: Record<ObligationLevel, string> = {
  required: 'Required',
  prohibited: 'Prohibited',
  recommended: 'Recommended',
  'not-recommended': 'Not recommended',
  optional: 'Optional'
};
