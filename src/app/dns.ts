// A stub resolver for A records: one UDP socket per query in flight, each on a fresh random port
// with a random id (RFC 5452), answers accepted only from a configured server's port 53 and only when
// id and question match; retries rotate over the servers with a doubling wait; a small cache keeps
// answers for their TTL.
import { Interface, Service } from '../iface/interface';
import { UdpSocket } from '../socket/udp';
import { SocketError } from '../socket/errors';
import { WireError } from '../wire/codes';
import { parseIpv4Address } from '../wire/ipv4';
import { DNS_PORT, DNS_MAX_NAME, DnsRcode, createDnsRepr, encodeDnsName, emitDnsQuery, parseDnsResponse } from '../wire/dns';

export interface DnsOptions {
  /** Server addresses (at most 3); DHCP replaces them when it brings its own. */
  servers?: (string | number)[];
  /** Wait for the first answer (ms, default 1000); it doubles after each round over the servers. */
  timeoutMs?: number;
  /** Queries sent for one name at most, over all servers (default 4). */
  attempts?: number;
  /** Cached names (default 4) and queries in flight (default 2). */
  cacheSize?: number;
  pending?: number;
}

/** err is 0 with the address, or NotFound, TimedOut, Unaddressable (no server). */
export type DnsCallback = (err: number, addr: number) => void;

const enum Slot { Free = 0, Waiting = 1, Done = 2 }
const MAX_SERVERS = 3;

class Query {
  state = Slot.Free;
  sock = new UdpSocket({ rxPackets: 2, rxBytes: 1024, txPackets: 1, txBytes: 300 });
  qname = new Uint8Array(DNS_MAX_NAME + 1);
  qlen = 0;
  name = '';
  id = 0;
  attempt = 0;
  deadline = 0;
  err = 0;
  addr = 0;
  ttl = 0;
  cb: DnsCallback | null = null;
}

export class DnsClient implements Service {
  readonly iface: Interface;
  servers: number[] = [];
  timeoutMs: number;
  attempts: number;
  /** Counters: queries sent, answers taken, datagrams ignored (wrong source, id or question, broken),
   *  names that timed out, cache hits. */
  sent = 0;
  answered = 0;
  ignored = 0;
  timeouts = 0;
  cacheHits = 0;
  private queries: Query[] = [];
  private cacheName: string[] = [];
  private cacheAddr: Uint32Array;
  private cacheUntil: Float64Array;
  /** The interface's receive buffer, to build and read messages in (see NetworkDriver.buf). */
  private buf: Uint8Array;
  private repr = createDnsRepr();

  constructor(iface: Interface, o?: DnsOptions) {
    const c = o || {};
    this.iface = iface;
    this.buf = iface.rxBuf;
    this.timeoutMs = c.timeoutMs || 1000;
    this.attempts = c.attempts || 4;
    const n = c.cacheSize === undefined ? 4 : c.cacheSize;
    for (let i = 0; i < n; i++) this.cacheName.push('');
    this.cacheAddr = new Uint32Array(n);
    this.cacheUntil = new Float64Array(n);
    const p = c.pending || 2;
    for (let i = 0; i < p; i++) {
      const q = new Query();
      if (iface.add(q.sock) < 0) throw new Error('DNS needs ' + p + ' free socket slots: raise the interface\'s sockets');
      this.queries.push(q);
    }
    if (c.servers) this.setServers(c.servers);
    iface.attach(this);
  }

  /** Replaces the server list (dotted strings or numbers; the first 3 are kept). */
  setServers(list: (string | number)[]): void {
    this.servers.splice(0, this.servers.length);
    for (let i = 0; i < list.length && this.servers.length < MAX_SERVERS; i++) {
      const v = list[i];
      const a = typeof v === 'number' ? v >>> 0 : parseIpv4Address(v);
      if (a <= 0) throw new Error('DNS server must be a dotted IPv4 address: got ' + v);
      this.servers.push(a);
    }
  }

  /** A cached, unexpired address for name, or -1. */
  cached(name: string): number {
    const k = name.toLowerCase();
    const now = this.iface.now;
    for (let i = 0; i < this.cacheName.length; i++) {
      if (this.cacheName[i] === k && this.cacheUntil[i] > now) return this.cacheAddr[i];
    }
    return -1;
  }

