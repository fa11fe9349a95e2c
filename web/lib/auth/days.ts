// A number of days typed into a form (token and invitation expiry).

/** undefined for an empty field; a whole number from `min` to `max`, or a message naming the rule. */
export function parseDays(raw: string, min: number, max: number): { days?: number; error?: string } {
  if (raw === '') return {};
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    return { error: `Enter a whole number of days from ${min} to ${max}.` };
  }
  return { days: Number(raw) };
}
