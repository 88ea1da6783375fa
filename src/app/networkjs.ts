// The driver object Espruino's require("NetworkJS").create(driver) takes: create / close / accept /
// recv / send over the stack's TCP and UDP sockets, so that require("net"), require("http") and
// require("dgram") run over it. Espruino calls these from its idle loop: none of them waits.
// Sockets come from pools made here, once; socket numbers index a fixed table of entries.
import { Interface, Service } from '../iface/interface';
import { TcpSocket, TcpState } from '../socket/tcp';
import { UdpSocket } from '../socket/udp';
import { SocketError } from '../socket/errors';
import { parseIpv4Address } from '../wire/ipv4';
import { DnsClient } from './dns';

export interface NetworkDriverOptions {
  /** Pooled TCP sockets (default 4): connections and listeners share them. */
  tcpSockets?: number;
  /** Pooled UDP sockets (default 2). */
  udpSockets?: number;
  /** Socket numbers handed to Espruino at most (default tcpSockets + udpSockets + 2). */
  maxSockets?: number;
  /** Listening sockets per server, the backlog (default 2, bounded by the pool). */
  backlog?: number;
  /** Ring sizes of each TCP socket (default 2048 each way) and its TIME-WAIT (default 2000 ms: a
   *  small pool cannot hold closed connections for minutes). */
  txBytes?: number;
  rxBytes?: number;
  timeWait?: number;
  /** Ring size of each UDP socket, each way (default 2048; a datagram larger than it is dropped). */
  udpBytes?: number;
  /** Byte <-> string conversion; a board passes native ones (E.toString, E.toUint8Array). */
  bytesToString?: (buf: Uint8Array, off: number, len: number) => string;
  stringToBytes?: (s: string, buf: Uint8Array, off: number) => number;
}

/** Espruino's socket error numbers (libs/network/network.h). */
export var NETWORK_ERRORS = {
  Closed: -1, NoMemory: -2, Timeout: -3, NoRoute: -4, Busy: -5, NotFound: -6, MaxSockets: -7,
  Unsent: -8, Reset: -9, Unknown: -10, NotConnected: -11, BadArgument: -12, NoResponse: -15,
};

/** The stack's error (SocketError) as the Espruino error number. */
export function toNetworkError(e: number): number {
  switch (e) {
    case SocketError.Closed: return -1;
    case SocketError.Exhausted: return -7;
    case SocketError.TimedOut: return -3;
    case SocketError.Unaddressable: return -4;
    case SocketError.BufferFull: return -5;
    case SocketError.NotFound: return -6;
    case SocketError.Reset: return -9;
    case SocketError.InvalidState:
    case SocketError.NotBound: return -11;
    case SocketError.AlreadyInUse:
    case SocketError.BadArgument:
    case SocketError.TooLarge: return -12;
    default: return -10;
  }
}

const enum Kind { Free = 0, Server = 1, Tcp = 2, Udp = 3 }
const UDP_HEADER = 8;

class Entry {
  kind = Kind.Free;
  tcp: TcpSocket | null = null;
  udp: UdpSocket | null = null;
  port = 0;
  /** Server: its listening sockets. */
  listeners: TcpSocket[] = [];
  /** Client: the host name being resolved (empty once connecting). */
  host = '';
  /** Sticky error reported by the next recv (a failed resolution or connect). */
  err = 0;
  /** UDP: the rest of a datagram longer than Espruino's buffer. */
  pending = '';
  /** Waiting for a free DNS query slot. */
  needDns = false;
  /** Bumped when the entry is freed, so that a late DNS answer for the previous user is ignored. */
  gen = 0;
}

function bytesToStringJs(buf: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i += 256) {
    const n = len - i < 256 ? len - i : 256;
    s += String.fromCharCode.apply(null, buf.subarray(off + i, off + i + n) as any);
  }
  return s;
}

function stringToBytesJs(s: string, buf: Uint8Array, off: number): number {
  const n = s.length;
  for (let i = 0; i < n; i++) buf[off + i] = s.charCodeAt(i);
  return n;
}

