// ES5, runs on Espruino after cable.js (test/bench/floor-espruino.mjs puts both in one script).
// Floors for two per-frame figures of the Espruino bench (scenarios/bench.js): the least a
// receiver written for that one frame can do on the same cable, with the checks a host must make
// (RFC 1122: IP header checksum, ICMP and TCP checksums, the address, an in-order segment).
//   floorPing:  takes an echo request from the device and transmits the reply, made in place.
//   FloorRx:    takes an in-order full-size segment of one connection, puts its payload in a
//               2 KB ring and transmits the ACK (timestamps option as the stack sends it).
//   cable only: the device's receive of the frame and its transmit of an answer as long as the
//               figure's (the echo reply, the 66-byte ACK), nothing else.
// floorScenario(lib, reps, markSection) runs the stack's own poll, the floor and the cable only
// for each figure, reps times each after two untimed rounds; markSection(on) brackets each timed
// section. Throws when the stack or a floor does not answer as it should; prints `FLOORS OK`.

function floorPing(dev, rx, ip, sum) {
  var n = dev.receive(rx, 0), tot, c, t, i;
  if (n < 42 || rx[12] !== 8 || rx[13] !== 0 || rx[14] !== 0x45 || rx[23] !== 1) return 0;
  tot = rx[16] << 8 | rx[17];
  if (tot + 14 > n || sum(rx, 14, 20, 0) !== 0xffff) return 0;
  if (((rx[30] << 24 | rx[31] << 16 | rx[32] << 8 | rx[33]) >>> 0) !== ip || rx[34] !== 8 || sum(rx, 34, tot - 20, 0) !== 0xffff) return 0;
  // The reply in place: addresses swapped (the IP checksum does not change), type 0, and the
  // ICMP checksum moved by the type's change (RFC 1624).
  for (i = 0; i < 6; i++) {
    t = rx[i];
    rx[i] = rx[6 + i];
    rx[6 + i] = t;
  }
  for (i = 26; i < 30; i++) {
    t = rx[i];
    rx[i] = rx[i + 4];
    rx[i + 4] = t;
  }
  rx[34] = 0;
  c = (rx[36] << 8 | rx[37]) + 0x800;
  c = (c & 0xffff) + (c >> 16);
  rx[36] = c >> 8;
  rx[37] = c & 255;
  return dev.transmit(rx, 0, 14 + tot) >= 0 ? 1 : 0;
}

function put32(b, i, v) {
  b[i] = v >>> 24;
  b[i + 1] = v >> 16 & 255;
  b[i + 2] = v >> 8 & 255;
  b[i + 3] = v & 255;
}

