// A hand-made responder built only on lib.wire (no Interface): answers ARP requests for its
// address and ICMP echo requests, echoes UDP datagrams sent to `udpEchoPort`, and answers UDP on
// other ports through `udpServices[port](payload) -> reply bytes | null`. It verifies the TAP
// plumbing and the wire formats against the kernel, and stands in for the Interface until that
// exists (callers label it as such). Node-only, never bundled.
export function wireResponder(lib, dev, { ip, udpEchoPort = 0, udpServices = {} }) {
  const w = lib.wire;
  const eth = w.createEthernetRepr();
  const arp = w.createArpRepr();
  const ip4 = w.createIpv4Repr();
  const icmp = w.createIcmpv4Repr();
  const udp = w.createUdpRepr();
  const rx = new Uint8Array(1514);
  const tx = new Uint8Array(1514);
  const seen = { frames: 0, arpRequests: 0, echoRequests: 0, udp: 0, ipv6: 0, other: 0, bad: 0, firstFrame: null };

  function reply(dstMac, ethertype) {
    eth.dst = dstMac;
    eth.src = dev.mac;
    eth.ethertype = ethertype;
    w.emitEthernet(eth, tx, 0);
  }

  function one(n) {
    seen.frames++;
    if (!seen.firstFrame) seen.firstFrame = Buffer.from(rx.subarray(0, n)).toString('hex');
    if (w.parseEthernet(rx, 0, n, eth) !== 0) { seen.bad++; return; }
    const peerMac = eth.src;
    if (eth.ethertype === 0x0806) {
      if (w.parseArp(rx, 14, n - 14, arp) !== 0) { seen.bad++; return; }
      if (arp.op !== 1 || arp.targetIp !== ip) return;
      seen.arpRequests++;
      reply(peerMac, 0x0806);
      arp.op = 2;
      arp.targetMac = arp.senderMac;
      arp.targetIp = arp.senderIp;
      arp.senderMac = dev.mac;
      arp.senderIp = ip;
      dev.transmit(tx, 0, 14 + w.emitArp(arp, tx, 14));
      return;
    }
    if (eth.ethertype === 0x86dd) { seen.ipv6++; return; }
    if (eth.ethertype !== 0x0800) { seen.other++; return; }
    if (w.parseIpv4(rx, 14, n - 14, ip4) !== 0) { seen.bad++; return; }
    if (ip4.dst !== ip) return;
    const p = 14 + ip4.headerLen;
    if (ip4.protocol === 1) {
      if (w.parseIcmpv4(rx, p, ip4.payloadLen, icmp) !== 0) { seen.bad++; return; }
      if (icmp.type !== 8) return;
      seen.echoRequests++;
      reply(peerMac, 0x0800);
      tx.set(rx.subarray(icmp.payloadOff, icmp.payloadOff + icmp.payloadLen), 14 + 20 + 8);
      icmp.type = 0;
      const il = w.emitIcmpv4(icmp, tx, 34);
      answerIp(1, il);
      dev.transmit(tx, 0, 34 + il);
    } else if (ip4.protocol === 17) {
      if (w.parseUdp(rx, p, ip4.payloadLen, ip4.src, ip4.dst, udp) !== 0) { seen.bad++; return; }
      let out = null;
      if (udpEchoPort && udp.dstPort === udpEchoPort) out = rx.subarray(udp.payloadOff, udp.payloadOff + udp.payloadLen);
      else if (udpServices[udp.dstPort]) out = udpServices[udp.dstPort](Buffer.from(rx.subarray(udp.payloadOff, udp.payloadOff + udp.payloadLen)));
      if (!out) return;
      seen.udp++;
      reply(peerMac, 0x0800);
      tx.set(out, 42);
      udp.payloadLen = out.length;
      const sp = udp.srcPort;
      udp.srcPort = udp.dstPort;
      udp.dstPort = sp;
      const ul = w.emitUdp(udp, tx, 34, ip, ip4.src);
      answerIp(17, ul);
      dev.transmit(tx, 0, 34 + ul);
    }
  }

  function answerIp(protocol, payloadLen) {
    const peer = ip4.src;
    ip4.src = ip;
    ip4.dst = peer;
    ip4.protocol = protocol;
    ip4.ttl = 64;
    ip4.tos = 0;
    ip4.ident = (ip4.ident + 1) & 0xffff;
    ip4.dontFrag = false;
    ip4.moreFrags = false;
    ip4.fragOffset = 0;
    ip4.payloadLen = payloadLen;
    w.emitIpv4(ip4, tx, 14);
  }

  function poll() {
    let n;
    while ((n = dev.receive(rx, 0)) > 0) one(n);
  }
  return { poll, seen };
}