export class NetworkDriver implements Service {
  readonly iface: Interface;
  readonly dns: DnsClient | null;
  private entries: Entry[] = [];
  private tcpPool: TcpSocket[] = [];
  private tcpOwned: boolean[] = [];
  private udpPool: UdpSocket[] = [];
  private udpOwned: boolean[] = [];
  private backlog: number;
  /** The interface's receive buffer, lent to the DHCP and DNS clients and this driver, which fill
   *  and read it within one call (emit then send; receive then parse, or make a string) and never
   *  across calls. The interface uses it only while poll() takes frames in, before it polls its
   *  services, and these calls come from the services' polls or from outside poll(): a board pays
   *  for no buffer of theirs (a 1,500-byte one is some 110 blocks on Espruino). */
  private buf: Uint8Array;
  private toStr: (buf: Uint8Array, off: number, len: number) => string;
  private toBytes: (s: string, buf: Uint8Array, off: number) => number;
  /** Names waiting for a free DNS query slot. */
  private waitingDns = 0;

  constructor(iface: Interface, dns: DnsClient | null, o?: NetworkDriverOptions) {
    const c = o || {};
    this.iface = iface;
    this.dns = dns;
    const nt = c.tcpSockets === undefined ? 4 : c.tcpSockets, nu = c.udpSockets === undefined ? 2 : c.udpSockets;
    for (let i = 0; i < nt; i++) {
      const s = new TcpSocket({ txBytes: c.txBytes || 2048, rxBytes: c.rxBytes || 2048, timeWait: c.timeWait === undefined ? 2000 : c.timeWait });
      if (iface.add(s) < 0) throw new Error('NetworkDriver needs ' + (nt + nu) + ' free socket slots: raise the interface\'s sockets');
      this.tcpPool.push(s);
      this.tcpOwned.push(false);
    }
    for (let i = 0; i < nu; i++) {
      const ub = c.udpBytes || 2048;
      const s = new UdpSocket({ rxPackets: 4, rxBytes: ub, txPackets: 4, txBytes: ub });
      if (iface.add(s) < 0) throw new Error('NetworkDriver needs ' + (nt + nu) + ' free socket slots: raise the interface\'s sockets');
      this.udpPool.push(s);
      this.udpOwned.push(false);
    }
    const ne = c.maxSockets || nt + nu + 2;
    for (let i = 0; i < ne; i++) this.entries.push(new Entry());
    this.backlog = c.backlog || 2;
    this.buf = iface.rxBuf;
    this.toStr = c.bytesToString || bytesToStringJs;
    this.toBytes = c.stringToBytes || stringToBytesJs;
    iface.attach(this);
  }

  // ---- the five NetworkJS calls ------------------------------------------------------------

  /** host undefined: a server on port; else a client of host (a dotted address or a name, resolved
   *  while the socket connects). Returns the socket number or an Espruino error. */
  create(host: string | undefined, port: number, socketType: number, options?: any): number {
    if ((socketType & 16) !== 0) return -12; // TLS is not offered by this stack
    if (!(port >= 0 && port <= 65535)) return -12;
    // A server (TCP or UDP) needs a port; a client to port 0 fails on first use (sticky err).
    const server = host === undefined || host === null;
    if (server && !(port >= 1)) return -12;
    const n = this.freeEntry();
    if (n < 0) return -7;
    const e = this.entries[n];
    e.err = 0;
    e.pending = '';
    e.host = '';
    e.needDns = false;
    e.port = port;
    if ((socketType & 3) === 2) {
      const u = this.takeUdp();
      if (u === null) return -7;
      e.kind = Kind.Udp;
      e.udp = u;
      if (server) {
        const r = u.bind(port);
        if (r < 0) {
          this.releaseUdp(u);
          e.kind = Kind.Free;
          return toNetworkError(r);
        }
      }
      return n;
    }
    if (server) {
      e.kind = Kind.Server;
      e.listeners.splice(0, e.listeners.length);
      this.refill(e);
      if (e.listeners.length === 0) {
        e.kind = Kind.Free;
        return -7;
      }
      return n;
    }
    const t = this.takeTcp();
    if (t === null) return -7;
    e.kind = Kind.Tcp;
    e.tcp = t;
    if (!(port >= 1)) {
      e.err = -12;
      return n;
    }
    const a = parseIpv4Address(host);
    if (a >= 0) this.connect(e, a);
    else {
      e.host = host;
      this.resolve(e);
    }
    return n;
  }

