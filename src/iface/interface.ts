import { Device } from '../phy/device';
import { SocketSet } from '../socket/set';
import { Socket, SocketKind } from '../socket/socket';
import { SocketError } from '../socket/errors';
import { UdpSocket } from '../socket/udp';
import { RawSocket } from '../socket/raw';
import { IcmpSocket } from '../socket/icmp';
import type { TcpSocket } from '../socket/tcp';
import { copyBytes } from '../storage/copy';
import { WireError } from '../wire/codes';
import { MAC_BROADCAST, isMulticastMac, writeMac } from '../wire/mac';
import { ETH_HEADER_LEN, EtherType, createEthernetRepr, EthernetRepr } from '../wire/ethernet';
import { ARP_LEN, ArpOp, createArpRepr, parseArp, emitArp, ArpRepr } from '../wire/arp';
import { IPV4_HEADER_LEN, createIpv4Repr, parseIpv4, parseIpv4Address, Ipv4Repr } from '../wire/ipv4';
import { ICMP_HEADER_LEN, IcmpType, createIcmpv4Repr, parseIcmpv4, emitIcmpv4, Icmpv4Repr } from '../wire/icmpv4';
import { createUdpRepr, parseUdp, UdpRepr } from '../wire/udp';
import { TcpFlag, createTcpRepr, parseTcp, emitTcp, TcpRepr } from '../wire/tcp';
import { NeighborCache } from './neighbor';
import { Rx } from './results';

/** Interface configuration. Addresses may be dotted strings or uint32 numbers. */
export interface InterfaceConfig {
  /** The raw-frame device (a chip driver, loopback, or a test wire endpoint). */
  device: Device;
  /** Our IPv4 address (default 0.0.0.0: unconfigured, e.g. before DHCP). */
  ip?: string | number;
  /** Prefix length of our subnet (default 24). */
  prefix?: number;
  /** Default gateway (default none: only on-link destinations are reachable). */
  gateway?: string | number;
  /** IP MTU (default min(1500, device.maxFrame - 14)). */
  mtu?: number;
  /** Socket slots (default 8). The default build grows past it; NO_ALLOC never does. */
  sockets?: number;
  /** ARP cache entries (default 8), lifetime (default 60 s) and request interval (default 1 s). */
  arpCacheSize?: number;
  /** How long a learned MAC is trusted (default 60000 ms); one in use when it expires is kept
   *  while up to three unicast requests, arpRetryMs apart, ask whether it still holds. */
  arpLifetimeMs?: number;
  /** Time between ARP requests for one address (default 1000 ms). */
  arpRetryMs?: number;
  /** ICMP errors sent per second at most (default 10). */
  icmpErrorsPerSecond?: number;
  /** Frames taken from the device per poll at most (default 32). */
  framesPerPoll?: number;
  /** Seed of the interface's random numbers (default from Math.random and the clock). */
  seed?: number;
}

/** Work polled with the interface (the DHCP and DNS clients): poll runs after the device is
 *  drained and before sockets send; pollAt says when it needs the next poll (-1: not by itself). */
export interface Service {
  poll(now: number): void;
  pollAt(now: number): number;
}

/** Where layer 4 starts in txBuf: Ethernet 14 + IPv4 20. */
export const L4_OFFSET = ETH_HEADER_LEN + IPV4_HEADER_LEN;

function addr(v: string | number | undefined, what: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') {
    if (v >= 0 && v <= 0xffffffff && Math.floor(v) === v) return v >>> 0;
  } else {
    const a = parseIpv4Address(v);
    if (a >= 0) return a;
  }
  throw new Error(what + ' must be a dotted IPv4 address such as "192.168.1.10": got ' + v);
}

/**
 * A network interface: one device, one IPv4 address, the ARP cache and the sockets. poll(now) takes
 * frames from the device through one process* function per protocol, then lets dirty or due sockets
 * send; pollAt(now) says when poll must run next. Every process* returns an Rx code, which is also
 * counted in `counters`.
 */
