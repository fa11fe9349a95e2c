// File globs of a check (`target.files`), matched as Spectral matches `overrides.files`:
// minimatch with matchBase, against the file's path relative to the rule set's folder. Only
// what rule sets need is supported: *, **, ?, {a,b} and character classes.

export function matchesGlob(relativePath: string, pattern: string): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const glob = pattern.replace(/^\.\//, '');
  // matchBase: a pattern without a slash is matched against the file name alone.
  const subject = glob.includes('/') ? path : path.slice(path.lastIndexOf('/') + 1);
  return globToRegExp(glob).test(subject);
}

const cache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let src = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        src += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else src += '[^/]*';
    } else if (c === '?') src += '[^/]';
    else if (c === '{') {
      inBraces++;
      src += '(?:';
    } else if (c === '}' && inBraces > 0) {
      inBraces--;
      src += ')';
    } else if (c === ',' && inBraces > 0) src += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > i + 1) {
        src += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      } else src += '\\[';
    } else src += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  try {
    re = new RegExp(`^${src}$`);
  } catch {
    // An unbalanced brace or bracket: take the pattern literally rather than fail the run.
    re = new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  }
  cache.set(glob, re);
  return re;
}