  close(sckt: number): void {
    const e = this.entries[sckt];
    if (e === undefined || e.kind === Kind.Free) return;
    if (e.kind === Kind.Server) {
      for (let i = 0; i < e.listeners.length; i++) {
        e.listeners[i].close();
        this.releaseTcp(e.listeners[i]);
      }
      e.listeners.splice(0, e.listeners.length);
    } else if (e.kind === Kind.Tcp) {
      const t = e.tcp!;
      if (e.err < 0 || t.state === TcpState.SynSent) t.abort();
      else t.close(); // FIN after what is queued; the pool takes it back once it is closed
      this.releaseTcp(t);
    } else if (e.kind === Kind.Udp) {
      e.udp!.unbind();
      this.releaseUdp(e.udp!);
    }
    e.kind = Kind.Free;
    e.tcp = null;
    e.udp = null;
    e.host = '';
    e.pending = '';
    e.gen++;
  }

  /** A connection that arrived on the server, as a new socket number; -1 when none is waiting. */
  accept(sckt: number): number {
    const e = this.entries[sckt];
    if (e === undefined || e.kind !== Kind.Server) return -1;
    const ls = e.listeners;
    for (let i = 0; i < ls.length; i++) {
      const t = ls[i];
      if (t.state === TcpState.Listen || t.state === TcpState.SynReceived) continue;
      const n = this.freeEntry();
      if (n < 0) return -1;
      ls.splice(i, 1);
      const c = this.entries[n];
      c.kind = Kind.Tcp;
      c.tcp = t;
      c.err = 0;
      c.host = '';
      c.port = t.remotePort;
      this.refill(e);
      return n;
    }
    this.refill(e);
    return -1;
  }

  /** Up to maxLen bytes as a string ("" when nothing yet), or a negative error (then Espruino
   *  closes the socket). UDP datagrams come with the 8-byte header. */
  recv(sckt: number, maxLen: number, socketType?: number): string | number {
    const e = this.entries[sckt];
    if (e === undefined || e.kind === Kind.Free) return -11;
    if (e.kind === Kind.Server) return '';
    if (e.kind === Kind.Udp) return this.recvUdp(e, maxLen);
    if (e.err < 0) return e.err;
    const t = e.tcp!;
    if (e.host !== '') return ''; // still resolving
    let max = maxLen < this.buf.length ? maxLen : this.buf.length;
    if (max <= 0) return '';
    const n = t.recv(this.buf, 0, max);
    if (n > 0) return this.toStr(this.buf, 0, n);
    if (n < 0) return toNetworkError(n);
    return '';
  }

  /** Bytes of data taken (0: try again later) or a negative error. */
  send(sckt: number, data: string, socketType?: number): number {
    const e = this.entries[sckt];
    if (e === undefined || e.kind === Kind.Free || e.kind === Kind.Server) return -11;
    if (e.kind === Kind.Udp) return this.sendUdp(e, data);
    if (e.err < 0) return e.err;
    if (e.host !== '') return 0; // still resolving: Espruino tries again
    const t = e.tcp!;
    if (t.state === TcpState.Closed) return t.error < 0 ? toNetworkError(t.error) : -1;
    const take = t.tx.free();
    if (take <= 0) return 0;
    const n = data.length < take ? data.length : take < this.buf.length ? take : this.buf.length;
    const chunk = n < data.length ? data.substring(0, n) : data;
    this.toBytes(chunk, this.buf, 0);
    const r = t.send(this.buf, 0, n);
    return r < 0 ? toNetworkError(r) : r;
  }

  // ---- Service: DNS retries for names that found every query slot busy ---------------------

