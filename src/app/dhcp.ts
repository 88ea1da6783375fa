// DHCPv4 client (RFC 2131 4.4): INIT -> SELECTING -> REQUESTING -> BOUND -> RENEWING (T1, unicast
// to the server) -> REBINDING (T2, broadcast) -> lease expiry (address removed, sockets told, start
// over). On link up with a lease it asks to keep its address (INIT-REBOOT). Replies count only with
// our xid and our hardware address; while requesting, only the chosen server's.
// A newly acquired address is probed with ARP before it is configured (RFC 5227 2.1: PROBING); a
// conflict sends a DECLINE and restarts at INIT after a wait (RFC 2131 3.1). Once bound it is
// announced with gratuitous ARP (RFC 5227 2.3). INIT-REBOOT and renewals keep an address already in
// use without probing: RFC 5227 concerns newly acquired addresses. stop() RELEASEs the lease
// (RFC 2131 4.4.6) before the address leaves the interface.
import { Interface, Service } from '../iface/interface';
import { UdpSocket } from '../socket/udp';
import { WireError } from '../wire/codes';
import { prefixFromMask } from '../wire/ipv4';
import { DHCP_CLIENT_PORT, DHCP_SERVER_PORT, DhcpType, DhcpOp, DhcpRepr, createDhcpRepr, parseDhcp, emitDhcp } from '../wire/dhcp';
import { DnsClient } from './dns';

export interface DhcpOptions {
  /** Sent as option 12 so that the server (and its DNS) can name us. */
  hostName?: string;
  /** First retransmission wait (ms, default 4000); doubles up to maxRetryMs (default 64000), with
   *  up to a quarter (at most 1 s) of random spread. */
  retryMs?: number;
  maxRetryMs?: number;
  /** REQUESTs sent before starting over with a DISCOVER (default 4). */
  requestTries?: number;
  /** Shortest wait between renewal or rebinding requests (ms, default 60000, RFC 2131 4.4.5). */
  minRenewRetryMs?: number;
  /** How often the link is checked (ms, default 1000; 0: never). */
  linkCheckMs?: number;
  /** Receives the DNS servers of each lease. */
  dns?: DnsClient;
  /** Called with true when a lease is obtained or renewed with changes, false when it is lost. */
  onChange?: (bound: boolean) => void;
  /** ARP probes of a new address before it is used (default 3, RFC 5227 PROBE_NUM; 0: none), sent
   *  after a random wait of 0..probeWaitMs (default 1000, PROBE_WAIT), probeMinMs..probeMaxMs apart
   *  (defaults 1000 and 2000, PROBE_MIN / PROBE_MAX); the address is taken announceWaitMs (default
   *  2000, ANNOUNCE_WAIT) after the last probe. The RFC values make a lease take 4 to 7 s longer;
   *  a board on a network it controls may shorten them. */
  probes?: number;
  probeWaitMs?: number;
  probeMinMs?: number;
  probeMaxMs?: number;
  announceWaitMs?: number;
  /** Gratuitous ARP announcements once bound (default 2, ANNOUNCE_NUM), announceIntervalMs apart
   *  (default 2000, ANNOUNCE_INTERVAL). */
  announces?: number;
  announceIntervalMs?: number;
  /** Wait after a DECLINE before DISCOVER again (ms, default 10000: RFC 2131 3.1 asks for at least
   *  10 s, against a loop of offers of a taken address). */
  declineWaitMs?: number;
  /** How long stop() keeps the address for the RELEASE to leave (ms, default 3000: the server's
   *  MAC may need resolving first). */
  releaseWaitMs?: number;
}

/** An address we can take as ours: not 0, no multicast group (224/4), not the limited broadcast.
 *  The interface refuses the others, and here they come from the wire. */
function unicast(a: number): boolean {
  return a !== 0 && (a >>> 28) !== 14 && a !== 0xffffffff;
}

function opt(v: number | undefined, d: number): number {
  return v === undefined ? d : v;
}

export const enum DhcpState { Stopped = 0, Init = 1, Selecting = 2, Requesting = 3, Bound = 4, Renewing = 5, Rebinding = 6, Rebooting = 7, Probing = 8 }
export var DHCP_STATES = ['Stopped', 'Init', 'Selecting', 'Requesting', 'Bound', 'Renewing', 'Rebinding', 'Rebooting', 'Probing'];

