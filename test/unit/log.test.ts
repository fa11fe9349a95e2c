import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  return { log: createLogger(level, (line) => lines.push(line)), lines };
}

describe('structured logs', () => {
  it('writes one JSON line per event with time, level, event and fields', () => {
    const { log, lines } = capture('info');
    log.info('listening', { port: 3000 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'info', event: 'listening', port: 3000 });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it('drops events below the configured level and everything when silent', () => {
    const warn = capture('warn');
    warn.log.debug('a');
    warn.log.info('b');
    warn.log.warn('c');
    warn.log.error('d');
    expect(warn.lines.map((l) => JSON.parse(l).event)).toEqual(['c', 'd']);
    const silent = capture('silent');
    silent.log.error('e');
    expect(silent.lines).toEqual([]);
  });

  it('keeps the message of an Error field', () => {
    const { log, lines } = capture('debug');
    log.error('load_failed', { error: new Error('disk on fire') });
    expect(JSON.parse(lines[0]!).error).toMatchObject({ name: 'Error', message: 'disk on fire' });
  });

  it('keeps one line per event even when a field holds a newline', () => {
    const { log, lines } = capture('info');
    log.info('note', { text: 'two\nlines' });
    expect(lines[0]!.trimEnd().split('\n')).toHaveLength(1);
  });
});
