import { describe, expect, it } from 'vitest';
import { detectObligations, findAmbiguousModals, translateKeyword } from '../../clauses/obligations';

const levels = (text: string, convention: 'itu-t' | 'rfc2119' = 'itu-t') =>
  detectObligations(text, convention).map((o) => o.level);

describe('ITU-T phrasing', () => {
  it.each([
    ['The capture device is required to produce images of 90 pixels between the eyes.', 'required', 'is required to'],
    ['Terminals are required to support H.264.', 'required', 'is required to'],
    ['The server is also required to log each search.', 'required', 'is required to'],
    ['The template database is prohibited from storing raw images.', 'prohibited', 'is prohibited from'],
    ['Operators are prohibited from exporting galleries.', 'prohibited', 'is prohibited from'],
    ['It is recommended that the camera support PTZ control.', 'recommended', 'is recommended'],
    ['Clients are strongly recommended to cache results.', 'recommended', 'is recommended'],
    ['Compression above 20:1 is not recommended.', 'not-recommended', 'is not recommended'],
    ['The kiosk can optionally print a receipt.', 'optional', 'can optionally']
  ])('%s -> %s', (text, level, keyword) => {
    const [o] = detectObligations(text, 'itu-t');
    expect(o?.level).toBe(level);
    expect(o?.keyword).toBe(keyword);
    expect(o?.foreign).toBe(false);
    expect(text.slice(o!.start, o!.end)).toBe(o!.matched);
  });

  it.each([
    'The required fields are listed in Table 2.',
    'The memory that is required to hold one template is 2 KB.',
    'Chapter 4 is recommended reading for implementers.',
    'The codec is recommended in [ITU-T H.264] for broadcast.',
    'This profile is recommended by ITU-T SG16 for archives.',
    'Users may want to adjust the threshold.',
    'The terminal can optional features.',
    'The keywords "is required to" indicate a requirement from which no deviation is permitted.',
    'Should the link fail, the terminal retries.',
    'The shallow buffer holds one frame.'
  ])('no obligation in: %s', (text) => {
    expect(levels(text)).toEqual([]);
  });

  it('reads lower-case shall/must/should as weak obligations (ITU-T J.1108), but not "may"', () => {
    const found = detectObligations('The IABNNS should announce exits, shall not block lanes and may log.', 'itu-t');
    expect(found.map((o) => [o.keyword, o.level, o.weak])).toEqual([
      ['should', 'recommended', true],
      ['shall not', 'prohibited', true]
    ]);
    expect(translateKeyword(found[0]!)).toBe('is recommended to');
    expect(detectObligations('The IABNNS should announce exits.', 'rfc2119')).toEqual([]);
  });

  it('reads "is not required to" as a permission, not a requirement', () => {
    expect(levels('The terminal is not required to support audio.')).toEqual(['optional']);
  });

  it('finds several obligations in reading order', () => {
    expect(levels('The system is required to encrypt templates and is prohibited from exporting them; logging is recommended.')).toEqual([
      'required',
      'prohibited',
      'recommended'
    ]);
  });
});

describe('RFC 2119 / 8174 keywords', () => {
  it.each([
    ['The client MUST send a nonce.', 'required', 'MUST'],
    ['The client MUST NOT reuse a nonce.', 'prohibited', 'MUST NOT'],
    ['The server SHALL log the request.', 'required', 'SHALL'],
    ['The server SHALL NOT log the image.', 'prohibited', 'SHALL NOT'],
    ['Implementations SHOULD cache tokens.', 'recommended', 'SHOULD'],
    ['Implementations SHOULD NOT retry more than 3 times.', 'not-recommended', 'SHOULD NOT'],
    ['Clients MAY request a candidate list.', 'optional', 'MAY'],
    ['Support for TLS 1.3 is REQUIRED.', 'required', 'REQUIRED'],
    ['Compression is RECOMMENDED.', 'recommended', 'RECOMMENDED'],
    ['Plain HTTP is NOT RECOMMENDED.', 'not-recommended', 'NOT RECOMMENDED'],
    ['The location field is OPTIONAL.', 'optional', 'OPTIONAL']
  ])('%s -> %s', (text, level, keyword) => {
    const found = detectObligations(text, 'rfc2119');
    expect(found).toHaveLength(1);
    expect(found[0]!.level).toBe(level);
    expect(found[0]!.keyword).toBe(keyword);
    expect(found[0]!.foreign).toBe(false);
  });

  it.each([
    'The client must send a nonce.',
    'You may want to raise the threshold.',
    'The server should answer quickly.',
    'All fields are required.',
    'The key words "MUST" and "SHOULD" are to be interpreted as described in BCP 14.',
    'The phrase "MUST NOT" and the phrase \u201cSHALL NOT\u201d mean the same.',
    'The meeting was held in MAY 2024.',
    'SECURITY CONSIDERATIONS MUST BE READ FIRST'
  ])('no obligation in: %s', (text) => {
    expect(levels(text, 'rfc2119')).toEqual([]);
  });
});

describe('mixed conventions', () => {
  it('marks an RFC keyword in an ITU-T draft as foreign but still reads its level', () => {
    const [o] = detectObligations('The server MUST log every search.', 'itu-t');
    expect(o).toMatchObject({ level: 'required', keyword: 'MUST', convention: 'rfc2119', foreign: true });
    expect(translateKeyword(o!)).toBe('is required to');
  });

  it('marks ITU-T phrasing in an RFC 2119 draft as foreign', () => {
    const [o] = detectObligations('The server is required to log every search.', 'rfc2119');
    expect(o).toMatchObject({ level: 'required', convention: 'itu-t', foreign: true });
    expect(translateKeyword(o!)).toBe('MUST');
  });
});

describe('ambiguous lower-case modals', () => {
  it('finds lower-case must/should/may but not upper-case keywords or quoted words', () => {
    const words = findAmbiguousModals('The client must retry, it should wait and MAY log; "may" is defined in clause 5.').map((w) => w.word);
    expect(words).toEqual(['must', 'should']);
  });
});