export class DhcpClient implements Service {
  readonly iface: Interface;
  state = DhcpState.Stopped;
  /** The lease: our address, prefix, gateway, DNS servers, server, and when it ends (ms, -1: never). */
  address = 0;
  prefix = 24;
  gateway = 0;
  dnsServers: number[] = [];
  serverId = 0;
  leaseMs = 0;
  t1At = -1;
  t2At = -1;
  expireAt = -1;
  /** Counters: messages sent, replies taken, replies ignored (xid, hardware address, server, broken). */
  discovers = 0;
  requests = 0;
  offers = 0;
  acks = 0;
  naks = 0;
  ignored = 0;
  /** ARP probes and announcements sent, conflicts seen while probing, DECLINEs and RELEASEs sent. */
  probes = 0;
  announces = 0;
  conflicts = 0;
  declines = 0;
  releases = 0;
  private sock: UdpSocket;
  private o: DhcpOptions;
  // Options with their defaults filled in once.
  private retryMs: number;
  private maxRetryMs: number;
  private linkCheckMs: number;
  private xid = 0;
  private tries = 0;
  private nextAt = -1;
  private startedAt = 0;
  private requestAt = 0;
  private offered = 0;
  private linkAt = 0;
  private linkUp = true;
  private hasLease = false;
  private announceLeft = 0;
  private announceAt = -1;
  /** While a RELEASE waits to leave: when the address goes anyway (-1: no release pending). */
  private releaseUntil = -1;
  private onStopped: (() => void) | null = null;
  /** The message parsed or sent; while probing, the ACK being probed (nothing is parsed then). */
  private repr = createDhcpRepr();
  /** The interface's receive buffer, to build and read messages in (see NetworkDriver.buf). */
  private buf: Uint8Array;

  constructor(iface: Interface, o?: DhcpOptions) {
    this.iface = iface;
    this.buf = iface.rxBuf;
    const c = o || {};
    this.o = c;
    this.retryMs = c.retryMs || 4000;
    this.maxRetryMs = c.maxRetryMs || 64000;
    this.linkCheckMs = c.linkCheckMs === undefined ? 1000 : c.linkCheckMs;
    this.sock = new UdpSocket({ rxPackets: 2, rxBytes: 1200, txPackets: 1, txBytes: 576 });
    if (iface.add(this.sock) < 0) throw new Error('DHCP needs a free socket slot: raise the interface\'s sockets');
    iface.attach(this);
  }

  /** Starts (or restarts) acquiring an address: a DISCOVER at the next poll. */
  start(): number {
    if (this.releaseUntil >= 0) this.released();
    const r = this.sock.bind(DHCP_CLIENT_PORT);
    if (r < 0) return r;
    this.state = DhcpState.Init;
    this.nextAt = this.iface.now;
    this.linkAt = this.iface.now;
    this.iface.wake();
    return 0;
  }

  /**
   * Stops acquiring. A lease held is RELEASEd to its server and then dropped (the address leaves the
   * interface): at once when the RELEASE leaves at once (the server's MAC is known), else after the
   * next polls, releaseWaitMs at most. done (optional) runs once the address is gone.
   */
  stop(done?: () => void): void {
    const was = this.state;
    this.state = DhcpState.Stopped;
    this.nextAt = -1;
    this.announceLeft = 0;
    this.iface.probeIp = 0;
    if (this.releaseUntil >= 0) this.released();
    if (this.hasLease && was !== DhcpState.Stopped) {
      const iface = this.iface, s = this.sock;
      this.xid = iface.random32();
      this.releases++;
      this.send(DhcpType.Release, this.serverId, this.address, 0, this.serverId);
      // Out now if the server's MAC is known (stop() may be called outside poll).
      const set = iface.set, cur = set.current;
      set.current = s;
      s.dispatch(iface.now);
      set.current = cur;
      if (s.tx.count > 0) {
        this.onStopped = done || null;
        this.releaseUntil = iface.now + opt(this.o.releaseWaitMs, 3000);
        iface.wake();
        return;
      }
    }
    if (this.hasLease) this.lose();
    this.sock.unbind();
    if (done) done();
  }

