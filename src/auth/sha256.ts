/**
 * SHA-256 (FIPS 180-4) of a short ASCII string, in plain JavaScript, for the one digest taken on
 * every authenticated request. node's one-shot `crypto.hash` costs about 0.5 µs in a tight loop
 * but 4 to 6 µs per request inside the gateway under load (CPU profiles of W1, `npm run bench`),
 * about half of what a token request cost more than an anonymous one; this costs about 2 µs there.
 * Only messages that fit one 64-byte block are handled (at most 55 ASCII characters, which covers
 * every token and session secret); for anything else it returns undefined and the caller uses
 * node:crypto. test/auth/sha256.test.ts checks it against node:crypto.
 */

const MAX_ONE_BLOCK_BYTES = 55;

const firstPrimes = (count: number): number[] => {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes;
};
/** The first 32 bits of the fractional part of x, as FIPS 180-4 derives its constants. */
const fractionBits = (x: number) => ((x - Math.floor(x)) * 2 ** 32) | 0;

/** Round constants: cube roots of the first 64 primes (FIPS 180-4, 4.2.2). */
const K = Int32Array.from(firstPrimes(64), (p) => fractionBits(Math.cbrt(p)));
/** Initial hash value: square roots of the first 8 primes (FIPS 180-4, 5.3.3). */
const H0 = Int32Array.from(firstPrimes(8), (p) => fractionBits(Math.sqrt(p)));
const HEX_DIGIT_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
// Reused: the function is synchronous and never re-entered.
const W = new Int32Array(64);
const HASH = new Int32Array(8);
/** The digest's 64 hex digits as character codes, turned into one flat string at the end. */
const HEX_CODES: number[] = new Array(64).fill(0);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Lower-case hex SHA-256 of `message`, or undefined when it is not at most 55 ASCII characters. */
export function sha256HexOfShortAscii(message: string): string | undefined {
  const length = message.length;
  if (length > MAX_ONE_BLOCK_BYTES) return undefined;
  W.fill(0, 0, 16);
  for (let i = 0; i < length; i++) {
    const code = message.charCodeAt(i);
    if (code > 0x7f) return undefined; // UTF-8 would take more than one byte
    W[i >> 2]! |= code << (24 - 8 * (i & 3));
  }
  // Padding: a 1 bit after the message, and its length in bits in the block's last word.
  W[length >> 2]! |= 0x80 << (24 - 8 * (length & 3));
  W[15] = length * 8;
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = H0[0]!, b = H0[1]!, c = H0[2]!, d = H0[3]!, e = H0[4]!, f = H0[5]!, g = H0[6]!, h = H0[7]!;
  for (let t = 0; t < 64; t++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  HASH[0] = a + H0[0]!;
  HASH[1] = b + H0[1]!;
  HASH[2] = c + H0[2]!;
  HASH[3] = d + H0[3]!;
  HASH[4] = e + H0[4]!;
  HASH[5] = f + H0[5]!;
  HASH[6] = g + H0[6]!;
  HASH[7] = h + H0[7]!;
  for (let i = 0; i < 64; i++) HEX_CODES[i] = HEX_DIGIT_CODES[(HASH[i >> 3]! >>> (28 - 4 * (i & 7))) & 15]!;
  // One flat string: concatenated pieces would be a rope that the cache's Map.get must first
  // flatten (about 0.3 µs of the lookup).
  return String.fromCharCode.apply(null, HEX_CODES);
}