export class Interface {
  readonly device: Device;
  readonly mac: number;
  /** The MAC's first two octets and last four (as an int32): ingress compares a frame's destination
   *  with them, with no 48-bit number (in V8 a boxed double per frame, unless inlined). */
  private readonly macHi: number;
  private readonly macLo: number;
  ipAddr: number;
  prefix: number;
  netmask: number;
  /** The subnet's directed broadcast, or 0xffffffff (the limited one) where there is none: no
   *  address, or a /31 or /32, whose two addresses are both hosts (RFC 3021). */
  private subnetBcast: number;
  gateway: number;
  readonly mtu: number;
  readonly set: SocketSet;
  readonly counters: Uint32Array;
  readonly neighbors: NeighborCache;
  readonly txBuf: Uint8Array;
  readonly rxBuf: Uint8Array;
  readonly l4Offset: number;
  now: number;
  /** Called (outside poll) when a socket queues something to send: a board schedules a poll. */
  onWork: (() => void) | null;
  /** Services polled with the interface (attach). */
  readonly services: Service[];
  /** True while poll runs (no onWork calls then). */
  polling: boolean;
  /** Address being probed (RFC 5227) before it is configured, 0: none. ARP from another host whose
   *  sender is that address, or another host's probe for it, sets probeConflict. */
  probeIp: number;
  probeConflict: boolean;
  private framesPerPoll: number;
  private ident: number;
  private rnd: number;
  private nextPort: number;
  private icmpTokens: number;
  private icmpRate: number;
  private icmpRefill: number;
  private arpRetryAt: number;
  private arp: ArpRepr;
  private ip: Ipv4Repr;
  private icmp: Icmpv4Repr;
  private udp: UdpRepr;
  private tcp: TcpRepr;
  private txEth: EthernetRepr;
  /** The TCP header being sent, filled and emitted at once by the RST path and by every TCP socket
   *  (TcpSocket.emit): one for all, as each costs some 42 blocks on Espruino. */
  txTcp: TcpRepr;
  /** The destination MAC in txBuf[0..6) (-1: none yet) and whether our own is in txBuf[6..12). */
  private txDstMac: number;
  private txSrcMac: boolean;

  constructor(config: InterfaceConfig) {
    if (!config || !config.device) throw new Error('Interface needs config.device (a chip driver or another Device)');
    const dev = config.device;
    const mtu = config.mtu || Math.min(1500, dev.maxFrame - ETH_HEADER_LEN);
    if (!(mtu >= 576 - 0 && mtu <= dev.maxFrame - ETH_HEADER_LEN)) {
      throw new Error('mtu must be between 576 and ' + (dev.maxFrame - ETH_HEADER_LEN) + ' for this device');
    }
    const arpRetryMs = config.arpRetryMs || 1000;
    if (!(arpRetryMs >= 1)) throw new Error('arpRetryMs must be >= 1');
    // The fields are made here, those read most per frame first (counted on the TCP bench), as in
    // TcpSocket's constructor: Espruino finds a property by a walk in the order they were made.
    this.polling = false;
    this.now = 0;
    this.set = new SocketSet(config.sockets || 8, true);
    this.ipAddr = 0;
    this.txBuf = new Uint8Array(dev.maxFrame);
    this.device = dev;
    this.framesPerPoll = config.framesPerPoll || 32;
    this.arpRetryAt = -1;
    this.counters = new Uint32Array(Rx.Count);
    this.rxBuf = new Uint8Array(dev.maxFrame);
    this.services = [];
    this.subnetBcast = 0xffffffff;
    this.neighbors = new NeighborCache(config.arpCacheSize || 8, config.arpLifetimeMs || 60000, arpRetryMs);
    this.txEth = createEthernetRepr();
    this.ident = 0;
    this.txTcp = createTcpRepr();
    this.l4Offset = L4_OFFSET;
    this.mtu = mtu;
    this.netmask = 0;
    this.txDstMac = -1;
    this.txSrcMac = false;
    this.macHi = Math.floor(dev.mac / 4294967296);
    this.macLo = dev.mac | 0;
    this.ip = createIpv4Repr();
    this.tcp = createTcpRepr();
    this.onWork = null;
    this.mac = dev.mac;
    this.prefix = 24;
    this.gateway = 0;
    this.probeIp = 0;
    this.probeConflict = false;
    this.udp = createUdpRepr();
    this.icmp = createIcmpv4Repr();
    this.arp = createArpRepr();
    this.icmpRefill = 0;
    this.icmpRate = config.icmpErrorsPerSecond === undefined ? 10 : config.icmpErrorsPerSecond;
    this.icmpTokens = this.icmpRate;
    const seed = config.seed === undefined ? (Math.random() * 4294967296) ^ Date.now() : config.seed;
    this.rnd = (seed >>> 0) || 0x9e3779b9;
    this.nextPort = 49152 + (this.random32() % 16384);
    this.set.iface = this;
    this.setAddress(config.ip === undefined ? 0 : config.ip, config.prefix === undefined ? 24 : config.prefix, config.gateway);
  }

