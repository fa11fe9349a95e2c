// The evidence the policy detector weighs. Each cue names what it found, so a diagnostic can say
// why a sentence reads as policy. Weights: 2 for words that on their own mark a statement about
// who may deploy a system, for what, or under which authority; 1 for supporting words that also
// occur in engineering text; negative for engineering vocabulary that pulls a sentence back.

export type CueCategory = 'actor' | 'purpose' | 'governance' | 'technical';

export interface Cue {
  category: CueCategory;
  label: string;
  weight: number;
  re: RegExp;
}

const cue = (category: CueCategory, weight: number, label: string, source: string): Cue => ({
  category,
  label,
  weight,
  re: new RegExp(source, 'i')
});

/** Who deploys, authorises or is subjected to a system. */
export const ACTORS: Cue[] = [
  cue('actor', 2, 'law enforcement', String.raw`\blaw[- ]enforcement\b(?!\s+(?:client|application|system|terminal|interface|network)s?\b)`),
  cue('actor', 2, 'police', String.raw`\bpolic(?:e|ing)\b(?!\s+(?:radio|gateway|terminal|network|vehicle)s?\b)`),
  cue('actor', 2, 'employers', String.raw`\bemployers?\b(?!\s+(?:portal|system|account|interface|database)s?\b)|\bemployees?\b|\bemployment\b|\bworkers?\b|\bworkplaces?\b`),
  cue('actor', 2, 'schools', String.raw`\b(?:schools?|universit(?:y|ies)|educational institutions?|students?|pupils?)\b(?!\s+(?:bus|network|server|portal|terminal|database)\b)`),
  cue('actor', 2, 'governments', String.raw`\bgovernments?\b(?!-issued)|\bmember states?\b|\bmunicipalit(?:y|ies)\b|\bnational regulators?\b|\bregulators?\b`),
  cue('actor', 2, 'public authorities', String.raw`\bpublic (?:authorit(?:y|ies)|bod(?:y|ies)|sector|services?|benefits?)\b|\bcompetent authorit(?:y|ies)\b|\bsupervisory authorit(?:y|ies)\b|\boversight (?:body|bodies|authorit(?:y|ies))\b`),
  cue('actor', 2, 'operators of public spaces', String.raw`\b(?:publicly accessible|public) (?:spaces?|places?|areas?)\b|\bstadiums?\b|\bvenues?\b|\bpolling stations?\b|\bresidential\b`),
  cue('actor', 2, 'border and immigration', String.raw`\bborder (?:agenc(?:y|ies)|control|guards?)\b|\bimmigration\b|\basylum\b`),
  cue('actor', 2, 'private deployers', String.raw`\blandlords?\b|\btenants?\b|\bretailers?\b|\binsurers?\b|\bdeploy(?:ers?|ing (?:organi[sz]ation|entity|authority))\b|\bsellers?\b`),
  cue('actor', 2, 'citizens', String.raw`\bcitizens?\b(?!\s+a preview)|\bdata subjects?\b|\bindividuals\b|\bparents\b|\bchildren\b|\bcustomers?\b|\bvisitors?\b|\btravell?ers\b|\bjournalists?\b|\bcommunit(?:y|ies)\b|\bpopulation\b|\bnobody\b|\bpeople\b|\bthose affected\b`),
  cue('actor', 2, 'organisations', String.raw`\b(?:companies|vendors|suppliers|councils?|parliaments?|ministr(?:y|ies)|agencies|courts?|judges?|teachers|head teachers|representatives|residents|patients|applicants|supporters|refugees|migrants|members of the public|organi[sz]ations|institutions|cities|states)\b`),
  cue('actor', 1, 'persons', String.raw`\bpersons?\b|\boperators\b|\bhospitals?\b|\bstaff\b`)
];

