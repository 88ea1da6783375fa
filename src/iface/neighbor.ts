/**
 * The ARP neighbour cache: a fixed number of entries in typed arrays, looked up by a short scan.
 * An entry is empty, pending (a request went out, no answer yet) or resolved until it expires.
 * Requests for one address are rate-limited. An entry that expires while in use is not dropped at
 * once: it goes stale and stays in use while unicast requests to its MAC ask whether it still holds
 * (RFC 1122 2.3.2.1, Linux's STALE and PROBE states), so that a connection does not wait for a new
 * broadcast exchange (a second or more when a frame of it is lost) each time an entry expires.
 */
export const enum Neigh { Empty = 0, Pending = 1, Resolved = 2, Stale = 3 }

/** Unicast requests a stale entry gets, retryMs apart, before it is dropped. */
const PROBES = 3;

export class NeighborCache {
  readonly size: number;
  ip: Float64Array;
  mac: Float64Array;
  state: Uint8Array;
  /** Resolved: expiry time. Pending: time of the last request. Stale: time of the next request. */
  time: Float64Array;
  /** Time a pending entry was created (to give up on it and reuse the entry), or a stale one went
   *  stale. */
  since: Float64Array;
  lifetime: number;
  retryMs: number;

  constructor(size: number, lifetime: number, retryMs: number) {
    if (!(size >= 1)) throw new Error('arpCacheSize must be at least 1');
    this.size = size;
    this.ip = new Float64Array(size);
    this.mac = new Float64Array(size);
    this.state = new Uint8Array(size);
    this.time = new Float64Array(size);
    this.since = new Float64Array(size);
    this.lifetime = lifetime;
    this.retryMs = retryMs;
  }

  /** The entry entry() found last. */
  private last = 0;

  private find(ip: number): number {
    for (let i = 0; i < this.size; i++) if (this.state[i] !== Neigh.Empty && this.ip[i] === ip) return i;
    return -1;
  }

  /** The entry holding ip's MAC (read it from `mac[entry]`), or -1 when unknown or expired, or
   *  -2 - entry when the caller is to use the entry and send a unicast request to its MAC.
   *  The hot path uses the entry: a 48-bit MAC returned from a call is boxed by V8. */
  entry(ip: number, now: number): number {
    // The entry found last is tried first (a board talks to a host or two; on the interpreter the
    // search costs a call and a loop per frame sent). No IP has two entries, so it is find's answer.
    let i = this.last;
    if (this.state[i] === Neigh.Empty || this.ip[i] !== ip) {
      i = this.find(ip);
      if (i >= 0) this.last = i;
    }
    if (i < 0 || this.state[i] < Neigh.Resolved) return -1;
    if (this.time[i] <= now) return this.revalidate(i, now);
    return i;
  }

  /** entry() for an entry whose time has come: a resolved one goes stale, a stale one asks again
   *  every retryMs. It is given up (-1: the caller's shouldRequest makes it pending) after PROBES
   *  requests, or at once when it expired a lifetime ago, unused since. */
  private revalidate(i: number, now: number): number {
    if (this.state[i] === Neigh.Resolved) {
      if (now - this.time[i] >= this.lifetime) return -1;
      this.state[i] = Neigh.Stale;
      this.since[i] = now;
    } else if (now - this.since[i] >= PROBES * this.retryMs) {
      return -1;
    }
    this.time[i] = now + this.retryMs;
    return -2 - i;
  }

  /** The MAC of ip, or -1 when unknown or expired (a stale entry still answers). Changes nothing. */
  lookup(ip: number, now: number): number {
    const i = this.find(ip);
    if (i < 0 || this.state[i] < Neigh.Resolved || (this.state[i] === Neigh.Resolved && this.time[i] <= now)) return -1;
    return this.mac[i];
  }

  /** Records ip -> mac (from an ARP packet). Returns true when a pending entry became resolved. */
  fill(ip: number, mac: number, now: number): boolean {
    let i = this.find(ip);
    const wasPending = i >= 0 && this.state[i] === Neigh.Pending;
    if (i < 0) i = this.victim(now);
    this.ip[i] = ip;
    this.mac[i] = mac;
    this.state[i] = Neigh.Resolved;
    this.time[i] = now + this.lifetime;
    return wasPending;
  }

  /** Updates ip only if it is already cached (RFC 826: merge without creating entries). */
  refresh(ip: number, mac: number, now: number): boolean {
    const i = this.find(ip);
    if (i < 0) return false;
    return this.fill(ip, mac, now);
  }

  /** Should a request for ip go out now? Marks the entry pending and stamps the request time. */
  shouldRequest(ip: number, now: number): boolean {
    let i = this.find(ip);
    if (i >= 0 && this.state[i] === Neigh.Pending) {
      if (now - this.time[i] < this.retryMs) return false;
      this.time[i] = now;
      return true;
    }
    // Unknown, or resolved or stale but given up by entry(): pending from now.
    if (i < 0) i = this.victim(now);
    this.ip[i] = ip;
    this.state[i] = Neigh.Pending;
    this.since[i] = now;
    this.time[i] = now;
    return true;
  }

  /** The earliest time a pending entry may be retried, or -1. */
  nextRetry(): number {
    let t = -1;
    for (let i = 0; i < this.size; i++) {
      if (this.state[i] !== Neigh.Pending) continue;
      const r = this.time[i] + this.retryMs;
      if (t < 0 || r < t) t = r;
    }
    return t;
  }

  /** An entry to (re)use: empty, else expired, else the one closest to expiry. */
  private victim(now: number): number {
    let best = 0, bestTime = Infinity;
    for (let i = 0; i < this.size; i++) {
      const s = this.state[i];
      if (s === Neigh.Empty) return i;
      const t = s === Neigh.Pending ? this.since[i] + this.lifetime : this.time[i];
      if (t < bestTime) { bestTime = t; best = i; }
    }
    return best;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.state[i] = Neigh.Empty;
  }
}