  /** Sets our address, prefix length and gateway (0 / "0.0.0.0" removes the address). */
  setAddress(ip: string | number, prefix: number, gateway?: string | number): void {
    if (!(prefix >= 0 && prefix <= 32) || Math.floor(prefix) !== prefix) throw new Error('prefix must be 0..32');
    const me = addr(ip, 'ip');
    // Ours must be no multicast group nor the limited broadcast: ingress tells those from ours.
    if ((me >>> 28) === 14 || me === 0xffffffff) throw new Error('ip must be unicast (not 224/4 nor 255.255.255.255)');
    this.ipAddr = me;
    this.prefix = prefix;
    this.netmask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    this.subnetBcast = this.ipAddr !== 0 && prefix <= 30 ? (this.ipAddr | ~this.netmask) >>> 0 : 0xffffffff;
    this.gateway = addr(gateway, 'gateway');
  }

  /** Removes our address (a lease ended): connections from it end with Unaddressable, UDP sockets
   *  bound to it are unbound. */
  dropAddress(): void {
    const old = this.ipAddr;
    this.setAddress(0, this.prefix, 0);
    if (old === 0) return;
    const set = this.set;
    for (let i = 0; i < set.capacity; i++) {
      const o = set.sockets[i];
      if (o !== null) o.addressGone(old);
    }
  }

  /** Asks the board for a poll soon (work was queued outside poll; inside poll it is seen anyway). */
  wake(): void {
    if (!this.polling && this.onWork !== null) this.onWork();
  }

  /** Polls s with the interface from now on. */
  attach(s: Service): void {
    this.services.push(s);
  }

  detach(s: Service): void {
    const i = this.services.indexOf(s);
    if (i >= 0) this.services.splice(i, 1);
  }

  // ---- sockets -----------------------------------------------------------------------------

  /** Adds a socket to this interface; returns its handle, or Exhausted. */
  add(sock: Socket): number {
    return this.set.add(sock);
  }

  /** The socket behind a handle, or null when stale. */
  get(handle: number): Socket | null {
    return this.set.get(handle);
  }

  /** Removes a socket (its handle becomes stale): 0 or StaleHandle. */
  remove(handle: number): number {
    const s = this.set.get(handle);
    const r = this.set.remove(handle);
    if (s !== null) s.reset();
    return r;
  }

  // ---- randomness and ports ---------------------------------------------------------------

  /** A 32-bit pseudo-random number (xorshift32; seeded at start-up). */
  random32(): number {
    let x = this.rnd;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rnd = x >>> 0;
    return this.rnd;
  }

  /** A local port in 49152..65535 that no socket of the protocol (6 or 17) uses, or -1. */
  ephemeralPort(protocol: number): number {
    const kind = protocol === 6 ? SocketKind.Tcp : SocketKind.Udp;
    for (let k = 0; k < 16384; k++) {
      const p = this.nextPort;
      this.nextPort = p === 65535 ? 49152 : p + 1;
      if (!this.set.portInUse(kind, p)) return p;
    }
    return -1;
  }

  /** Can dst be reached: on our subnet, broadcast, or through a gateway? */
  hasRoute(dst: number): boolean {
    if (this.ipAddr === 0) return false;
    return dst === 0xffffffff || ((dst ^ this.ipAddr) & this.netmask) === 0 || this.gateway !== 0;
  }

  /** The MSS for a peer: the MTU less the IPv4 and TCP headers. */
  mssFor(dst: number): number {
    return this.mtu - 40;
  }