  poll(now: number): void {
    if (this.releaseUntil >= 0) {
      if (this.sock.tx.count === 0 || now >= this.releaseUntil) this.released();
      return;
    }
    if (this.state === DhcpState.Stopped) return;
    if (this.linkCheckMs > 0 && now >= this.linkAt) {
      // The link, every linkCheckMs: back on a link that may be another network, confirm the
      // lease, or start over.
      this.linkAt = now + this.linkCheckMs;
      const up = this.iface.device.linkUp();
      if (up && !this.linkUp) {
        this.xid = this.iface.random32();
        this.tries = 0;
        this.startedAt = now;
        this.iface.probeIp = 0;
        if (this.hasLease) {
          this.state = DhcpState.Rebooting;
          this.offered = this.address;
          this.serverId = 0;
        } else this.state = DhcpState.Init;
        this.nextAt = now;
      }
      this.linkUp = up;
    }
    this.receive(now);
    if (this.state === DhcpState.Probing && this.iface.probeConflict) this.decline(now);
    if (this.hasLease && this.expireAt >= 0 && now >= this.expireAt) this.lose();
    if (this.nextAt >= 0 && now >= this.nextAt) this.timer(now);
    if (this.announceLeft > 0 && now >= this.announceAt) {
      this.announceLeft--;
      this.announces++;
      this.iface.arpRequest(this.address, this.address);
      this.announceAt = now + opt(this.o.announceIntervalMs, 2000);
    }
  }

  pollAt(now: number): number {
    if (this.releaseUntil >= 0) return this.sock.tx.count === 0 ? now : this.releaseUntil;
    if (this.state === DhcpState.Stopped) return -1;
    let t = this.nextAt;
    if (this.hasLease && this.expireAt >= 0 && (t < 0 || this.expireAt < t)) t = this.expireAt;
    if (this.linkCheckMs > 0 && (t < 0 || this.linkAt < t)) t = this.linkAt;
    if (this.announceLeft > 0 && (t < 0 || this.announceAt < t)) t = this.announceAt;
    return t;
  }

  // ---- internals --------------------------------------------------------------------------

  private backoff(now: number): number {
    const first = this.retryMs, max = this.maxRetryMs;
    let w = first;
    for (let i = 1; i < this.tries && w < max; i++) w *= 2;
    if (w > max) w = max;
    const spread = w / 4 < 1000 ? w / 4 : 1000;
    return now + w - spread + (this.iface.random32() % (2 * spread + 1));
  }

  /** A random time in now + lo..hi (ms). */
  private between(now: number, lo: number, hi: number): number {
    return hi > lo ? now + lo + (this.iface.random32() % (hi - lo + 1)) : now + lo;
  }

  /** Half the time left to `until`, at least the minimum, at most until. */
  private halfway(now: number, until: number): number {
    const min = this.o.minRenewRetryMs || 60000;
    let w = (until - now) / 2;
    if (w < min) w = min;
    return now + w < until ? now + w : until;
  }

  private timer(now: number): void {
    switch (this.state) {
      case DhcpState.Init:
        this.xid = this.iface.random32();
        this.tries = 0;
        this.startedAt = now;
        this.state = DhcpState.Selecting;
        this.timer(now); // the first DISCOVER
        return;
      case DhcpState.Selecting:
        this.tries++;
        this.discovers++;
        this.send(DhcpType.Discover, 0xffffffff, 0, this.hasLease ? this.address : 0, 0);
        this.nextAt = this.backoff(now);
        return;
      case DhcpState.Requesting:
      case DhcpState.Rebooting:
        if (this.tries >= (this.o.requestTries || 4)) {
          this.state = DhcpState.Init;
          this.nextAt = now;
          return;
        }
        this.tries++;
        this.requestAt = now;
        this.requests++;
        this.send(DhcpType.Request, 0xffffffff, 0, this.offered, this.state === DhcpState.Requesting ? this.serverId : 0);
        this.nextAt = this.backoff(now);
        return;
      case DhcpState.Bound:
        this.state = DhcpState.Renewing;
        this.xid = this.iface.random32();
        this.timer(now);
        return;
      case DhcpState.Renewing:
        if (this.t2At >= 0 && now >= this.t2At) {
          this.state = DhcpState.Rebinding;
          this.timer(now);
          return;
        }
        this.requestAt = now;
        this.requests++;
        this.send(DhcpType.Request, this.serverId, this.address, 0, 0);
        this.nextAt = this.halfway(now, this.t2At);
        return;
      case DhcpState.Rebinding:
        this.requestAt = now;
        this.requests++;
        this.send(DhcpType.Request, 0xffffffff, this.address, 0, 0);
        this.nextAt = this.halfway(now, this.expireAt);
        return;
      case DhcpState.Probing: {
        const o = this.o, n = opt(o.probes, 3);
        if (this.tries < n) {
          // RFC 5227 2.1.1: sender IP 0, target the candidate, target MAC 0, broadcast.
          this.tries++;
          this.probes++;
          this.iface.arpRequest(0, this.offered);
          this.nextAt = this.tries < n ? this.between(now, opt(o.probeMinMs, 1000), opt(o.probeMaxMs, 2000)) : now + opt(o.announceWaitMs, 2000);
          return;
        }
        this.iface.probeIp = 0;
        this.bind(now, this.repr);
        return;
      }
    }
  }