/** What a deployment is for: the uses standards bodies argue about. */
export const PURPOSES: Cue[] = [
  cue('purpose', 2, 'surveillance', String.raw`\bsurveillance\b(?!\s+(?:cameras?|video streams?|systems? (?:is|are) required)\b)`),
  cue('purpose', 2, 'attendance', String.raw`\battendance\b(?!\s+(?:field|terminal|record|report|table|flag|property|log|event)s?\b)`),
  cue('purpose', 2, 'locating people', String.raw`\blocat(?:e|ing) (?:fugitives|suspects|missing)\b|\bfugitives?\b|\bmissing (?:children|persons)\b|\btrack(?:ing)? the movements?\b`),
  cue('purpose', 2, 'admission', String.raw`\badmission to\b|\bgrant or refuse entry\b|\bcondition of\b|\bconditional on\b`),
  cue('purpose', 2, 'crowds and assemblies', String.raw`\bcrowds?\b|\bassembl(?:y|ies)\b|\bdemonstrations?\b|\bprotests?\b|\bprotesters\b`),
  cue('purpose', 2, 'scoring and profiling', String.raw`\bsocial scoring\b|\bpredictive policing\b|\bprofiling\b|\bpricing decisions?\b|\bcategori[sz]ation of people\b|\bemotion recognition\b|\bproctoring\b|\bdiscipline\b`),
  cue('purpose', 2, 'mass or live identification', String.raw`\bmass identification\b|\b(?:live|real-time|remote biometric) (?:face recognition|identification)\b|\bidentified in a crowd\b|\bautomated identification\b|\bretrospective face search\b`),
  cue('purpose', 2, 'criminal investigation', String.raw`\barrests?\b|\bdissent\b|\brepress\w*\b|\bballots?\b|\bvot(?:e|ers|ing)\b|\bage (?:checks?|verification|assurance)\b|\boffences?\b|\bcriminal offences?\b|\bserious crimes?\b|\bsuspected (?:of|shoplifters)\b|\bcharged with\b|\binvestigation\b|\bwatchlists of suspected\b|\bbanning order\b`),
  cue('purpose', 2, 'people as the object of recognition', String.raw`\b(?:identif(?:y|ying|ies|ied|ication of)|recogni[sz](?:e|ing|ed|ion of)|track(?:ing)?|monitor(?:ing)?|profil(?:e|ing)|categori[sz](?:e|ing)|deactivat(?:e|ing))\s+(?:the\s+|their\s+|any\s+)?(?:[a-z-]+\s+)?(?:people|persons|individuals|guests|drivers|audiences?|passengers|shoppers|customers|visitors|workers|employees|students|pupils|children|residents|citizens|members of the public|users|travell?ers|patients|tenants|fans|spectators|voters|protesters|bystanders)\b`),
  cue('purpose', 2, 'decisions about people', String.raw`\beligibility\b|\bdecide on\b|\bassess the (?:honesty|suitability|reliability|behaviou?r)\b|\bjob applicants?\b|\bhousing\b|\bsocial assistance\b|\bhonesty\b`),
  cue('purpose', 2, 'inferring protected traits', String.raw`\b(?:sexual orientation|religio(?:n|us belief)s?|political (?:opinions?|views?)|ethnic(?:ity| origin)|skin colou?r|race)\b`),
  cue('purpose', 2, 'places of deployment', String.raw`\b(?:train|railway|metro|bus) stations?\b|\bairports?\b|\bshopping (?:centres?|malls?)\b|\bturnstiles?\b|\bstreets?\b|\bgatherings?\b|\bcanteens?\b|\breception centres?\b|\bdrones?\b`)
];

/** Deployment, authorisation and rights: the language of governance rather than engineering. */
export const GOVERNANCE: Cue[] = [
  cue('governance', 2, 'judicial authorisation', String.raw`\bjudicial\b|\bwarrant\b|\bcourt orders?\b|\bstatutes?\b|\binvestigating judge\b|\bfresh authori[sz]ation\b|\bsunset clause\b|\bdata protection authorit(?:y|ies)\b|\bauthori[sz](?:ed|ation|ing) (?:by a (?:court|judge|competent)|the use)\b|\bby a court\b`),
  cue('governance', 2, 'legal basis', String.raw`\blegal (?:basis|effects?|safeguards?|framework)\b|\blaid down in law\b|\bdefined by law\b|\bnational law\b|\blegislation\b|\bunlawful\b|\blawful\b|\bset by law\b`),
  cue('governance', 2, 'necessity and proportionality', String.raw`\bproportionate\b|\bproportionality\b|\bnecessary and\b|\bless intrusive\b`),
  cue('governance', 2, 'human rights', String.raw`\bminorit(?:y|ies)\b|\bdisproportionate(?:ly)?\b|\bbystanders?\b|\bthose who\b|\bhuman rights?\b|\bfundamental rights?\b|\bdiscrimination\b|\bimbalance of power\b`),
  cue('governance', 2, 'consultation and oversight', String.raw`\bpublic consultation\b|\bconsult\b|\boversight\b|\bindependent (?:audit|body|review)s?\b|\baccountable\b|\btransparency report\b|\bhuman review\b`),
  cue('governance', 2, 'redress', String.raw`\bredress\b|\bremed(?:y|ies)\b|\bthe choice of\b|\bfind out whether\b|\bcontest\b|\bappeal\b|\bcompensation\b|\bopt out\b|\ban alternative\b|\bvoluntary\b|\bpenalty\b`),
  cue('governance', 2, 'informing the public', String.raw`\bpublish (?:the|a|an)\b|\bcommunicated to\b|\binform the public\b|\bsignage\b|\bbe (?:notified|told)\b|\bpublicly available\b|\bdisclose\b`),
  cue('governance', 2, 'restraint', String.raw`\bmoratorium\b|\bban\b|\bjustif(?:y|ies|ied|ication)\b|\bwithout (?:the |their )?(?:knowledge|consent|awareness)\b|\bsolely because\b|\bby default\b|\bscrap(?:ed|ing)\b|\bsocial media\b|\bauditors?\b|\brefrain\b|\bpurpose for which\b|\bpurposes laid down\b|\brepurposed\b|\bconsented\b|\bconsent obtained\b`),
  cue('governance', 1, 'deployment decision', String.raw`\bdeploy(?:ed|ment)?\b|\bnot be used (?:to|for)\b|\buse of\b|\bprocurement\b|\bapproval\b|\bpolicy\b|\bsafeguards?\b|\bmerely because\b|\bsubject to\b`)
];

