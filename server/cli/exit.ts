// Exit codes of the `clausework` command, as its help text documents them.
export const EXIT = {
  ok: 0,
  /** The draft or the checked files have error-severity problems. */
  problems: 1,
  /** Bad input: a missing or unreadable file, invalid JSON/YAML/Markdown, a schema violation, a bad option. */
  usage: 2,
  /** A bug in clausework itself. */
  crash: 3
} as const;
