// A minimal peer host built only on lib.wire (no Interface): ARP resolution, ping and UDP
// request/reply, for the demo's second host while the Interface and its sockets are not merged.
// Node-only, never bundled; the demo labels it as such.
export class WireHost {
  constructor(lib, dev, { ip }) {
    this.w = lib.wire;
    this.dev = dev;
    this.ip = ip;
    this.rx = new Uint8Array(1514);
    this.tx = new Uint8Array(1514);
    this.eth = this.w.createEthernetRepr();
    this.arp = this.w.createArpRepr();
    this.ip4 = this.w.createIpv4Repr();
    this.icmp = this.w.createIcmpv4Repr();
    this.udp = this.w.createUdpRepr();
    this.neighbors = {};
    this.waiters = [];
    this.ident = 1;
  }

  poll() {
    let n;
    while ((n = this.dev.receive(this.rx, 0)) > 0) this.one(n);
  }

  one(n) {
    const { w, rx, eth } = this;
    if (w.parseEthernet(rx, 0, n, eth) !== 0) return;
    if (eth.ethertype === 0x0806) {
      const a = this.arp;
      if (w.parseArp(rx, 14, n - 14, a) !== 0) return;
      this.neighbors[a.senderIp] = a.senderMac;
      this.fire({ kind: 'arp', ip: a.senderIp, mac: a.senderMac });
      if (a.op === 1 && a.targetIp === this.ip) {
        const peerMac = a.senderMac;
        const peerIp = a.senderIp;
        a.op = 2; a.senderMac = this.dev.mac; a.senderIp = this.ip; a.targetMac = peerMac; a.targetIp = peerIp;
        this.l2(peerMac, 0x0806);
        this.dev.transmit(this.tx, 0, 14 + w.emitArp(a, this.tx, 14));
      }
      return;
    }
    if (eth.ethertype !== 0x0800) return;
    const ip4 = this.ip4;
    if (w.parseIpv4(rx, 14, n - 14, ip4) !== 0 || ip4.dst !== this.ip) return;
    const p = 14 + ip4.headerLen;
    if (ip4.protocol === 1 && w.parseIcmpv4(rx, p, ip4.payloadLen, this.icmp) === 0) {
      const c = this.icmp;
      this.fire({ kind: 'icmp', type: c.type, code: c.code, ident: c.ident, seq: c.seq, from: ip4.src });
    } else if (ip4.protocol === 17 && w.parseUdp(rx, p, ip4.payloadLen, ip4.src, ip4.dst, this.udp) === 0) {
      const u = this.udp;
      this.fire({ kind: 'udp', from: ip4.src, srcPort: u.srcPort, dstPort: u.dstPort, data: Buffer.from(rx.subarray(u.payloadOff, u.payloadOff + u.payloadLen)) });
    }
  }

  fire(ev) {
    for (const wt of this.waiters.slice()) if (wt.match(ev)) { this.waiters.splice(this.waiters.indexOf(wt), 1); wt.resolve(ev); }
  }

  wait(match, ms) {
    return new Promise((resolve) => {
      const wt = { match, resolve };
      this.waiters.push(wt);
      setTimeout(() => { const i = this.waiters.indexOf(wt); if (i >= 0) { this.waiters.splice(i, 1); resolve(null); } }, ms);
    });
  }

  l2(dst, type) {
    this.eth.dst = dst; this.eth.src = this.dev.mac; this.eth.ethertype = type;
    this.w.emitEthernet(this.eth, this.tx, 0);
  }

  ipHeader(dst, protocol, payloadLen) {
    const r = this.ip4;
    r.src = this.ip; r.dst = dst; r.protocol = protocol; r.ttl = 64; r.tos = 0; r.ident = (this.ident++) & 0xffff;
    r.dontFrag = true; r.moreFrags = false; r.fragOffset = 0; r.payloadLen = payloadLen;
    this.w.emitIpv4(r, this.tx, 14);
  }

  /** ARP-resolves ip; resolves to the MAC or null after ms. */
  async resolve(ip, ms = 1000) {
    if (this.neighbors[ip] !== undefined) return this.neighbors[ip];
    const a = this.arp;
    a.op = 1; a.senderMac = this.dev.mac; a.senderIp = this.ip; a.targetMac = 0; a.targetIp = ip;
    const got = this.wait((e) => e.kind === 'arp' && e.ip === ip, ms);
    this.l2(this.w.MAC_BROADCAST, 0x0806);
    this.dev.transmit(this.tx, 0, 14 + this.w.emitArp(a, this.tx, 14));
    const e = await got;
    return e ? e.mac : null;
  }

  /** One echo request; resolves to the round-trip time in ms, or null. */
  async ping(ip, seq, size = 32, ms = 1000) {
    const mac = await this.resolve(ip, ms);
    if (mac === null) return null;
    for (let i = 0; i < size; i++) this.tx[42 + i] = i & 255;
    const c = this.icmp;
    c.type = 8; c.code = 0; c.ident = 0x5eed; c.seq = seq; c.payloadLen = size;
    const n = this.w.emitIcmpv4(c, this.tx, 34);
    this.ipHeader(ip, 1, n);
    this.l2(mac, 0x0800);
    const t0 = performance.now();
    const got = this.wait((e) => e.kind === 'icmp' && e.type === 0 && e.seq === seq && e.from === ip, ms);
    this.dev.transmit(this.tx, 0, 34 + n);
    return (await got) ? performance.now() - t0 : null;
  }

  /** Sends one UDP datagram; resolves to the reply's bytes (from ip:port) or null. */
  async udpRequest(ip, port, data, srcPort = 40000 + (this.ident & 0xfff), ms = 1000) {
    const mac = await this.resolve(ip, ms);
    if (mac === null) return null;
    this.tx.set(data, 42);
    const u = this.udp;
    u.srcPort = srcPort; u.dstPort = port; u.payloadLen = data.length;
    const n = this.w.emitUdp(u, this.tx, 34, this.ip, ip);
    this.ipHeader(ip, 17, n);
    this.l2(mac, 0x0800);
    const got = this.wait((e) => e.kind === 'udp' && e.from === ip && e.srcPort === port && e.dstPort === srcPort, ms);
    this.dev.transmit(this.tx, 0, 34 + n);
    const e = await got;
    return e ? e.data : null;
  }
}