  private count(code: number): number {
    this.counters[code]++;
    return code;
  }

  // ---- poll ---------------------------------------------------------------------------------

  /** Takes waiting frames from the device, then lets dirty or due sockets send. Returns true when
   *  anything was received or sent. */
  poll(now: number): boolean {
    this.now = now;
    this.polling = true;
    let busy = false;
    const dev = this.device, buf = this.rxBuf;
    for (let k = 0; k < this.framesPerPoll; k++) {
      const n = dev.receive(buf, 0);
      if (n <= 0) break;
      this.counters[Rx.Frames]++;
      this.processEthernet(buf, 0, n, now);
      busy = true;
    }
    if (this.arpRetryAt >= 0 && now >= this.arpRetryAt) {
      this.arpRetryAt = -1;
      this.set.wakeParked();
    }
    const sv = this.services;
    for (let i = 0; i < sv.length; i++) sv[i].poll(now);
    // egress when a socket is dirty or a timer is due (the earliest deadline: the default build's
    // heap top, NO_ALLOC's bound). The test is written here, not in a method: about half the polls
    // of a bulk transfer have nothing to visit, and a call costs Espruino as much as the test (a
    // visit also moves the round-robin start: so does this).
    const set = this.set;
    if (set.ringLen !== 0 || (NO_ALLOC ? set.soonest >= 0 && set.soonest <= now : set.heapLen !== 0 && set.deadline[set.heap[0]] <= now)) {
      if (set.egress(now) > 0) busy = true;
    } else {
      set.scanFrom = (set.scanFrom + 1) % set.capacity;
    }
    this.polling = false;
    return busy;
  }

  /** When poll must run next at the latest (ms): now if work is waiting, -1 if only a frame from
   *  the device (the chip's interrupt) can create work. */
  pollAt(now: number): number {
    let t = this.set.pollAt(now);
    if (this.set.parkedCount > 0 && this.arpRetryAt >= 0 && (t < 0 || this.arpRetryAt < t)) t = this.arpRetryAt < now ? now : this.arpRetryAt;
    const sv = this.services;
    for (let i = 0; i < sv.length; i++) {
      const at = sv[i].pollAt(now);
      if (at >= 0 && (t < 0 || at < t)) t = at < now ? now : at;
    }
    return t;
  }

  // ---- ingress ------------------------------------------------------------------------------

  processEthernet(buf: Uint8Array, off: number, len: number, now: number): number {
    // The destination and the type are all that ingress needs, read inline (parseEthernet would
    // also build the source MAC, a 48-bit number, for nothing).
    if (len < ETH_HEADER_LEN) return this.count(Rx.EthTruncated);
    const type = (buf[off + 12] << 8) | buf[off + 13];
    // The group bit: broadcast or multicast.
    const bcast = (buf[off] & 1) === 1;
    if (!bcast && (((buf[off] << 8) | buf[off + 1]) !== this.macHi ||
      ((buf[off + 2] << 24) | (buf[off + 3] << 16) | (buf[off + 4] << 8) | buf[off + 5]) !== this.macLo)) return type < 0x0600 ? this.count(Rx.EthUnknownType) : this.count(Rx.EthNotForUs);
    if (type === EtherType.Ipv4) return this.processIpv4(buf, off + ETH_HEADER_LEN, len - ETH_HEADER_LEN, now, bcast);
    if (type === EtherType.Arp) return this.processArp(buf, off + ETH_HEADER_LEN, len - ETH_HEADER_LEN, now);
    return this.count(Rx.EthUnknownType);
  }

