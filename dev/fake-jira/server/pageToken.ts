/**
 * Opaque `nextPageToken`s. A token carries the next offset, the previous page's offset and a hash of the JQL, sealed
 * with the server's secret and scrambled so that it looks random. A token from another query, another server or
 * garbage is rejected.
 */

/** A 32-bit FNV-1a hash. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface PagePosition {
  /** The offset of the page this token asks for. */
  offset: number;
  /** The offset of the page that handed out the token. */
  previous: number;
}

function keystream(secret: number, length: number): number[] {
  const out: number[] = [];
  let x = secret || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(x & 0xff);
  }
  return out;
}

/** Encodes a position for a query. */
export function encodePageToken(position: PagePosition, jql: string, secret: number): string {
  const q = hash32(jql.trim());
  const words = [q, position.offset, position.previous];
  words.push(hash32(words.join(':'), secret));
  const bytes = Buffer.alloc(17);
  bytes[0] = 0x5a;
  words.forEach((w, i) => bytes.writeUInt32BE(w >>> 0, 1 + i * 4));
  const ks = keystream(secret ^ 0x5bd1e995, bytes.length);
  for (let i = 1; i < bytes.length; i++) bytes[i] = bytes[i]! ^ ks[i]!;
  return bytes.toString('base64url');
}

/** Decodes a token for a query; null when it is garbage, from another query or from another server. */
export function decodePageToken(token: string, jql: string, secret: number): PagePosition | null {
  if (!/^[A-Za-z0-9_-]{20,40}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 17 || bytes[0] !== 0x5a) return null;
  const ks = keystream(secret ^ 0x5bd1e995, bytes.length);
  for (let i = 1; i < bytes.length; i++) bytes[i] = bytes[i]! ^ ks[i]!;
  const [q, offset, previous, mac] = [0, 1, 2, 3].map((i) => bytes.readUInt32BE(1 + i * 4)) as [
    number,
    number,
    number,
    number,
  ];
  if (mac !== hash32([q, offset, previous].join(':'), secret)) return null;
  if (q !== hash32(jql.trim())) return null;
  return { offset, previous };
}