  /** The probed address is taken: DECLINE it (RFC 2131 4.4.4: broadcast, ciaddr 0, options 50 and
   *  54) and DISCOVER again after declineWaitMs. */
  private decline(now: number): void {
    this.iface.probeIp = 0;
    this.conflicts++;
    this.declines++;
    this.xid = this.iface.random32();
    this.send(DhcpType.Decline, 0xffffffff, 0, this.offered, this.serverId);
    this.state = DhcpState.Init;
    this.nextAt = now + opt(this.o.declineWaitMs, 10000);
  }

  /** The RELEASE left (or its time is up): the address leaves the interface. */
  private released(): void {
    this.releaseUntil = -1;
    if (this.hasLease) this.lose();
    this.sock.unbind();
    const done = this.onStopped;
    this.onStopped = null;
    if (done) done();
  }

  private send(type: number, dst: number, ciaddr: number, requested: number, server: number): void {
    const r = this.repr, iface = this.iface;
    r.op = DhcpOp.Request;
    r.xid = this.xid;
    // DECLINE and RELEASE: secs 0, no host name, no parameter list (RFC 2131 table 5).
    const plain = type === DhcpType.Decline || type === DhcpType.Release;
    const secs = plain ? 0 : Math.floor((iface.now - this.startedAt) / 1000);
    r.secs = secs < 0 ? 0 : secs > 65535 ? 65535 : secs;
    r.broadcast = false;
    r.ciaddr = ciaddr;
    r.yiaddr = r.siaddr = r.giaddr = 0;
    r.chaddr = iface.mac;
    r.msgType = type;
    r.requestedIp = requested;
    r.serverId = server;
    r.hasSubnetMask = false;
    r.subnetMask = r.router = 0;
    r.dnsCount = 0;
    r.leaseTime = r.renewalTime = r.rebindingTime = -1;
    r.hostName = plain ? '' : this.o.hostName || '';
    r.askParams = !plain;
    const n = emitDhcp(r, this.buf, 0);
    this.sock.sendTo(this.buf, 0, n, dst, DHCP_SERVER_PORT);
  }

