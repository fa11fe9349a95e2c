// The Markdown importer's worker threads (server/import/worker.ts): a draft is read off the
// caller's thread, the importer's refusals arrive as InputError 400, a draft that takes too long
// is abandoned with 422 while the caller's thread stays free, and excess drafts are refused 429.

import { afterAll, describe, expect, it } from 'vitest';
import { markdownImporter } from '../../server/import/worker';
import { createLogger } from '../../server/log';

const log = createLogger('silent');
const importer = markdownImporter({ timeoutMs: 1500, maxWaiting: 1, log });
afterAll(() => importer.close());

const DRAFT = '# Worker draft\n\n# 1 Scope\n\nThis Recommendation covers threads.\n';
/** Quadratic for micromark: ~10 s for 200 kB, far past the 1.5 s deadline here. */
const PATHOLOGICAL = `# 1 Scope\n\n${'`<a '.repeat(50 * 1024)}\n`;

describe('markdownImporter', () => {
  it('reads a draft into a Standard as plain data', async () => {
    const { standard, warnings } = await importer.read(DRAFT);
    expect(JSON.stringify(standard.clauses)).toContain('This Recommendation covers threads.');
    expect(Array.isArray(warnings)).toBe(true);
  }, 30_000);

  it("turns the importer's refusal into InputError 400 with its message", async () => {
    await expect(importer.read('just text, no headings')).rejects.toMatchObject({ name: 'InputError', status: 400, message: /no clauses found/ });
  }, 30_000);

  it('abandons a draft past the deadline with 422, keeping this thread free, and reads the next one', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 50);
    const started = Date.now();
    const slow = importer.read(PATHOLOGICAL);
    const queued = importer.read(DRAFT);
    // One reading and one waiting: a third is refused at once.
    await expect(importer.read(DRAFT)).rejects.toMatchObject({ name: 'RateLimitError', status: 429, retryAfterSeconds: 2 });
    await expect(slow).rejects.toMatchObject({ name: 'InputError', status: 422, message: /took too long to read \(over 2 s\)/ });
    clearInterval(timer);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ticks).toBeGreaterThan(10);
    expect(JSON.stringify((await queued).standard.clauses)).toContain('This Recommendation covers threads.');
  }, 30_000);
});