  processArp(buf: Uint8Array, off: number, len: number, now: number): number {
    const a = this.arp;
    const r = parseArp(buf, off, len, a);
    if (r === WireError.Unsupported) return this.count(Rx.ArpUnsupported);
    if (r !== WireError.Ok) return this.count(Rx.ArpMalformed);
    const me = this.ipAddr, p = this.probeIp;
    if (p !== 0 && a.senderMac !== this.mac && (a.senderIp === p || (a.senderIp === 0 && a.op === ArpOp.Request && a.targetIp === p))) {
      this.probeConflict = true;
    }
    if (me === 0 || a.senderMac === MAC_BROADCAST || isMulticastMac(a.senderMac)) return this.count(Rx.ArpNotForUs);
    if (a.senderIp === 0) {
      // An RFC 5227 probe for our address: answer it (the prober learns it is taken); learn nothing.
      if (a.op !== ArpOp.Request || a.targetIp !== me) return this.count(Rx.ArpNotForUs);
      this.sendArp(ArpOp.Reply, a.senderMac, 0, me);
      return this.count(Rx.ArpRequestAnswered);
    }
    // RFC 826: update an existing entry from any ARP; create one only when the packet is for us.
    let resolved: boolean;
    if (a.targetIp === me) resolved = this.neighbors.fill(a.senderIp, a.senderMac, now);
    else {
      this.neighbors.refresh(a.senderIp, a.senderMac, now);
      return this.count(Rx.ArpNotForUs);
    }
    if (resolved) this.set.wakeParked();
    if (a.op === ArpOp.Request) {
      this.sendArp(ArpOp.Reply, a.senderMac, a.senderIp, me);
      return this.count(Rx.ArpRequestAnswered);
    }
    return this.count(Rx.ArpReplyLearned);
  }

  /** Is dst one of our addresses for ingress: ours, limited or subnet broadcast? */
  private forUs(dst: number): boolean {
    const me = this.ipAddr;
    return dst === me || dst === 0xffffffff || dst === this.subnetBcast;
  }

  isBroadcastAddr(a: number): boolean { // limited, subnet-directed or multicast (also read by TcpSocket.connect)
    return a === 0xffffffff || (a >>> 28) === 14 || a === this.subnetBcast;
  }

  processIpv4(buf: Uint8Array, off: number, len: number, now: number, linkBroadcast: boolean): number {
    const ip = this.ip;
    const r = parseIpv4(buf, off, len, ip);
    if (r === WireError.BadChecksum) return this.count(Rx.IpBadChecksum);
    if (r !== WireError.Ok) return this.count(Rx.IpMalformed);
    const src = ip.src; // isBroadcastAddr(src), in line: every frame
    if (src === 0xffffffff || (src >>> 28) === 14 || src === this.subnetBcast) return this.count(Rx.IpBadSource);
    const bcast = linkBroadcast || ip.dst === 0xffffffff || (ip.dst >>> 28) === 14 || ip.dst !== this.ipAddr;
    // Unconfigured (before DHCP), UDP to any address is accepted so that an offer can arrive.
    // (Our own address, the usual case, is told without the call.)
    if (ip.dst !== this.ipAddr && !this.forUs(ip.dst) && !(this.ipAddr === 0 && ip.protocol === 17)) return this.count(Rx.IpNotForUs);
    if (ip.moreFrags || ip.fragOffset !== 0) return this.count(Rx.IpFragment);
    const p = off + ip.headerLen, n = ip.payloadLen;
    let raw = false;
    if (this.set.rawCount > 0) {
      let s = this.set.nextRaw(ip.protocol, -1);
      while (s !== null) {
        if ((s as RawSocket).deliver(buf, off, ip.headerLen + n, ip.src)) raw = true;
        s = this.set.nextRaw(ip.protocol, s.slot);
      }
    }
    if (ip.protocol === 1) return this.processIcmp(ip, buf, p, n, now, bcast);
    if (ip.protocol === 17) return this.processUdp(ip, buf, p, n, now, bcast, off);
    if (ip.protocol === 6) return this.processTcp(ip, buf, p, n, now, bcast);
    if (raw) return this.count(Rx.RawDelivered);
    if (!bcast) this.icmpError(IcmpType.DestUnreachable, 2, ip, buf, off, now);
    return this.count(Rx.IpUnknownProtocol);
  }