function FloorRx(sum, ip, port) {
  this.sum = sum;
  this.ip = ip;
  this.port = port;
  this.ring = new Uint8Array(2048);
  this.head = 0;
  this.used = 0;
  this.rcvNxt = -1; // learnt from the first segment
  this.tsRecent = 0;
  this.rx = new Uint8Array(1514);
  this.tx = new Uint8Array(66);
  this.ready = false;
}
FloorRx.prototype.template = function (rx) {
  var tx = this.tx, c;
  tx.set(rx.subarray(6, 12), 0);
  tx.set(rx.subarray(0, 6), 6);
  tx[12] = 8;
  tx[14] = 0x45;
  tx[17] = 52;
  tx[20] = 0x40;
  tx[22] = 64;
  tx[23] = 6;
  tx.set(rx.subarray(30, 34), 26);
  tx.set(rx.subarray(26, 30), 30);
  c = ~this.sum(tx, 14, 20, 0);
  tx[24] = c >> 8 & 255;
  tx[25] = c & 255;
  tx[34] = rx[36];
  tx[35] = rx[37];
  tx[36] = rx[34];
  tx[37] = rx[35];
  tx[46] = 0x80;
  tx[47] = 0x10;
  tx[54] = tx[55] = 1;
  tx[56] = 8;
  tx[57] = 10;
  this.ready = true;
};
FloorRx.prototype.take = function (dev, out, now) {
  var rx = this.rx, tx = this.tx, sum = this.sum, n = dev.receive(rx, 0), tot, hl, dl, seq, c, e, m, p;
  if (n < 54 || rx[12] !== 8 || rx[13] !== 0 || rx[14] !== 0x45 || rx[23] !== 6) return 0;
  tot = rx[16] << 8 | rx[17];
  if (tot + 14 > n || sum(rx, 14, 20, 0) !== 0xffff) return 0;
  if (((rx[30] << 24 | rx[31] << 16 | rx[32] << 8 | rx[33]) >>> 0) !== this.ip || (rx[36] << 8 | rx[37]) !== this.port) return 0;
  if (sum(rx, 34, tot - 20, sum(rx, 26, 8, 6 + tot - 20)) !== 0xffff) return 0;
  hl = (rx[46] >> 4) * 4;
  dl = tot - 20 - hl;
  seq = (rx[38] << 24 | rx[39] << 16 | rx[40] << 8 | rx[41]) >>> 0;
  if (this.rcvNxt < 0) this.rcvNxt = seq;
  if (seq !== this.rcvNxt || (rx[47] & 0x17) !== 0x10 || dl > 2048 - this.used) return 0;
  if (hl === 32 && rx[56] === 8) this.tsRecent = (rx[58] << 24 | rx[59] << 16 | rx[60] << 8 | rx[61]) >>> 0;
  p = 34 + hl;
  e = (this.head + this.used) & 2047;
  m = 2048 - e;
  if (dl <= m) this.ring.set(rx.subarray(p, p + dl), e);
  else {
    this.ring.set(rx.subarray(p, p + m), e);
    this.ring.set(rx.subarray(p + m, p + dl), 0);
  }
  this.used += dl;
  this.rcvNxt = (this.rcvNxt + dl) >>> 0;
  // The ACK: its headers made once from the connection's first segment (addresses and ports
  // swapped, the IP checksum final: nothing in that header changes), then four fields a segment.
  if (!this.ready) this.template(rx);
  tx.set(rx.subarray(42, 46), 38);
  put32(tx, 42, this.rcvNxt);
  c = 2048 - this.used;
  tx[48] = c >> 8;
  tx[49] = c & 255;
  tx[50] = tx[51] = 0;
  put32(tx, 58, now >>> 0);
  put32(tx, 62, this.tsRecent);
  c = ~sum(tx, 34, 32, sum(tx, 26, 8, 6 + 32));
  tx[50] = c >> 8 & 255;
  tx[51] = c & 255;
  return out.transmit(tx, 0, 66) >= 0 ? 1 : 0;
};

