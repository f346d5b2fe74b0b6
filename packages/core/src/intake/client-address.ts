/**
 * Which proxies in front of the server are trusted to report the client's
 * address in `X-Forwarded-For`:
 * - `false` — none: the client is the nearest hop (the socket's peer);
 * - `true` — one proxy (the usual single load balancer), same as `1`;
 * - a number `n` — that many proxies: the client is the `n + 1`-th hop from the right;
 * - a list of addresses and CIDR ranges (`'10.0.0.0/8'`, `'2001:db8::/32'`):
 *   hops from the right that match are skipped; the first that does not is the client.
 *
 * Only the right-hand part of `X-Forwarded-For` is trusted, because every
 * proxy appends what it saw and a client can write anything on the left.
 */
export type TrustProxy = boolean | number | readonly string[];

/** Parses an IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4) into bytes, or undefined. */
export function parseIp(text: string): Uint8Array | undefined {
  let s = text.trim();
  if (s.startsWith('[')) s = s.slice(1, s.indexOf(']') >= 0 ? s.indexOf(']') : undefined);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const v4 = parseIpv4(s);
  if (v4) return v4;
  if (!s.includes(':')) return undefined;
  const v6 = parseIpv6(s);
  if (!v6) return undefined;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? v6.slice(12) : v6;
}

function parseIpv4(s: string): Uint8Array | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return Uint8Array.from(parts.map(Number));
}

function parseIpv6(s: string): Uint8Array | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string | undefined): number[] | undefined => {
    if (!h) return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

/**
 * The rate-limit key of an address: an IPv4 address as itself, an IPv6
 * address by its /64 network (one subscriber usually holds a whole /64, so
 * per-address limits would be trivial to dodge). Text that is not an
 * address is kept as given.
 */
export function clientKey(address: string): string {
  const bytes = parseIp(address);
  if (!bytes) return address.trim();
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  return `${groups.join(':')}::/64`;
}

function matches(address: Uint8Array, rule: string): boolean {
  const [net = '', bitsText] = rule.split('/');
  const base = parseIp(net);
  if (!base || base.length !== address.length) return false;
  const bits = bitsText === undefined ? base.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > base.length * 8) return false;
  for (let i = 0; i < base.length; i++) {
    const take = Math.min(8, Math.max(0, bits - i * 8));
    const mask = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
    if (((address[i] as number) & mask) !== ((base[i] as number) & mask)) return false;
  }
  return true;
}

/**
 * The client's address from the chain of hops, left to right: the entries of
 * `X-Forwarded-For` followed by the socket's peer (when known). See
 * {@link TrustProxy}. Returns undefined for an empty chain.
 */
export function resolveClientAddress(hops: readonly string[], trust: TrustProxy): string | undefined {
  const chain = hops.map((h) => h.trim()).filter(Boolean);
  if (chain.length === 0) return undefined;
  if (Array.isArray(trust)) {
    const rules = trust as readonly string[];
    for (let i = chain.length - 1; i >= 0; i--) {
      const hop = chain[i] as string;
      const bytes = parseIp(hop);
      if (!bytes || !rules.some((r) => matches(bytes, r))) return hop;
    }
    return chain[0];
  }
  const skip = trust === true ? 1 : typeof trust === 'number' && trust > 0 ? Math.floor(trust) : 0;
  return chain[Math.max(0, chain.length - 1 - skip)];
}

/** Splits an `X-Forwarded-For` header into its hops. */
export function forwardedHops(header: string | null | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
}