  /**
   * Looks up name's address; cb(err, addr) runs from a later poll, never from inside this call.
   * A dotted address or a cached name is answered at the next poll. Returns 0, or BadArgument (not a
   * host name), Exhausted (every query slot busy: try later).
   */
  resolve(name: string, cb: DnsCallback): number {
    let q: Query | null = null;
    for (let i = 0; i < this.queries.length; i++) {
      if (this.queries[i].state === Slot.Free) {
        q = this.queries[i];
        break;
      }
    }
    if (q === null) return SocketError.Exhausted;
    const dotted = parseIpv4Address(name);
    const a = dotted >= 0 ? dotted : this.cached(name);
    if (a >= 0) {
      if (dotted < 0) this.cacheHits++;
      this.finish(q, 0, a);
      q.cb = cb;
      return 0;
    }
    const n = encodeDnsName(name, q.qname);
    if (n < 0) return SocketError.BadArgument;
    q.qlen = n;
    q.name = name.toLowerCase();
    q.cb = cb;
    q.err = 0;
    if (this.servers.length === 0) {
      this.finish(q, SocketError.Unaddressable, 0);
      return 0;
    }
    // A fresh random port and id for each name.
    let bound = -1;
    for (let k = 0; k < 16 && bound < 0; k++) bound = q.sock.bind(49152 + (this.iface.random32() % 16384));
    if (bound < 0) return SocketError.Exhausted;
    q.id = this.iface.random32() & 0xffff;
    q.attempt = 0;
    q.state = Slot.Waiting;
    // The query leaves at the next poll, which may come long after the last one (iface.now):
    // its timeout starts then (a negative deadline), or it would be resent at once.
    this.send(q, -1);
    return 0;
  }

  poll(now: number): void {
    const qs = this.queries;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i];
      if (q.state === Slot.Waiting) {
        if (q.deadline < 0) q.deadline = now - q.deadline;
        this.receive(q, now);
        if (q.state === Slot.Waiting && now >= q.deadline) {
          if (q.attempt >= this.attempts) {
            this.timeouts++;
            this.finish(q, SocketError.TimedOut, 0);
          } else this.send(q, now);
        }
      }
      if (q.state === Slot.Done) {
        const cb = q.cb;
        q.state = Slot.Free;
        q.cb = null;
        if (cb !== null) cb(q.err, q.addr);
      }
    }
  }

  pollAt(now: number): number {
    let t = -1;
    const qs = this.queries;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i];
      const at = q.state === Slot.Done || (q.state === Slot.Waiting && q.deadline < 0) ? now : q.state === Slot.Waiting ? q.deadline : -1;
      if (at >= 0 && (t < 0 || at < t)) t = at;
    }
    return t;
  }

  private send(q: Query, now: number): void {
    const servers = this.servers;
    const n = emitDnsQuery(q.id, q.qname, q.qlen, this.buf, 0);
    q.sock.sendTo(this.buf, 0, n, servers[q.attempt % servers.length], DNS_PORT);
    const round = Math.floor(q.attempt / servers.length);
    q.attempt++;
    const wait = this.timeoutMs * (1 << (round < 6 ? round : 6));
    q.deadline = now < 0 ? -wait : now + wait;
    this.sent++;
  }

  private receive(q: Query, now: number): void {
    const s = q.sock, r = this.repr;
    while (q.state === Slot.Waiting && s.canRecv()) {
      const n = s.recvFrom(this.buf, 0, this.buf.length);
      if (s.fromPort !== DNS_PORT || this.servers.indexOf(s.fromAddr) < 0) {
        this.ignored++;
        continue;
      }
      if (parseDnsResponse(this.buf, 0, n, q.qname, q.qlen, r) !== WireError.Ok || r.id !== q.id) {
        this.ignored++;
        continue;
      }
      this.answered++;
      if (r.rcode === DnsRcode.NxDomain) this.finish(q, SocketError.NotFound, 0);
      else if (r.rcode !== DnsRcode.NoError || (r.addrCount === 0 && r.truncated)) q.deadline = now; // ask the next server
      else if (r.addrCount === 0) this.finish(q, SocketError.NotFound, 0);
      else {
        // Cached under its name: the entry for this name, else an expired one, else the one that
        // expires first (no cache, or a TTL of 0: not cached).
        const c = this.cacheName.length, ttl = r.ttl;
        if (c > 0 && ttl > 0) {
          let k = 0;
          for (let i = 0; i < c; i++) {
            if (this.cacheName[i] === q.name) {
              k = i;
              break;
            }
            if (this.cacheUntil[i] < this.cacheUntil[k]) k = i;
          }
          this.cacheName[k] = q.name;
          this.cacheAddr[k] = r.addrs[0];
          this.cacheUntil[k] = now + (ttl > 86400 ? 86400 : ttl) * 1000;
        }
        this.finish(q, 0, r.addrs[0]);
      }
    }
  }

  private finish(q: Query, err: number, addr: number): void {
    q.state = Slot.Done;
    q.err = err;
    q.addr = addr;
    q.sock.unbind();
    q.sock.rx.clear();
    this.iface.wake();
  }
}
