// The smoke scenario run on Duktape (an ES5 interpreter) against every bundle, and in Node too.
// ES5 only. `lib` is the bundle's exports; throw on failure, return a one-line summary.
function smoke(lib) {
  var i;
  if (typeof lib.board !== 'string') throw new Error('bundle exports no board name');
  if (typeof lib.noAlloc !== 'boolean') throw new Error('bundle exports no build flag');
  function check(cond, what) { if (!cond) throw new Error('smoke: ' + what); }
  var w = lib.wire;
  if (!w && typeof lib.connect === 'function') {
    // A lean board bundle (one chip, no wire layer, see rollup.config.mjs): the program's exports
    // are there and the sockets build.
    var names = ['startDevice', 'Interface', 'UdpSocket', 'IcmpSocket', 'TcpSocket', 'NetworkDriver']; // DHCP and DNS: not in a static-only one
    for (i = 0; i < names.length; i++) check(typeof lib[names[i]] === 'function', 'lean bundle exports ' + names[i]);
    check(typeof lib.SOCKET_ERRORS === 'object', 'lean bundle exports SOCKET_ERRORS');
    var t = new lib.TcpSocket({ txBytes: 64, rxBytes: 64 }), u = new lib.UdpSocket({ rxPackets: 1, rxBytes: 64, txPackets: 1, txBytes: 64 });
    check(t.canSend() === false && u.canRecv() === false, 'fresh sockets are idle');
    return 'lean board ' + lib.board + (lib.noAlloc ? ' (noalloc)' : '') + ', exports and sockets';
  }
  if (!w) throw new Error('bundle exports no wire layer');
  var src = w.parseIpv4Address('10.0.0.1'), dst = w.parseIpv4Address('10.0.0.2');
  var buf = new Uint8Array(64);
  var payload = [104, 101, 108, 108, 111]; // "hello": odd length on purpose
  for (i = 0; i < payload.length; i++) buf[42 + i] = payload[i];
  var udp = w.createUdpRepr(); udp.srcPort = 5000; udp.dstPort = 7; udp.payloadLen = payload.length;
  var ulen = w.emitUdp(udp, buf, 34, src, dst);
  var ip = w.createIpv4Repr(); ip.src = src; ip.dst = dst; ip.protocol = 17; ip.payloadLen = ulen; ip.ident = 1;
  w.emitIpv4(ip, buf, 14);
  var eth = w.createEthernetRepr(); eth.dst = w.MAC_BROADCAST; eth.src = 0x020000000001; eth.ethertype = 0x0800;
  w.emitEthernet(eth, buf, 0);
  var len = 14 + 20 + ulen;

  var e2 = w.createEthernetRepr(), ip2 = w.createIpv4Repr(), u2 = w.createUdpRepr();
  check(w.parseEthernet(buf, 0, len, e2) === 0, 'ethernet parse');
  check(e2.src === 0x020000000001 && e2.dst === w.MAC_BROADCAST && e2.ethertype === 0x0800, 'ethernet fields');
  check(w.parseIpv4(buf, 14, len - 14, ip2) === 0, 'ipv4 parse');
  check(ip2.src === src && ip2.dst === dst && ip2.protocol === 17 && ip2.payloadLen === ulen, 'ipv4 fields');
  check(w.parseUdp(buf, 34, ip2.payloadLen, ip2.src, ip2.dst, u2) === 0, 'udp parse');
  check(u2.srcPort === 5000 && u2.dstPort === 7 && u2.payloadLen === 5 && buf[u2.payloadOff] === 104, 'udp fields');
  // The checksums verify: summing a header with its checksum gives 0xffff.
  check(w.sum16(buf, 14, 20, 0) === 0xffff, 'ip checksum');
  check(w.sum16(buf, 34, ulen, w.pseudoSum(src, dst, 17, ulen)) === 0xffff, 'udp checksum');
  buf[44] ^= 0x20; // corrupt one payload byte
  check(w.parseUdp(buf, 34, ulen, src, dst, u2) === w.WIRE_ERRORS.BadChecksum, 'corruption refused');
  return 'board ' + lib.board + (lib.noAlloc ? ' (noalloc)' : '') + ', udp frame of ' + len + ' bytes round-tripped';
}
