// ES5 only: runs on Espruino, JerryScript and Node (no hoisting is relied on: every function and
// variable is declared before it is used; no value-less return; no labels, Map, Math.imul, regexps).
// Needs cable.js before it in the script (test/bench/parts/espruino.mjs and test/interp/bench.test.mjs
// put it there).
//
// benchScenario(lib, opts): the speed of the stack on the interpreter, in loop units. A loop unit
// (lu) is the time of one iteration of an empty `for (i = 0; i < N; i++) {}`, measured in the same
// process right before and right after each figure's workload (opts.loop iterations); a figure is
// its workload's time divided by the mean of the two, and both are printed to show the noise.
//
// Two Interfaces, A (10.0.0.2) and B (10.0.0.1), 8 socket slots each, on a clean cable (no loss,
// no delay, 8 frame slots per end), the checksum by E.sum where the firmware has it (installed as a
// board's startDevice does: lib.wire.setSum16(lib.nativeSum16())), ARP entries that never expire.
// Each per-frame figure is the sum of the timed sections of opts.reps repetitions (after
// opts.warm untimed ones), less the cost of the clock calls (RESULT timer), divided by the reps:
//   tcp:       opts.tcpKB KB of TCP payload A -> B, after an untimed warm-up of opts.warmKB KB, 2 KB
//              rings on both sides (txBytes = rxBytes = 2048), default options (delayed ACK 40 ms).
//              Times the whole loop: A's send, both polls, B's recv into one buffer, the virtual
//              clock moved to the next deadline when idle. Figure: lu per KB (1024 bytes) of payload.
//   rx_segment: a second connection (2 KB rings, B with ackDelay 0 so that every segment is ACKed
//              at once). A's send of 1460 bytes and A's poll put a full-size segment on the cable
//              (untimed); timed: B's one poll that takes the segment and emits its ACK. B's recv,
//              its window update and A's polls are untimed.
//   tx_segment: same connection; timed: A's send of 1460 bytes and A's poll that emits the
//              segment, then (after B's untimed poll emitting the ACK) A's poll that takes the ACK.
//   ping:      A's IcmpSocket sends a 56-byte echo request (untimed); timed: B's poll that takes
//              it and emits the reply (the interface answers, no socket on B).
//   udp_echo:  A sends a 512-byte datagram to B's echo socket (untimed); timed: B's poll that
//              takes it into the socket, recvFrom, sendTo back to the sender, B's poll that emits
//              the reply (its device read finds nothing).
//   cable:     for reference, what the cable adds to a timed poll: one End.transmit of a
//              1514-byte frame and the peer End's receive of it plus one empty receive.
//   timer:     one pair of clock reads around an empty section (subtracted from the figures above).
// Every timed poll is checked to have taken and emitted exactly the frames it should.
// Prints `RESULT {json}` per figure: { figure, lu, us (microseconds per unit), loopNsBefore,
// loopNsAfter, units }; first a `start` line, last `done`. Throws when anything is off.
//
// opts: { tcpKB (64), warmKB (8), reps (200), warm (20), loop (300000) }
function benchScenario(lib, opts) {
  opts = opts || {};
  var say = typeof print === 'function' ? print : function (s) { console.log(s); };
  var X = stackExports(lib), Interface = X.Interface, UdpSocket = X.UdpSocket, IcmpSocket = X.IcmpSocket;
  var TcpSocket = X.TcpSocket, ERR = X.ERR;
  // A full segment: the MSS of 1460 less the 12 bytes of the timestamp option both stacks agree on.
  var TCP_ESTABLISHED = 4, MSS = 1448;
  var tcpKB = opts.tcpKB || 64, warmKB = opts.warmKB || 8, reps = opts.reps || 200, warm = opts.warm || 20;
  var loopN = opts.loop || 300000;
  // opts.probe (profiling, test/bench/profile-espruino.mjs): probe.figure(name) when a figure
  // starts, probe.on() / probe.off() around every timed section, probe.done(name, units) at its end.
  var probe = opts.probe || null;

  function fail(msg) { throw new Error('bench scenario: ' + msg); }
  function check(cond, msg) { if (!cond) fail(msg); }
  function result(o) { say('RESULT ' + JSON.stringify(o)); }

  // Milliseconds, as finely as the engine tells: getTime() (Espruino, seconds to the microsecond),
  // performance.now() (Node), Date.now() (JerryScript).
  var clock;
  if (typeof getTime === 'function') clock = function () { return getTime() * 1000; };
  else if (typeof performance !== 'undefined' && performance && typeof performance.now === 'function') clock = function () { return performance.now(); };
  else clock = function () { return Date.now(); };

  // ms per iteration of an empty loop.
  function loopMs() {
    var i, t0 = clock();
    for (i = 0; i < loopN; i++) {}
    return (clock() - t0) / loopN;
  }
  var timerMs = 0;
  // A timed section runs between start() and stop(t0). The timer figure times this pair around
  // nothing, and stop() subtracts that from every other section.
  function start() {
    if (probe) probe.on();
    return clock();
  }
  function stop(t0) {
    var ms = clock() - t0 - timerMs;
    if (probe) probe.off();
    return ms;
  }
  // Runs work() (returns { ms: timed ms, units: n, extra fields }) between two loop measurements
  // and prints the figure.
  function figure(name, work) {
    var before, r, after, unit, k;
    if (probe) probe.figure(name);
    before = loopMs();
    r = work();
    after = loopMs();
    unit = (before + after) / 2;
    if (probe) probe.done(name, r.units);
    var o = { figure: name, lu: Math.round(10 * r.ms / r.units / unit) / 10, us: Math.round(1000 * 1000 * r.ms / r.units) / 1000,
      loopNsBefore: Math.round(before * 1e7) / 10, loopNsAfter: Math.round(after * 1e7) / 10, units: r.units };
    for (k in r) if (k !== 'ms' && k !== 'units') o[k] = r[k];
    result(o);
    return o;
  }

  var helpers = useBoardHelpers(lib);
  result({ step: 'start', ok: true, board: lib.board, noAlloc: lib.noAlloc, nativeSum: helpers.nativeSum, copyByViews: helpers.copyByViews, tcpKB: tcpKB, reps: reps, loop: loopN });

  var cable = new Cable(1);
  var endA = new End(cable, 0x020000000001, 8), endB = new End(cable, 0x020000000002, 8);
  endA.peer = endB;
  endB.peer = endA;
  var IP_A = 10 * 16777216 + 2, IP_B = 10 * 16777216 + 1;
  var A = new Interface({ device: endA, ip: '10.0.0.2', prefix: 24, seed: 11, sockets: 8, arpLifetimeMs: 1e9 });
  var B = new Interface({ device: endB, ip: '10.0.0.1', prefix: 24, seed: 12, sockets: 8, arpLifetimeMs: 1e9 });
  var ifaces = [A, B];

  function runUntil(cond, what) {
    var steps;
    for (steps = 0; steps < 100000; steps++) {
      if (cond()) return steps;
      if (!cable.pollAll(ifaces) && !cond() && !cable.advance(ifaces)) fail(what + ' never happened: nothing left to do');
    }
    fail(what + ' never happened after ' + steps + ' polls');
    return -1;
  }
  // Polls both sides until neither has anything to do now, then moves the clock 1 ms.
  function settle() {
    var k;
    for (k = 0; k < 50 && cable.pollAll(ifaces); k++) {}
    check(endA.used === 0 && endB.used === 0, 'frames left on the cable after settling');
    cable.now += 1;
  }
  // Polls and runs the clock until no interface has a deadline left (delayed ACKs sent...), so
  // that no timer fires inside a timed section.
  function quiesce() {
    var k;
    for (k = 0; k < 10000 && (cable.pollAll(ifaces) || cable.advance(ifaces)); k++) {}
    check(A.pollAt(cable.now) < 0 && B.pollAt(cable.now) < 0 && endA.used === 0 && endB.used === 0, 'a deadline is still pending');
  }

  // ---- the timer ---------------------------------------------------------------------------------
  figure('timer', function () {
    var i, t0, ms = 0;
    for (i = 0; i < 1000; i++) {
      t0 = start();
      ms += stop(t0);
    }
    timerMs = ms / 1000;
    return { ms: ms, units: 1000 };
  });

  // ---- the cable's own cost per frame ------------------------------------------------------------
  var frame = pattern(1514, 3), rxBuf = new Uint8Array(1514);
  figure('cable', function () {
    var i, t0, ms = 0;
    for (i = 0; i < reps; i++) {
      t0 = start();
      endA.transmit(frame, 0, 1514);
      endB.receive(rxBuf, 0);
      endB.receive(rxBuf, 0);
      ms += stop(t0);
    }
    check(endB.used === 0 && sameBytes(rxBuf, 0, frame, 0, 1514), 'the cable lost or changed a frame');
    return { ms: ms, units: reps };
  });
  cable.stats.sent = 0;
  cable.stats.delivered = 0;

  // ---- TCP bulk, 2 KB rings ------------------------------------------------------------------------
  var ringOpts = { txBytes: 2048, rxBytes: 2048 };
  var srv = new TcpSocket(ringOpts), cli = new TcpSocket(ringOpts);
  check(B.add(srv) >= 0 && A.add(cli) >= 0, 'no socket slot for TCP');
  check(srv.listen(5001) === 0 && cli.connect(IP_B, 5001) === 0, 'listen or connect failed');
  runUntil(function () { return cli.state === TCP_ESTABLISHED && srv.state === TCP_ESTABLISHED; }, 'the TCP connection');
  var data = pattern(tcpKB * 1024, 1), got = new Uint8Array(tcpKB * 1024);

  // A -> B: n bytes of data into got[]; returns the polls made. Stalls fail.
  function transfer(n) {
    var sent = 0, have = 0, r, k, busy, steps;
    for (steps = 0; steps < 1000000; steps++) {
      if (sent < n) {
        r = cli.send(data, sent, n - sent);
        if (r < 0) fail('send returned ' + r);
        sent += r;
      }
      busy = cable.pollAll(ifaces);
      for (;;) {
        k = srv.recv(got, have, n - have);
        if (k <= 0) break;
        have += k;
        busy = true;
      }
      if (k < 0) fail('recv returned ' + k);
      if (have === n) return steps + 1;
      if (!busy && !cable.advance(ifaces)) fail('TCP stalled at ' + have + ' of ' + n + ' bytes');
    }
    fail('TCP: ' + have + ' of ' + n + ' bytes after ' + steps + ' steps');
    return -1;
  }
  transfer(warmKB * 1024);
  check(sameBytes(got, 0, data, 0, warmKB * 1024), 'warm-up TCP data differs');
  var sentBefore = cable.stats.sent, v0 = cable.now;
  figure('tcp', function () {
    var t0, polls, ms;
    t0 = start();
    polls = transfer(tcpKB * 1024);
    ms = stop(t0);
    check(sameBytes(got, 0, data, 0, tcpKB * 1024), 'TCP data differs');
    return { ms: ms, units: tcpKB, frames: cable.stats.sent - sentBefore, polls: polls, virtualMs: cable.now - v0 };
  });
  check(cable.stats.overflow === 0, 'the cable overflowed: ' + JSON.stringify(cable.stats));
  quiesce();

  // ---- per frame: TCP segment in and out, ACK every segment ---------------------------------------
  var srvF = new TcpSocket({ txBytes: 2048, rxBytes: 2048, ackDelay: 0 }), cliF = new TcpSocket(ringOpts);
  check(B.add(srvF) >= 0 && A.add(cliF) >= 0, 'no socket slot for the per-frame TCP connection');
  check(srvF.listen(5002) === 0 && cliF.connect(IP_B, 5002) === 0, 'listen or connect failed');
  runUntil(function () { return cliF.state === TCP_ESTABLISHED && srvF.state === TCP_ESTABLISHED; }, 'the per-frame TCP connection');
  quiesce();
  var seg = pattern(MSS, 9), segIn = new Uint8Array(2048);

  function frames(end) { return end.counters[5]; }
  // The timed part of rx_segment and ping: A has sent one frame to B; B's poll takes it and sends
  // exactly one frame back. Returns the poll's time.
  function timeAnswerB(what) {
    var t0, ms, txB = frames(endB);
    check(endB.used === 1, 'A did not send ' + what);
    t0 = start();
    B.poll(cable.now);
    ms = stop(t0);
    check(endB.used === 0 && frames(endB) === txB + 1 && endA.used === 1, 'B\'s poll did not take ' + what + ' and answer it once: ' + [endB.used, frames(endB) - txB, endA.used]);
    return ms;
  }
  function takeSegment() {
    check(srvF.recv(segIn, 0, 2048) === MSS, 'B did not receive the segment');
    settle();
  }
  function rxRep() {
    var ms;
    check(cliF.send(seg, 0, MSS) === MSS, 'A could not queue a full segment');
    A.poll(cable.now);
    ms = timeAnswerB('the segment');
    takeSegment();
    return ms;
  }
  function txRep() {
    var t0, ms, txA, n;
    txA = frames(endA);
    t0 = start();
    n = cliF.send(seg, 0, MSS);
    A.poll(cable.now);
    ms = stop(t0);
    check(n === MSS, 'A could not queue a full segment');
    check(endB.used === 1 && frames(endA) === txA + 1, 'A did not send one segment');
    B.poll(cable.now);
    check(endA.used === 1, 'B did not ACK');
    t0 = start();
    A.poll(cable.now);
    ms += stop(t0);
    check(endA.used === 0 && frames(endA) === txA + 1 && cliF.sendQueue() === 0, 'A\'s poll did not take the ACK (or sent something)');
    takeSegment();
    return ms;
  }
  function repeat(rep) {
    var i, ms = 0;
    for (i = 0; i < warm; i++) rep();
    for (i = 0; i < reps; i++) ms += rep();
    return { ms: ms, units: reps };
  }
  figure('rx_segment', function () { return repeat(rxRep); });
  figure('tx_segment', function () { return repeat(txRep); });

  // ---- per frame: ping ------------------------------------------------------------------------------
  var pingA = new IcmpSocket(), echoData = pattern(56, 99), echoIn = new Uint8Array(64), pingSeq = 0;
  check(A.add(pingA) >= 0 && pingA.bind(0x1234) === 0, 'no ICMP socket');
  function pingRep() {
    var ms;
    pingSeq = (pingSeq + 1) & 0xffff;
    check(pingA.sendEcho(IP_B, pingSeq, echoData, 0, 56) === 56, 'sendEcho refused');
    A.poll(cable.now);
    ms = timeAnswerB('the echo request');
    A.poll(cable.now);
    check(pingA.recv(echoIn, 0, 64) === 56 && pingA.seq === pingSeq, 'no echo reply');
    settle();
    return ms;
  }
  figure('ping', function () { return repeat(pingRep); });

  // ---- per frame: UDP echo of 512 bytes ---------------------------------------------------------------
  var udpA = new UdpSocket({ rxPackets: 2, rxBytes: 1024, txPackets: 2, txBytes: 1024 });
  var echo = new UdpSocket({ rxPackets: 2, rxBytes: 1024, txPackets: 2, txBytes: 1024 });
  check(A.add(udpA) >= 0 && B.add(echo) >= 0, 'no UDP socket slot');
  check(udpA.bind(1000) === 0 && echo.bind(7) === 0, 'UDP bind failed');
  var udpData = pattern(512, 5), echoBuf = new Uint8Array(1500), udpIn = new Uint8Array(1500);
  function udpRep() {
    var t0, ms, n, txB;
    check(udpA.sendTo(udpData, 0, 512, IP_B, 7) === 512, 'sendTo refused');
    A.poll(cable.now);
    check(endB.used === 1, 'A did not send the datagram');
    txB = frames(endB);
    t0 = start();
    B.poll(cable.now);
    n = echo.recvFrom(echoBuf, 0, 1500);
    echo.sendTo(echoBuf, 0, n, echo.fromAddr, echo.fromPort);
    B.poll(cable.now);
    ms = stop(t0);
    check(n === 512 && frames(endB) === txB + 1 && endA.used === 1, 'B did not echo the datagram');
    A.poll(cable.now);
    check(udpA.recvFrom(udpIn, 0, 1500) === 512 && udpA.fromPort === 7 && sameBytes(udpIn, 0, udpData, 0, 512), 'no echo of the datagram');
    settle();
    return ms;
  }
  figure('udp_echo', function () { return repeat(udpRep); });

  check(cable.stats.overflow === 0 && cable.stats.lost === 0, 'cable: ' + JSON.stringify(cable.stats));
  check(ERR.Empty < 0, 'SOCKET_ERRORS missing');
  result({ step: 'done', ok: true, frames: cable.stats.sent });
  return 'ok';
}