/** Engineering vocabulary: units, protocols, formats, data structures. */
export const TECHNICAL: Cue[] = [
  cue('technical', -2, 'measurement', String.raw`\d\s*(?:ms|s|m|MB|KB|GB|bits?|bytes?|pixels?|lux|fps|%|°C|p)\b|\bframes per second\b|\blatency\b`),
  cue('technical', -2, 'protocol or format', String.raw`\b(?:TLS|HTTPS?|JSON|XML|CSV|YAML|RTP|UDP|TCP|ONVIF|SAML|OAuth|AES|RSA|NFC|TETRA|LTE|MP4|H\.26[45]|ETSI|ISO|IEC|UTC|API|GPU|CPU)\b`),
  cue('technical', -1, 'data structure', String.raw`\b(?:template|field|property|schema|Boolean|header|endpoint|interface|firmware|metadata|timestamp|stream|threshold|score|algorithm|encoded|encrypted|configurable|configuration|entries|packets?|search time|file|row)s?\b`)
];

export const ALL_CUES: Cue[] = [...ACTORS, ...PURPOSES, ...GOVERNANCE, ...TECHNICAL];

// Who the obligation falls on says much: engineering text obliges components, policy text
// obliges people and organisations. Checked against the words before the obligation keyword.
export const SYSTEM_SUBJECT = cue(
  'technical',
  -1,
  'system component as subject',
  String.raw`^(?:the|each|every|an?|any)?\s*(?:[\w-]+\s+){0,3}(?:system|camera|server|device|interface|terminal|gateway|application|service|database|record|template|module|engine|decoder|encoder|kiosk|report|request|stream|client|api|implementation|sensor|algorithm|software|firmware|network|console|station|detector|reader|portal|gate|message|entry|file|log)s?\b`
);

// Plural nouns for people and organisations, recognised by their endings so that actors the
// lexicon never listed ("lawmakers", "exporters", "transit authorities") still count.
const PEOPLE_ENDING = String.raw`(?:[a-z]+(?:ers|ors|ists|ants|ents|ians|ees|ities)|agencies|bodies|firms|companies|forces|councils|districts|people|public|users|voters|parents)`;
const COMPONENT_ENDING = String.raw`(?:servers|sensors|encoders|decoders|readers|routers|containers|parameters|identifiers|headers|buffers|vectors|monitors|detectors|connectors|processors|components|elements|segments|documents|instruments|requirements|filters|registers|counters|timers|layers|markers|controllers|adapters|providers|centers|identities|capabilities|properties|entities|utilities|qualities|quantities|priorities|events|clients|agents|ports)`;
export const PEOPLE_SUBJECT = cue(
  'actor',
  2,
  'people or organisations as subject',
  String.raw`^(?:[\w'-]+\s+){0,4}?(?!${COMPONENT_ENDING}\b)${PEOPLE_ENDING}\s*$`
);

/**
 * Words (compared on their first six letters, with their usual endings) of which at least one occurs in every
 * sentence that a weight-2 cue or a people-as-subject phrase can match. A paragraph with none
 * of them cannot be policy, which spares the regular expressions on most engineering text.
 * test/unit/policy.test.ts checks this against every cue on the corpus.
 */
export const TRIGGER_WORDS = `
  law police policing employer employee employment worker workplace school university universities
  educational student pupil government member municipality regulator public competent supervisory
  oversight publicly stadium venue polling residential border immigration asylum landlord tenant
  retailer insurer deployer deploying seller citizen subject individuals parents children customer
  visitor traveller traveler journalist community communities population nobody people affected
  companies vendors suppliers council parliament ministry ministries agencies court judge teachers
  representatives residents patients applicants supporters refugees migrants organisations
  organizations institutions cities states surveillance attendance locate locating fugitive missing
  movements admission  condition conditional crowd assembly assemblies demonstration protest
  protesters scoring predictive profiling pricing categorisation categorization emotion proctoring
  discipline mass live real remote  automated retrospective arrest dissent repress ballot
  vote voters voting age offence criminal serious suspected charged investigation watchlists banning
  eligibility decide assess housing assistance honesty sexual religion religious political ethnic
  ethnicity skin race station airport shopping turnstile street gathering canteen reception drone
  judicial warrant statute investigating fresh sunset protection authorised authorized
  authorisation authorization authorising authorizing legal legislation unlawful lawful
  proportionate proportionality necessary intrusive human rights fundamental discrimination
  imbalance consultation consult independent accountable transparency  redress remedy
  remedies choice find contest appeal compensation opt alternative voluntary penalty publish
  communicated  signage notified told disclose moratorium ban refrain purpose purposes
  repurposed consented consent minority minorities disproportionate disproportionately bystander
  bystanders those laws bans ages opts refuse guests drivers audience audiences passengers shoppers
  fans spectators justify justifies justified justification without solely default scraped scraping
  social auditor auditors identify identifying identification recognise recognize recognising
  recognizing recognition track tracking monitor monitoring profile categorise categorize
  deactivate deactivating users
`.split(/\s+/).filter(Boolean);