  processIcmp(ip: Ipv4Repr, buf: Uint8Array, off: number, len: number, now: number, bcast: boolean): number {
    const m = this.icmp;
    const r = parseIcmpv4(buf, off, len, m);
    if (r === WireError.BadChecksum) return this.count(Rx.IcmpBadChecksum);
    if (r !== WireError.Ok) return this.count(Rx.IcmpMalformed);
    if (m.type === IcmpType.EchoRequest) {
      if (bcast) return this.count(Rx.IcmpUnhandled); // no answers to broadcast pings
      if (m.payloadLen + ICMP_HEADER_LEN + IPV4_HEADER_LEN > this.mtu) return this.count(Rx.IcmpMalformed);
      copyBytes(buf, m.payloadOff, this.txBuf, L4_OFFSET + ICMP_HEADER_LEN, m.payloadLen);
      m.type = IcmpType.EchoReply;
      const n = emitIcmpv4(m, this.txBuf, L4_OFFSET);
      this.sendIp(this.ipAddr, ip.src, 1, n);
      this.counters[Rx.IcmpEchoAnswered]++; // (count() in line: the usual end)
      return Rx.IcmpEchoAnswered;
    }
    if (m.type === IcmpType.EchoReply) {
      const s = this.set.findIcmp(m.ident);
      if (s === null) return this.count(Rx.IcmpNoSocket);
      (s as IcmpSocket).deliver(buf, m.payloadOff, m.payloadLen, ip.src, m.seq);
      return this.count(Rx.IcmpDelivered);
    }
    return this.count(Rx.IcmpUnhandled);
  }

  processUdp(ip: Ipv4Repr, buf: Uint8Array, off: number, len: number, now: number, bcast: boolean, ipOff: number): number {
    const u = this.udp;
    const r = parseUdp(buf, off, len, ip.src, ip.dst, u);
    if (r === WireError.BadChecksum) return this.count(Rx.UdpBadChecksum);
    if (r !== WireError.Ok) return this.count(Rx.UdpMalformed);
    const s = this.set.findUdp(ip.dst, u.dstPort);
    if (s === null) {
      if (!bcast) this.icmpError(IcmpType.DestUnreachable, 3, ip, buf, ipOff, now);
      return this.count(Rx.UdpNoSocket);
    }
    if (!(s as UdpSocket).deliver(buf, u.payloadOff, u.payloadLen, ip.src, u.srcPort)) return this.count(Rx.UdpSocketFull);
    this.counters[Rx.UdpDelivered]++; // (count() in line: the usual end)
    return Rx.UdpDelivered;
  }

  processTcp(ip: Ipv4Repr, buf: Uint8Array, off: number, len: number, now: number, bcast: boolean): number {
    if (bcast) return this.count(Rx.TcpRejected); // TCP is unicast only
    const t = this.tcp;
    const r = parseTcp(buf, off, len, ip.src, ip.dst, t);
    if (r === WireError.BadChecksum) return this.count(Rx.TcpBadChecksum);
    if (r !== WireError.Ok) return this.count(Rx.TcpMalformed);
    const set = this.set;
    let s = set.findTcp(ip.dst, t.dstPort, ip.src, t.srcPort);
    if (s === null && (t.flags & (TcpFlag.Syn | TcpFlag.Ack | TcpFlag.Rst)) === TcpFlag.Syn) {
      s = set.findListener(ip.dst, t.dstPort);
      if (s === null && this.listenBusy(ip.dst, t.dstPort)) return this.count(Rx.TcpListenFull);
    }
    if (s === null) {
      if ((t.flags & TcpFlag.Rst) === 0) this.sendRst(ip, t);
      return this.count(Rx.TcpNoSocket);
    }
    set.current = s;
    const code = (s as any).process(now, ip, t, buf);
    set.current = null;
    const rx = code === 0 ? Rx.TcpDelivered : Rx.TcpRejected;
    this.counters[rx]++; // (count() in line: every segment ends here)
    return rx;
  }

  /** Are the listeners of this endpoint all busy with a connection (rather than absent)? A
   *  listener bound to another of our addresses does not count: that SYN gets a RST. */
  private listenBusy(addr: number, port: number): boolean {
    const set = this.set;
    for (let i = 0; i < set.capacity; i++) {
      const o = set.sockets[i];
      if (o !== null && o.kind === SocketKind.Tcp && o.listenPort === port) {
        const la = (o as TcpSocket).listenAddr;
        if (la === 0 || la === addr) return true;
      }
    }
    return false;
  }

  // ---- egress -------------------------------------------------------------------------------

