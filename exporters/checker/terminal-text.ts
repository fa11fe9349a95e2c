// Text from a draft or a data file, made safe to print on a terminal: control characters (ANSI
// escapes among them) and bidirectional overrides would let hostile text rewrite or reorder what
// the user sees, so they are shown as \u escapes instead.

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