  private receive(now: number): void {
    const s = this.sock, r = this.repr, iface = this.iface;
    while (s.canRecv()) {
      const n = s.recvFrom(this.buf, 0, this.buf.length);
      const st = this.state;
      // While probing, every message is ignored, unparsed: repr keeps the ACK that bind() takes.
      if (st === DhcpState.Probing || s.fromPort !== DHCP_SERVER_PORT || parseDhcp(this.buf, 0, n, r) !== WireError.Ok || r.op !== DhcpOp.Reply ||
          r.xid !== this.xid || r.chaddr !== iface.mac) {
        this.ignored++;
        continue;
      }
      if (r.msgType === DhcpType.Offer) {
        if (st !== DhcpState.Selecting || !unicast(r.yiaddr) || r.serverId === 0) {
          this.ignored++;
          continue;
        }
        this.offers++;
        this.offered = r.yiaddr;
        this.serverId = r.serverId;
        this.state = DhcpState.Requesting;
        this.tries = 0;
        this.nextAt = now;
        this.timer(now);
      } else if (r.msgType === DhcpType.Ack || r.msgType === DhcpType.Nak) {
        const fromOurs = r.serverId === this.serverId || this.serverId === 0 || st === DhcpState.Rebinding;
        if ((st !== DhcpState.Requesting && st !== DhcpState.Rebooting && st !== DhcpState.Renewing && st !== DhcpState.Rebinding) || !fromOurs) {
          this.ignored++;
          continue;
        }
        if (r.msgType === DhcpType.Nak) {
          this.naks++;
          if (this.hasLease) this.lose();
          this.state = DhcpState.Init;
          this.nextAt = now + this.retryMs / 4;
          continue;
        }
        if (!unicast(r.yiaddr) || (st === DhcpState.Requesting && r.yiaddr !== this.offered)) {
          this.ignored++;
          continue;
        }
        this.acks++;
        if (st === DhcpState.Requesting && !(this.hasLease && r.yiaddr === this.address) && opt(this.o.probes, 3) > 0) {
          // A new address: probe it before use (RFC 5227 2.1), keeping this ACK (repr) for bind().
          this.offered = r.yiaddr;
          this.state = DhcpState.Probing;
          this.tries = 0;
          this.iface.probeIp = r.yiaddr;
          this.iface.probeConflict = false;
          this.nextAt = this.between(now, 0, opt(this.o.probeWaitMs, 1000));
          return;
        }
        this.bind(now, r);
      } else this.ignored++;
    }
  }

  /** Takes the lease in r (an ACK). */
  private bind(now: number, r: DhcpRepr): void {
    const iface = this.iface;
    const fresh = this.state === DhcpState.Probing || this.state === DhcpState.Requesting;
    const prefix = r.hasSubnetMask ? prefixFromMask(r.subnetMask) : 24;
    const changed = !this.hasLease || r.yiaddr !== this.address || prefix !== this.prefix || r.router !== this.gateway;
    if (this.hasLease && r.yiaddr !== this.address) iface.dropAddress();
    this.address = r.yiaddr;
    this.prefix = prefix;
    this.gateway = r.router;
    if (r.serverId !== 0) this.serverId = r.serverId;
    this.dnsServers.splice(0, this.dnsServers.length);
    for (let i = 0; i < r.dnsCount; i++) this.dnsServers.push(r.dns[i]);
    iface.setAddress(r.yiaddr, prefix, r.router);
    if (this.o.dns && r.dnsCount > 0) this.o.dns.setServers(this.dnsServers);
    // Lease times count from when the request went out (RFC 2131 4.4.1).
    const base = this.requestAt;
    const lease = r.leaseTime < 0 ? 3600 : r.leaseTime;
    this.hasLease = true;
    this.state = DhcpState.Bound;
    if (lease === 0xffffffff) {
      this.leaseMs = -1;
      this.t1At = this.t2At = this.expireAt = this.nextAt = -1;
    } else {
      this.leaseMs = lease * 1000;
      this.expireAt = base + this.leaseMs;
      this.t1At = base + (r.renewalTime >= 0 && r.renewalTime < lease ? r.renewalTime * 1000 : this.leaseMs / 2);
      this.t2At = base + (r.rebindingTime >= 0 && r.rebindingTime < lease ? r.rebindingTime * 1000 : this.leaseMs * 7 / 8);
      if (this.t2At < this.t1At) this.t2At = this.t1At;
      this.nextAt = this.t1At;
    }
    // A newly taken address is announced (RFC 5227 2.3), the first time now.
    if (fresh && changed) {
      this.announceLeft = opt(this.o.announces, 2);
      this.announceAt = now;
    }
    if (changed && this.o.onChange) this.o.onChange(true);
  }

  /** The lease is gone: the address leaves the interface (its connections end), DISCOVER again. */
  private lose(): void {
    this.hasLease = false;
    this.announceLeft = 0;
    if (this.iface.ipAddr === this.address) this.iface.dropAddress();
    this.address = 0;
    this.gateway = 0;
    this.t1At = this.t2At = this.expireAt = -1;
    if (this.state !== DhcpState.Stopped) {
      this.state = DhcpState.Init;
      this.nextAt = this.iface.now;
    }
    if (this.o.onChange) this.o.onChange(false);
  }
}
