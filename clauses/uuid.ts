// Name-based UUIDs (RFC 9562 version 5: SHA-1 of namespace and name). SHA-1 is written out here
// because a standard of 6,000 requirements hashes 6,000 names on each full analysis and the
// general-purpose implementation costs several microseconds a hash; this one reuses its buffers
// and loops over 32-bit integers. SHA-1's weakness against chosen collisions does not matter
// for identifiers.

const W = new Int32Array(80);
const H = new Int32Array(5);
let scratch = new Uint8Array(512);

/** SHA-1 of the first `length` bytes of `buf`, whose capacity allows the padding; into H. */
function digest(buf: Uint8Array, length: number): void {
  const padded = ((length + 8) >> 6) * 64 + 64;
  buf.fill(0, length, padded);
  buf[length] = 0x80;
  const bitsHigh = Math.floor(length / 0x20000000);
  const bitsLow = (length * 8) >>> 0;
  for (let i = 0; i < 4; i++) {
    buf[padded - 8 + i] = (bitsHigh >>> (24 - 8 * i)) & 0xff;
    buf[padded - 4 + i] = (bitsLow >>> (24 - 8 * i)) & 0xff;
  }
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  for (let offset = 0; offset < padded; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const o = offset + i * 4;
      W[i] = (buf[o]! << 24) | (buf[o + 1]! << 16) | (buf[o + 2]! << 8) | buf[o + 3]!;
    }
    for (let i = 16; i < 80; i++) {
      const x = W[i - 3]! ^ W[i - 8]! ^ W[i - 14]! ^ W[i - 16]!;
      W[i] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc | 0;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6 | 0;
      }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + W[i]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  H[0] = h0;
  H[1] = h1;
  H[2] = h2;
  H[3] = h3;
  H[4] = h4;
}

function room(bytes: number): Uint8Array {
  if (scratch.length < bytes + 72) scratch = new Uint8Array(bytes * 2 + 72);
  return scratch;
}

/** SHA-1 digest of `bytes` (20 bytes). */
export function sha1(bytes: Uint8Array): Uint8Array {
  const buf = room(bytes.length);
  buf.set(bytes);
  digest(buf, bytes.length);
  const out = new Uint8Array(20);
  for (let i = 0; i < 20; i++) out[i] = (H[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;
  return out;
}

const encoder = new TextEncoder();
const namespaces = new Map<string, Uint8Array>();

function namespaceBytes(namespace: string): Uint8Array {
  let bytes = namespaces.get(namespace);
  if (!bytes) {
    const hex = namespace.replace(/-/g, '');
    bytes = Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
    namespaces.set(namespace, bytes);
  }
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return HEX[(n >>> 24) & 0xff]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
}

/** The version 5 UUID of `name` under a namespace UUID ("6ba7b811-…"). */
export function uuidV5(namespace: string, name: string): string {
  // UTF-8 takes at most three bytes per UTF-16 code unit.
  const buf = room(16 + name.length * 3);
  buf.set(namespaceBytes(namespace));
  const { written } = encoder.encodeInto(name, buf.subarray(16));
  digest(buf, 16 + written);
  H[1] = (H[1]! & ~0xf000) | 0x5000;
  H[2] = (H[2]! & 0x3fffffff) | 0x80000000;
  const a = hex8(H[0]!);
  const b = hex8(H[1]!);
  const c = hex8(H[2]!);
  const d = hex8(H[3]!);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