  poll(now: number): void {
    if (this.waitingDns === 0) return;
    this.waitingDns = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.kind === Kind.Tcp && e.needDns) this.resolve(e);
    }
  }

  pollAt(now: number): number {
    return this.waitingDns > 0 ? now + 100 : -1;
  }

  // ---- internals --------------------------------------------------------------------------

  private freeEntry(): number {
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i].kind === Kind.Free) return i;
    return -1;
  }

  private takeTcp(): TcpSocket | null {
    for (let i = 0; i < this.tcpPool.length; i++) {
      if (!this.tcpOwned[i] && this.tcpPool[i].state === TcpState.Closed) {
        this.tcpOwned[i] = true;
        return this.tcpPool[i];
      }
    }
    return null;
  }

  private releaseTcp(t: TcpSocket): void {
    const i = this.tcpPool.indexOf(t);
    if (i >= 0) this.tcpOwned[i] = false;
  }

  private takeUdp(): UdpSocket | null {
    for (let i = 0; i < this.udpPool.length; i++) {
      if (!this.udpOwned[i]) {
        this.udpOwned[i] = true;
        const u = this.udpPool[i];
        u.rx.clear();
        return u;
      }
    }
    return null;
  }

  private releaseUdp(u: UdpSocket): void {
    const i = this.udpPool.indexOf(u);
    if (i >= 0) this.udpOwned[i] = false;
  }

  /** Keeps up to `backlog` sockets listening on the server's port. */
  private refill(e: Entry): void {
    while (e.listeners.length < this.backlog) {
      const t = this.takeTcp();
      if (t === null) return;
      if (t.listen(e.port) < 0) {
        this.releaseTcp(t);
        return;
      }
      e.listeners.push(t);
    }
  }

  private connect(e: Entry, addr: number): void {
    const r = e.tcp!.connect(addr, e.port);
    if (r < 0) e.err = toNetworkError(r);
  }

  private resolve(e: Entry): void {
    const dns = this.dns;
    if (dns === null) {
      e.err = -6;
      e.host = '';
      return;
    }
    const gen = e.gen, self = this;
    const r = dns.resolve(e.host, function (err: number, addr: number) {
      if (e.gen !== gen || e.kind !== Kind.Tcp) return; // closed meanwhile
      e.host = '';
      if (err < 0) e.err = toNetworkError(err);
      else self.connect(e, addr);
    });
    e.needDns = r === SocketError.Exhausted;
    if (e.needDns) {
      this.waitingDns++; // retried from poll
      return;
    }
    if (r < 0) {
      e.host = '';
      e.err = toNetworkError(r === SocketError.BadArgument ? SocketError.NotFound : r);
    }
  }

  private recvUdp(e: Entry, maxLen: number): string | number {
    if (e.pending === '') {
      const u = e.udp!;
      if (!u.canRecv()) return '';
      const b = this.buf;
      const n = u.recvFrom(b, UDP_HEADER, b.length - UDP_HEADER);
      const a = u.fromAddr, p = u.fromPort;
      b[0] = a >>> 24;
      b[1] = (a >>> 16) & 255;
      b[2] = (a >>> 8) & 255;
      b[3] = a & 255;
      b[4] = p & 255;
      b[5] = p >>> 8;
      b[6] = n & 255;
      b[7] = n >>> 8;
      e.pending = this.toStr(b, 0, UDP_HEADER + n);
    }
    const s = e.pending;
    if (s.length <= maxLen) {
      e.pending = '';
      return s;
    }
    e.pending = s.substring(maxLen);
    return s.substring(0, maxLen);
  }

  /** data holds one or more datagrams, each behind its 8-byte header. */
  private sendUdp(e: Entry, data: string): number {
    const u = e.udp!;
    let used = 0;
    while (data.length - used >= UDP_HEADER) {
      const len = data.charCodeAt(used + 6) | (data.charCodeAt(used + 7) << 8);
      if (data.length - used < UDP_HEADER + len) break;
      const addr = ((data.charCodeAt(used) << 24) | (data.charCodeAt(used + 1) << 16) | (data.charCodeAt(used + 2) << 8) | data.charCodeAt(used + 3)) >>> 0;
      const port = data.charCodeAt(used + 4) | (data.charCodeAt(used + 5) << 8);
      if (len > this.buf.length) return used > 0 ? used : -12;
      this.toBytes(data.substring(used + UDP_HEADER, used + UDP_HEADER + len), this.buf, 0);
      const r = u.sendTo(this.buf, 0, len, addr, port);
      if (r === SocketError.BufferFull) break;
      if (r < 0 && used === 0) return toNetworkError(r);
      used += UDP_HEADER + len;
    }
    return used;
  }
}
