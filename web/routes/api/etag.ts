// Strong validators for documents tools poll: the ETag is a digest of the exact bytes served, so
// it changes exactly when the content does, and a matching If-None-Match gets 304 with no body.

export async function strongEtag(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const b64 = btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `"${b64}"`;
}

/** RFC 9110 §13.1.2: If-None-Match uses weak comparison; "*" matches any current representation. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Answers with `bytes` and its ETag, or 304 when the caller already has them. `no-cache` makes
 * caches revalidate every time, so a tool never acts on stale rules.
 */
export async function conditionalResponse(
  request: Request,
  bytes: Uint8Array<ArrayBuffer>,
  headers: Record<string, string>
): Promise<Response> {
  const etag = await strongEtag(bytes);
  const common = { etag, 'cache-control': 'no-cache' };
  if (matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers: common });
  }
  return new Response(bytes, { status: 200, headers: { ...headers, ...common } });
}
