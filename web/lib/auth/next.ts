// Where to go after logging in. Only a path on this site is accepted: "//evil.example",
// "/\evil.example" and absolute URLs would turn the login page into an open redirect.

export function safeNext(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Control characters (a tab or newline inside "//") make browsers read some paths as hosts.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, 'http://clausework.invalid');
    if (url.origin !== 'http://clausework.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** "/login?next=…" for a page that needs an actor; the home page needs no `next`. */
export function loginUrl(url: URL): string {
  const here = `${url.pathname}${url.search}`;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}