  /**
   * Sends the layer-4 packet of len bytes that the caller placed at txBuf[L4_OFFSET..]: writes the
   * IPv4 and Ethernet headers, resolves the next hop and transmits. 0, or NeighborPending (an ARP
   * request is out; the current socket is revisited when it resolves), Unaddressable (no route),
   * TooLarge, DeviceError.
   */
  sendIp(src: number, dst: number, protocol: number, len: number): number {
    if (len + IPV4_HEADER_LEN > this.mtu) {
      this.counters[Rx.TxTooLarge]++;
      return SocketError.TooLarge;
    }
    // The destination MAC goes straight into the reused Ethernet repr (no 48-bit value is returned
    // from a call on this path: V8 would box it).
    if (dst === 0xffffffff || dst === this.subnetBcast) {
      this.txEth.dst = MAC_BROADCAST;
    } else {
      let hop = dst;
      if (((dst ^ this.ipAddr) & this.netmask) !== 0 || this.ipAddr === 0) {
        if (this.gateway === 0) {
          this.counters[Rx.TxNoRoute]++;
          return SocketError.Unaddressable;
        }
        hop = this.gateway;
      }
      const k = this.neighbors.entry(hop, this.now);
      if (k < 0) {
        if (k < -1) {
          // A stale entry: the frame goes to its MAC (entry() now answers until the next request is
          // due), then a unicast request asks whether the MAC still holds (txBuf is free again).
          const r = this.sendIp(src, dst, protocol, len);
          this.sendArp(ArpOp.Request, this.neighbors.mac[-2 - k], hop, this.ipAddr);
          return r;
        }
        if (this.neighbors.shouldRequest(hop, this.now)) this.sendArp(ArpOp.Request, MAC_BROADCAST, hop, this.ipAddr);
        const cur = this.set.current;
        if (cur !== null) this.set.park(cur);
        const t = this.neighbors.nextRetry();
        if (t >= 0 && (this.arpRetryAt < 0 || t < this.arpRetryAt)) this.arpRetryAt = t;
        this.counters[Rx.TxNeighborPending]++;
        return SocketError.NeighborPending;
      }
      this.txEth.dst = this.neighbors.mac[k];
    }
    // The header written here (what emitIpv4 writes for TTL 64, TOS 0, DF for TCP, no fragment)
    // rather than through a repr: ten fields set and read back, and a call, per frame.
    const buf = this.txBuf, total = IPV4_HEADER_LEN + len, id = this.ident = (this.ident + 1) & 0xffff;
    const frag = protocol === 6 ? 0x4000 : 0;
    let c = 0x4500 + total + id + frag + (0x4000 | protocol) + (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff);
    c = (c & 0xffff) + (c >>> 16);
    c = ~((c & 0xffff) + (c >>> 16));
    buf[14] = 0x45; buf[15] = 0; buf[16] = total >>> 8; buf[17] = total;
    buf[18] = id >>> 8; buf[19] = id; buf[20] = frag >>> 8; buf[21] = 0;
    buf[22] = 64; buf[23] = protocol; buf[24] = c >>> 8; buf[25] = c;
    buf[26] = src >>> 24; buf[27] = src >>> 16; buf[28] = src >>> 8; buf[29] = src;
    buf[30] = dst >>> 24; buf[31] = dst >>> 16; buf[32] = dst >>> 8; buf[33] = dst;
    return this.sendFrame(EtherType.Ipv4, IPV4_HEADER_LEN + len);
  }

  /** Writes the Ethernet header (destination already in txEth.dst) and transmits len bytes of
   *  payload already at txBuf[14..]. */
  private sendFrame(type: number, len: number): number {
    const buf = this.txBuf, dst = this.txEth.dst;
    // txBuf keeps the MACs last written: a 48-bit MAC takes divisions to write, so it is written
    // only when it changed (the source never does; the destination rarely).
    if (dst !== this.txDstMac) {
      writeMac(buf, 0, dst);
      this.txDstMac = dst;
    }
    if (!this.txSrcMac) {
      writeMac(buf, 6, this.mac);
      this.txSrcMac = true;
    }
    buf[12] = type >>> 8;
    buf[13] = type;
    let n = ETH_HEADER_LEN + len;
    if (n < 60) {
      // Pad to the Ethernet minimum, four bytes a step (what lands past byte 60 is not sent).
      for (let i = n; i < 60; i += 4) buf[i] = buf[i + 1] = buf[i + 2] = buf[i + 3] = 0;
      n = 60;
    }
    if (this.device.transmit(buf, 0, n) < 0) {
      this.counters[Rx.TxDeviceError]++;
      return SocketError.DeviceError;
    }
    this.counters[Rx.TxFrames]++;
    return 0;
  }