function floorScenario(lib, reps, markSection) {
  var X = stackExports(lib), k, i, timing = false, mark = function (on) { if (timing) markSection(on); };
  useBoardHelpers(lib);
  var sum = lib.nativeSum16();
  if (!sum) throw new Error('floors: no native checksum (E.sum) in this interpreter');
  var cable = new Cable(1);
  var endA = new End(cable, 0x020000000001, 8), endB = new End(cable, 0x020000000002, 8);
  // The floor's ACKs go to a sink of their own, so that the stack's connection never sees them.
  var sinkOut = new End(cable, 0x020000000003, 8), sink = new End(cable, 0x020000000004, 8);
  endA.peer = endB;
  endB.peer = endA;
  sinkOut.peer = sink;
  sink.peer = sinkOut;
  var IP_B = 10 * 16777216 + 1;
  var A = new X.Interface({ device: endA, ip: '10.0.0.2', prefix: 24, seed: 11, sockets: 8, arpLifetimeMs: 1e9 });
  var B = new X.Interface({ device: endB, ip: '10.0.0.1', prefix: 24, seed: 12, sockets: 8, arpLifetimeMs: 1e9 });
  var ifaces = [A, B];
  function settle() {
    for (k = 0; k < 50 && cable.pollAll(ifaces); k++) {}
    cable.now += 1;
  }
  // cond() may take what it waits for (a reply): it is called until it says true, never after.
  function until(cond, what) {
    for (k = 0; k < 10000; k++) {
      if (cond()) return;
      if (!cable.pollAll(ifaces)) cable.advance(ifaces);
    }
    throw new Error('floors: ' + what + ' never happened');
  }
  // The device's part of a figure: the frame received, and an answer of txLen bytes (0: as long).
  function cableOnly(buf, txLen) {
    mark(true);
    var n = endB.receive(buf, 0);
    endB.transmit(buf, 0, txLen || n);
    mark(false);
    endA.lens.fill(0);
    endA.used = 0;
  }

  // ---- ping: B's poll, the floor, the cable only -------------------------------------------------
  var pingA = new X.IcmpSocket(), echo = pattern(56, 99), echoIn = new Uint8Array(64), seq = 0;
  var rx = new Uint8Array(1514);
  A.add(pingA);
  pingA.bind(0x1234);
  function pingRep(how) {
    seq = (seq + 1) & 0xffff;
    if (pingA.sendEcho(IP_B, seq, echo, 0, 56) !== 56) throw new Error('floors: sendEcho refused');
    A.poll(cable.now);
    if (endB.used !== 1) throw new Error('floors: no echo request on the cable');
    if (how === 2) {
      cableOnly(rx, 0);
      settle();
      return;
    }
    mark(true);
    var r = how === 1 ? floorPing(endB, rx, IP_B, sum) : (B.poll(cable.now), 1);
    mark(false);
    if (r !== 1) throw new Error('floors: floorPing refused the request');
    A.poll(cable.now);
    if (pingA.recv(echoIn, 0, 64) !== 56 || pingA.seq !== seq) throw new Error('floors: no echo reply (' + (how ? 'floor' : 'stack') + ')');
    settle();
  }
  pingA.sendEcho(IP_B, 7, echo, 0, 56);
  until(function () { return pingA.recv(echoIn, 0, 64) === 56; }, 'the first echo reply');
  settle();

  // ---- rx_segment: B's poll, the floor, the cable only -------------------------------------------
  var srv = new X.TcpSocket({ txBytes: 2048, rxBytes: 2048, ackDelay: 0 }), cli = new X.TcpSocket({ txBytes: 2048, rxBytes: 2048 });
  B.add(srv);
  A.add(cli);
  srv.listen(5002);
  cli.connect(IP_B, 5002);
  until(function () { return cli.state === 4 && srv.state === 4; }, 'the TCP connection');
  for (k = 0; k < 10000 && (cable.pollAll(ifaces) || cable.advance(ifaces)); k++) {}
  var seg = pattern(1448, 9), segIn = new Uint8Array(2048), fr = new FloorRx(sum, IP_B, 5002);
  function rxRep(how) {
    if (cli.send(seg, 0, 1448) !== 1448) throw new Error('floors: A could not queue a segment');
    A.poll(cable.now);
    if (endB.used !== 1) throw new Error('floors: no segment on the cable');
    if (how === 0) {
      mark(true);
      B.poll(cable.now);
      mark(false);
    } else {
      if (how === 1) {
        mark(true);
        var r = fr.take(endB, sinkOut, cable.now);
        mark(false);
        if (r !== 1) throw new Error('floors: FloorRx refused the segment');
        sink.lens.fill(0);
        sink.used = 0;
      } else cableOnly(fr.rx, 66);
      // The same segment again, for B's stack, so that the connection goes on.
      endA.transmit(fr.rx, 0, 14 + (fr.rx[16] << 8 | fr.rx[17]));
      B.poll(cable.now);
    }
    if (how !== 1 && fr.rcvNxt >= 0) fr.rcvNxt = (fr.rcvNxt + 1448) >>> 0;
    fr.head = (fr.head + fr.used) & 2047;
    fr.used = 0;
    if (srv.recv(segIn, 0, 2048) !== 1448) throw new Error('floors: B did not receive the segment');
    settle();
  }

  var figs = [pingRep, rxRep], f, how;
  for (f = 0; f < figs.length; f++) {
    timing = false;
    for (i = 0; i < 2; i++) for (how = 0; how < 3; how++) figs[f](how);
    timing = true;
    for (how = 0; how < 3; how++) for (i = 0; i < reps; i++) figs[f](how);
  }
  print('FLOORS OK');
}
