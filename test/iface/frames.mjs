// Builds test frames with the bundle's own wire emitters, and a capture Device for unit tests.
export const MAC_US = 0x020000000001;
export const MAC_PEER = 0x020000000002;
export const BCAST = 0xffffffffffff;

/** A Device that records what the interface transmits and receives nothing by itself. */
export function captureDevice(mac = MAC_US) {
  return {
    mac,
    maxFrame: 1514,
    sent: [],
    queue: [],
    receive(buf, off) {
      const f = this.queue.shift();
      if (!f) return 0;
      buf.set(f, off);
      return f.length;
    },
    transmit(buf, off, len) {
      this.sent.push(buf.slice(off, off + len));
      return 0;
    },
    linkUp() {
      return true;
    },
  };
}

export function frameBuilder(lib) {
  const w = lib.wire;
  const A = (s) => w.parseIpv4Address(s);
  function eth(buf, dst, src, type) {
    const e = w.createEthernetRepr();
    e.dst = dst; e.src = src; e.ethertype = type;
    w.emitEthernet(e, buf, 0);
  }
  /** Ethernet + IPv4 around an L4 payload written by fill(buf, off) -> length. */
  function ipv4(o, fill) {
    const buf = new Uint8Array(1600);
    const n = fill(buf, 34, A(o.src), A(o.dst));
    const ip = w.createIpv4Repr();
    ip.src = A(o.src); ip.dst = A(o.dst); ip.protocol = o.protocol; ip.payloadLen = n; ip.ttl = 64;
    ip.moreFrags = !!o.moreFrags; ip.fragOffset = o.fragOffset || 0;
    w.emitIpv4(ip, buf, 14);
    eth(buf, o.ethDst === undefined ? MAC_US : o.ethDst, o.ethSrc || MAC_PEER, 0x0800);
    return buf.slice(0, 34 + n);
  }
  return {
    A,
    arp(o) {
      const buf = new Uint8Array(42);
      const a = w.createArpRepr();
      a.op = o.op; a.senderMac = o.senderMac || MAC_PEER; a.senderIp = A(o.senderIp); a.targetMac = o.targetMac || 0; a.targetIp = A(o.targetIp);
      w.emitArp(a, buf, 14);
      eth(buf, o.ethDst === undefined ? BCAST : o.ethDst, a.senderMac, 0x0806);
      return buf;
    },
    udp(o) {
      return ipv4({ protocol: 17, ...o }, (buf, off, src, dst) => {
        const data = o.data || new Uint8Array(0);
        buf.set(data, off + 8);
        const u = w.createUdpRepr();
        u.srcPort = o.sport || 5000; u.dstPort = o.dport; u.payloadLen = data.length;
        return w.emitUdp(u, buf, off, src, dst);
      });
    },
    icmp(o) {
      return ipv4({ protocol: 1, ...o }, (buf, off) => {
        const data = o.data || new Uint8Array(0);
        buf.set(data, off + 8);
        const m = w.createIcmpv4Repr();
        m.type = o.type; m.code = o.code || 0; m.ident = o.ident || 0; m.seq = o.seq || 0; m.payloadLen = data.length;
        return w.emitIcmpv4(m, buf, off);
      });
    },
    tcp(o) {
      return ipv4({ protocol: 6, ...o }, (buf, off, src, dst) => {
        const t = w.createTcpRepr();
        t.srcPort = o.sport || 40000; t.dstPort = o.dport; t.seq = o.seq || 1000; t.ack = o.ack || 0; t.flags = o.flags; t.window = 1000;
        t.payloadLen = 0;
        if (o.tsVal !== undefined) {
          t.hasTimestamp = true;
          t.tsVal = o.tsVal;
          t.tsEcr = o.tsEcr || 0;
        }
        return w.emitTcp(t, buf, off, src, dst);
      });
    },
    raw(o) {
      return ipv4(o, (buf, off) => {
        const data = o.data || new Uint8Array(4);
        buf.set(data, off);
        return data.length;
      });
    },
  };
}

/** Fixes the IPv4 header checksum after a test edited header bytes of frame f. */
export function fixIpChecksum(lib, f) {
  f[24] = 0; f[25] = 0;
  const c = ~lib.wire.sum16(f, 14, (f[14] & 15) * 4, 0) & 0xffff;
  f[24] = c >> 8; f[25] = c & 255;
}
