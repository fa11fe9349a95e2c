// How a file path becomes a SARIF URI reference, for every SARIF log we write: the draft linter
// (clauses/lint-report) and the reference checker (exporters/checker). Code-scanning tools reject
// a log whose URIs are not valid, so a path with a space, '#' or '?' must be escaped.

/**
 * Relative paths stay relative, absolute and drive paths become file: URIs, URIs are kept;
 * characters a URI cannot hold are escaped.
 */
export function toUriReference(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  if (!drive && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(slashed)) return slashed;
  const escaped = encodeURI(slashed).replace(/[?#]/g, (c) => encodeURIComponent(c));
  if (drive) return `file:///${escaped}`;
  return slashed.startsWith('/') ? `file://${escaped}` : escaped;
}