  /** Broadcasts an ARP request from senderIp for targetIp: an RFC 5227 probe (sender 0) or
   *  announcement (sender = target = our address). */
  arpRequest(senderIp: number, targetIp: number): void {
    this.sendArp(ArpOp.Request, MAC_BROADCAST, targetIp, senderIp);
  }

  private sendArp(op: number, targetMac: number, targetIp: number, senderIp: number): void {
    const a = this.arp;
    a.op = op;
    a.senderMac = this.mac;
    a.senderIp = senderIp;
    a.targetMac = op === ArpOp.Request ? 0 : targetMac;
    a.targetIp = targetIp;
    emitArp(a, this.txBuf, ETH_HEADER_LEN);
    if (op === ArpOp.Request) this.counters[Rx.ArpRequestSent]++;
    this.txEth.dst = targetMac;
    this.sendFrame(EtherType.Arp, ARP_LEN);
  }

  /** ICMP error about the packet at buf[ipOff..] (its header and 8 bytes), rate-limited; never
   *  about an ICMP error, a broadcast, or from an unspecified source. */
  private icmpError(type: number, code: number, ip: Ipv4Repr, buf: Uint8Array, ipOff: number, now: number): void {
    if (ip.src === 0 || this.ipAddr === 0) return;
    if (ip.protocol === 1) {
      const t = buf[ipOff + ip.headerLen];
      if (t !== IcmpType.EchoRequest && t !== IcmpType.EchoReply) return;
    }
    if (this.icmpRate > 0) {
      const refill = Math.floor((now - this.icmpRefill) * this.icmpRate / 1000);
      if (refill > 0) {
        this.icmpTokens = Math.min(this.icmpRate, this.icmpTokens + refill);
        this.icmpRefill = now;
      }
    }
    if (this.icmpTokens < 1) {
      this.counters[Rx.IcmpRateLimited]++;
      return;
    }
    this.icmpTokens--;
    let quote = ip.headerLen + 8;
    if (quote > ip.headerLen + ip.payloadLen) quote = ip.headerLen + ip.payloadLen;
    copyBytes(buf, ipOff, this.txBuf, L4_OFFSET + ICMP_HEADER_LEN, quote);
    const m = this.icmp;
    m.type = type;
    m.code = code;
    m.ident = 0;
    m.seq = 0;
    m.mtu = 0;
    m.payloadLen = quote;
    const n = emitIcmpv4(m, this.txBuf, L4_OFFSET);
    if (this.sendIp(this.ipAddr, ip.src, 1, n) === 0) this.counters[Rx.IcmpErrorSent]++;
  }

  /** RST for a segment no socket takes (RFC 9293 3.10.7.1). */
  private sendRst(ip: Ipv4Repr, t: typeof this.tcp): void {
    const o = this.txTcp;
    o.srcPort = t.dstPort;
    o.dstPort = t.srcPort;
    if (t.flags & TcpFlag.Ack) {
      o.seq = t.ack;
      o.ack = 0;
      o.flags = TcpFlag.Rst;
    } else {
      o.seq = 0;
      o.ack = (t.seq + t.payloadLen + (t.flags & TcpFlag.Syn ? 1 : 0) + (t.flags & TcpFlag.Fin ? 1 : 0)) >>> 0;
      o.flags = TcpFlag.Rst | TcpFlag.Ack;
    }
    o.window = 0;
    o.urgent = 0;
    o.mss = 0;
    o.wscale = -1;
    o.sackPermitted = false;
    o.hasTimestamp = false;
    o.sackCount = 0;
    o.payloadLen = 0;
    const n = emitTcp(o, this.txBuf, L4_OFFSET, ip.dst, ip.src);
    this.sendIp(ip.dst, ip.src, 6, n);
  }
}
