// Sentence boundaries good enough for standards prose: a full stop, question or exclamation mark
// followed by space and a capital, but not after the abbreviations such text is full of.

export interface Sentence {
  text: string;
  start: number;
}

const NO_BREAK_AFTER = /(?:\b(?:e\.g|i\.e|etc|cf|No|Fig|Rec|Vol|vs|approx|Ref)|\b[A-Z])\.$/;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const boundary = /[.!?](?=\s+["“(]?[A-Z0-9])|\n+/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] === '.' && NO_BREAK_AFTER.test(text.slice(Math.max(0, end - 8), end))) continue;
    push(out, text, start, end);
    start = end;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Sentence[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed) out.push({ text: trimmed, start: start + lead });
}
