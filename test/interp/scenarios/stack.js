// ES5 only: runs on Espruino, JerryScript and Node (no hoisting is relied on: every function and
// variable is declared before it is used; no value-less return; no labels, Map, Math.imul, regexps).
//
// stackScenario(lib, opts): the whole stack between two Interfaces inside one interpreter. `lib` is a
// board bundle's exports (flat on the Espruino boards, namespaced on node-sim). The two interfaces
// are joined by a cable of two ES5 Devices (cable.js, which must come first in the script) with a
// seeded PRNG that loses, duplicates, reorders and corrupts frames, and delays them in virtual ms. A
// synchronous loop polls both interfaces and moves a virtual clock to the next event, so no timers
// are needed. Steps: DHCP (A leases from a scripted
// server on B), ping, UDP both ways, DNS (an A record and NXDOMAIN from a scripted server on B), TCP
// each way over a lossy cable with board-sized rings, and (opts.memory, Espruino NO_ALLOC builds)
// process.memory().usage before and after opts.packets packets in steady state.
// Prints `RESULT {json}` per step; throws on any failure with what never happened.
//
// opts: { tcpBytes (default 65536), ring (TCP ring bytes, default 2048), memory (bool),
//         packets (packets of the memory step, default 10000), seed (cable seed, default 7) }
function stackScenario(lib, opts) {
  opts = opts || {};
  var say = typeof print === 'function' ? print : function (s) { console.log(s); };
  var X = stackExports(lib), Interface = X.Interface, UdpSocket = X.UdpSocket, IcmpSocket = X.IcmpSocket;
  var TcpSocket = X.TcpSocket, DhcpClient = X.DhcpClient, DnsClient = X.DnsClient, ERR = X.ERR;
  // TCP and DHCP states by number (the Espruino bundles do not export the name tables).
  var TCP_CLOSED = 0, TCP_ESTABLISHED = 4, DHCP_BOUND = 4;
  var MTU_PAYLOAD = 1472;
  var tcpBytes = opts.tcpBytes || 65536, ring = opts.ring || 2048, packets = opts.packets || 10000;
  var t0 = Date.now();

  function fail(msg) { throw new Error('stack scenario: ' + msg); }
  function check(cond, msg) { if (!cond) fail(msg); }
  function ipOf(a, b, c, d) { return a * 16777216 + b * 65536 + c * 256 + d; }
  function dotted(v) { return [(v / 16777216) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.'); }
  function result(o) { say('RESULT ' + JSON.stringify(o)); }

  // ---- the two hosts and the virtual-time loop ----------------------------------------------
  var cable = new Cable(opts.seed || 7);
  var endA = new End(cable, 0x020000000001), endB = new End(cable, 0x020000000002);
  endA.peer = endB;
  endB.peer = endA;
  var IP_B = ipOf(10, 0, 0, 1), IP_LEASE = ipOf(10, 0, 0, 50), IP_NAME = ipOf(10, 0, 0, 77);
  var A = new Interface({ device: endA, seed: 11, sockets: 10 });
  var B = new Interface({ device: endB, ip: '10.0.0.1', prefix: 24, seed: 12, sockets: 10 });
  var ifaces = [A, B];

  function pollAll() { return cable.pollAll(ifaces); }
  // Moves virtual time to the next frame arrival or deadline; false when nothing is scheduled.
  function advance() { return cable.advance(ifaces); }
  // Polls and advances until cond() holds; fails naming `what` after maxMs of virtual time, when
  // nothing is left to happen, or after a bounded number of polls.
  function runUntil(cond, what, maxMs) {
    var start = cable.now, steps;
    for (steps = 0; steps < 200000; steps++) {
      if (cond()) return cable.now - start;
      if (!pollAll() && !cond() && !advance()) fail(what + ' never happened: nothing left to do at ' + cable.now + ' ms');
      if (cable.now - start > maxMs) fail(what + ' never happened within ' + maxMs + ' ms of virtual time');
    }
    fail(what + ' never happened after ' + steps + ' polls');
    return -1;
  }
  function step(name, fn) {
    var w = Date.now(), v0 = cable.now, r;
    try {
      r = fn();
    } catch (e) {
      result({ step: name, ok: false, error: String(e && e.message || e) });
      throw e;
    }
    r.step = name;
    r.ok = true;
    r.virtualMs = cable.now - v0;
    r.wallMs = Date.now() - w;
    result(r);
    return r;
  }

  var helpers = useBoardHelpers(lib);
  result({ step: 'start', ok: true, board: lib.board, noAlloc: lib.noAlloc, nativeSum: helpers.nativeSum, copyByViews: helpers.copyByViews });

  // ---- DHCP: a scripted server on B (UDP port 67), the DhcpClient on A ------------------------
  var dhcpSeen = [];
  var dhcpSock = new UdpSocket({ rxPackets: 4, rxBytes: 2400, txPackets: 2, txBytes: 1200 });
  check(B.add(dhcpSock) >= 0, 'no socket slot for the DHCP server');
  check(dhcpSock.bind(67) === 0, 'DHCP server cannot bind port 67');
  var dhcpIn = new Uint8Array(1500), dhcpOut = new Uint8Array(600);
  function put32(b, p, v) { b[p] = (v / 16777216) & 255; b[p + 1] = (v >>> 16) & 255; b[p + 2] = (v >>> 8) & 255; b[p + 3] = v & 255; }
  function get32(b, p) { return b[p] * 16777216 + (b[p + 1] << 16) + (b[p + 2] << 8) + b[p + 3]; }
  function dhcpOption(b, n, code) {
    var p = 240;
    while (p < n && b[p] !== 255) {
      if (b[p] === 0) { p++; continue; }
      if (b[p] === code) return p;
      p += 2 + b[p + 1];
    }
    return -1;
  }
  function dhcpReply(type, n) {
    var o = dhcpOut, i, p;
    for (i = 0; i < o.length; i++) o[i] = 0;
    o[0] = 2; o[1] = 1; o[2] = 6;
    for (i = 4; i < 8; i++) o[i] = dhcpIn[i]; // xid
    o[10] = dhcpIn[10]; o[11] = dhcpIn[11]; // flags
    put32(o, 16, IP_LEASE); // yiaddr
    for (i = 28; i < 44; i++) o[i] = dhcpIn[i]; // chaddr
    put32(o, 236, 0x63825363);
    p = 240;
    o[p++] = 53; o[p++] = 1; o[p++] = type;
    o[p++] = 54; o[p++] = 4; put32(o, p, IP_B); p += 4;
    o[p++] = 51; o[p++] = 4; put32(o, p, 3600); p += 4;
    o[p++] = 1; o[p++] = 4; put32(o, p, ipOf(255, 255, 255, 0)); p += 4;
    o[p++] = 3; o[p++] = 4; put32(o, p, IP_B); p += 4;
    o[p++] = 6; o[p++] = 4; put32(o, p, IP_B); p += 4;
    o[p++] = 255;
    check(dhcpSock.sendTo(o, 0, p, 0xffffffff, 68) === p, 'DHCP server could not queue its reply');
    return n;
  }
  B.attach({
    pollAt: function () { return -1; },
    poll: function () {
      var n, t, q;
      while (dhcpSock.canRecv()) {
        n = dhcpSock.recvFrom(dhcpIn, 0, dhcpIn.length);
        if (n < 240 || dhcpIn[0] !== 1 || get32(dhcpIn, 236) !== 0x63825363) continue;
        t = dhcpOption(dhcpIn, n, 53);
        if (t < 0) continue;
        t = dhcpIn[t + 2];
        q = dhcpOption(dhcpIn, n, 50);
        dhcpSeen.push({ type: t, requested: q < 0 ? 0 : get32(dhcpIn, q + 2), chaddr: dhcpIn[28] * 1099511627776 + get32(dhcpIn, 30) });
        if (t === 1) dhcpReply(2, n);
        else if (t === 3) dhcpReply(5, n);
      }
    }
  });
  var dns = new DnsClient(A, { pending: 1 });
  var dhcpChanges = 0;
  var dhcp = new DhcpClient(A, { dns: dns, hostName: 'board', onChange: function (up) { if (up) dhcpChanges++; } });

  step('dhcp', function () {
    // DHCP over the lossy cable: lost DISCOVERs and REQUESTs are retried by the client.
    cable.setFaults({ loss: 0.05, duplicate: 0.02, reorder: 0.02, corrupt: 0.01, delayMs: 1, reorderMs: 3 });
    check(dhcp.start() === 0, 'DhcpClient.start failed');
    var ms = runUntil(function () { return dhcp.state === DHCP_BOUND; }, 'a DHCP lease', 120000);
    check(A.ipAddr === IP_LEASE, 'leased address is ' + dotted(A.ipAddr) + ', not 10.0.0.50');
    check(A.prefix === 24 && A.gateway === IP_B, 'prefix /' + A.prefix + ' gateway ' + dotted(A.gateway));
    check(dns.servers.length === 1 && dns.servers[0] === IP_B, 'DNS servers from the lease: ' + dns.servers);
    check(dhcpChanges === 1, 'onChange(true) called ' + dhcpChanges + ' times');
    var types = [], i;
    for (i = 0; i < dhcpSeen.length; i++) types.push(dhcpSeen[i].type);
    check(types[0] === 1 && types[types.length - 1] === 3, 'server saw ' + types.join(','));
    check(dhcpSeen[dhcpSeen.length - 1].requested === IP_LEASE, 'REQUEST asks for ' + dotted(dhcpSeen[dhcpSeen.length - 1].requested));
    check(dhcpSeen[0].chaddr === 0x020000000001, 'DISCOVER chaddr is not A\'s MAC');
    return { address: dotted(A.ipAddr), messages: types.length, leaseMs: ms };
  });

  // ---- ping: A echoes B, B echoes A, data checked ---------------------------------------------
  cable.setFaults({ delayMs: 1 });
  var pingA = new IcmpSocket(), pingB = new IcmpSocket();
  check(A.add(pingA) >= 0 && B.add(pingB) >= 0, 'no socket slot for ICMP');
  check(pingA.bind(0x1234) === 0 && pingB.bind(0x4321) === 0, 'ICMP bind failed');
  var echoData = pattern(56, 99), echoIn = new Uint8Array(64);

  function pingOnce(sock, to, seq, len) {
    check(sock.sendEcho(to, seq, echoData, 0, len) === len, 'sendEcho to ' + dotted(to) + ' refused');
    var n = -1;
    runUntil(function () { n = sock.recv(echoIn, 0, echoIn.length); return n !== ERR.Empty; }, 'echo reply ' + seq + ' from ' + dotted(to), 5000);
    check(n === len, 'echo reply of ' + n + ' bytes, sent ' + len);
    check(sock.seq === seq && sock.fromAddr === to, 'echo reply seq ' + sock.seq + ' from ' + dotted(sock.fromAddr));
    check(sameBytes(echoIn, 0, echoData, 0, len), 'echo reply data differs');
    return n;
  }

  step('ping', function () {
    var seq;
    for (seq = 1; seq <= 4; seq++) pingOnce(pingA, IP_B, seq, seq === 4 ? 0 : 56);
    pingOnce(pingB, IP_LEASE, 1, 56);
    return { echoes: 5 };
  });

  // ---- UDP both ways, payloads checked byte for byte ------------------------------------------
  var udpA = new UdpSocket({ rxPackets: 4, rxBytes: 3000, txPackets: 4, txBytes: 3000 });
  var udpB = new UdpSocket({ rxPackets: 4, rxBytes: 3000, txPackets: 4, txBytes: 3000 });
  check(A.add(udpA) >= 0 && B.add(udpB) >= 0, 'no socket slot for UDP');
  check(udpA.bind(1000) === 0 && udpB.bind(2000) === 0, 'UDP bind failed');
  var udpData = pattern(MTU_PAYLOAD + 16, 5), udpIn = new Uint8Array(1600);

  function udpOnce(from, to, toAddr, toPort, fromAddr, fromPort, len, off) {
    check(from.sendTo(udpData, off, len, toAddr, toPort) === len, 'sendTo of ' + len + ' bytes refused');
    var n = -1;
    runUntil(function () { n = to.recvFrom(udpIn, 0, udpIn.length); return n !== ERR.Empty; }, 'UDP datagram of ' + len + ' bytes to ' + dotted(toAddr), 5000);
    check(n === len, 'UDP datagram of ' + n + ' bytes, sent ' + len);
    check(to.fromAddr === fromAddr && to.fromPort === fromPort, 'UDP source ' + dotted(to.fromAddr) + ':' + to.fromPort);
    check(sameBytes(udpIn, 0, udpData, off, len), 'UDP payload of ' + len + ' bytes differs');
    return n;
  }

  step('udp', function () {
    var sizes = [0, 1, 2, 3, 100, 1000, MTU_PAYLOAD], i, bytes = 0;
    for (i = 0; i < sizes.length; i++) bytes += udpOnce(udpA, udpB, IP_B, 2000, IP_LEASE, 1000, sizes[i], i);
    for (i = 0; i < sizes.length; i++) bytes += udpOnce(udpB, udpA, IP_LEASE, 1000, IP_B, 2000, sizes[i], sizes.length - 1 - i);
    return { datagrams: sizes.length * 2, bytes: bytes };
  });

  // ---- DNS: a scripted server on B port 53; the client learned it from the lease ---------------
  var dnsSock = new UdpSocket({ rxPackets: 2, rxBytes: 1200, txPackets: 2, txBytes: 1200 });
  check(B.add(dnsSock) >= 0, 'no socket slot for the DNS server');
  check(dnsSock.bind(53) === 0, 'DNS server cannot bind port 53');
  var dnsIn = new Uint8Array(600), dnsOut = new Uint8Array(600), dnsNames = [];
  B.attach({
    pollAt: function () { return -1; },
    poll: function () {
      var n, p, name, l, i, o = dnsOut, nx, q;
      while (dnsSock.canRecv()) {
        n = dnsSock.recvFrom(dnsIn, 0, dnsIn.length);
        if (n < 17) continue;
        name = '';
        p = 12;
        while (p < n && dnsIn[p] !== 0) {
          l = dnsIn[p];
          for (i = 1; i <= l; i++) name += String.fromCharCode(dnsIn[p + i]);
          p += l + 1;
          if (dnsIn[p] !== 0) name += '.';
        }
        q = p + 5; // end of the question: the zero label, type, class
        dnsNames.push(name);
        nx = name.toLowerCase() !== 'board.example';
        for (i = 0; i < q; i++) o[i] = dnsIn[i];
        o[2] = 0x81; o[3] = nx ? 0x83 : 0x80;
        o[6] = 0; o[7] = nx ? 0 : 1;
        o[8] = 0; o[9] = 0; o[10] = 0; o[11] = 0;
        p = q;
        if (!nx) {
          o[p++] = 0xc0; o[p++] = 12; o[p++] = 0; o[p++] = 1; o[p++] = 0; o[p++] = 1;
          put32(o, p, 300); p += 4;
          o[p++] = 0; o[p++] = 4;
          put32(o, p, IP_NAME); p += 4;
        }
        dnsSock.sendTo(o, 0, p, dnsSock.fromAddr, dnsSock.fromPort);
      }
    }
  });

  function lookup(name) {
    var got = null;
    var r = dns.resolve(name, function (err, addr) { got = [err, addr]; });
    check(r === 0, 'resolve(' + name + ') returned ' + r);
    runUntil(function () { return got !== null; }, 'the DNS answer for ' + name, 30000);
    return got;
  }

  step('dns', function () {
    var a = lookup('Board.Example');
    check(a[0] === 0 && a[1] === IP_NAME, 'board.example resolved to [' + a[0] + ', ' + dotted(a[1]) + ']');
    var b = lookup('nothing.example');
    check(b[0] === ERR.NotFound && b[1] === 0, 'nothing.example gave [' + b[0] + ', ' + b[1] + '], not NotFound');
    check(dnsNames.length === 2, 'server saw ' + dnsNames.length + ' queries: ' + dnsNames.join(' '));
    return { address: dotted(a[1]), nxdomain: b[0], queries: dnsNames.length };
  });

  // ---- TCP: tcpBytes each way, byte-exact, over a lossy cable, board-sized rings ---------------
  var tcpOpts = { txBytes: ring, rxBytes: ring };
  var srv = new TcpSocket(tcpOpts), cli = new TcpSocket(tcpOpts);
  check(B.add(srv) >= 0 && A.add(cli) >= 0, 'no socket slot for TCP');
  var tcpIn = new Uint8Array(ring + 4), tcpSteps = 0;

  function transfer(from, to, data, what) {
    var n = data.length, sent = 0, got = 0, r, k, busy, steps, start = cable.now;
    for (steps = 0; steps < 400000; steps++) {
      if (sent < n) {
        r = from.send(data, sent, n - sent);
        check(r >= 0, what + ': send returned ' + r + ' after ' + sent + ' bytes');
        sent += r;
      }
      busy = pollAll();
      for (;;) {
        k = to.recv(tcpIn, got & 3, ring); // same alignment as data[got]: compared by words
        if (k === 0) break;
        check(k > 0, what + ': recv returned ' + k + ' after ' + got + ' bytes');
        check(got + k <= n, what + ': received more bytes than were sent');
        check(sameBytes(tcpIn, got & 3, data, got, k), what + ': bytes ' + got + '..' + (got + k) + ' differ');
        got += k;
        busy = true;
      }
      if (got === n) { tcpSteps += steps + 1; return cable.now - start; }
      if (!busy && !advance()) fail(what + ': stalled with nothing scheduled, ' + got + ' of ' + n + ' bytes');
      if (cable.now - start > 600000) fail(what + ': ' + got + ' of ' + n + ' bytes after 600 s of virtual time');
    }
    fail(what + ': ' + got + ' of ' + n + ' bytes after ' + steps + ' steps');
    return -1;
  }

  step('tcp', function () {
    cable.setFaults({ loss: 0.03, duplicate: 0.02, reorder: 0.03, corrupt: 0.01, delayMs: 1, reorderMs: 4 });
    var s0 = { sent: cable.stats.sent, lost: cable.stats.lost, duplicated: cable.stats.duplicated, reordered: cable.stats.reordered, corrupted: cable.stats.corrupted };
    check(srv.listen(5001) === 0, 'listen failed');
    check(cli.connect(IP_B, 5001) === 0, 'connect failed');
    runUntil(function () { return cli.state === TCP_ESTABLISHED && srv.state === TCP_ESTABLISHED; }, 'the TCP connection', 60000);
    var up = pattern(tcpBytes, 1), down = pattern(tcpBytes, 2);
    var w1 = Date.now(), msUp = transfer(cli, srv, up, 'A to B');
    var w2 = Date.now(), msDown = transfer(srv, cli, down, 'B to A');
    var w3 = Date.now();
    cli.close();
    runUntil(function () { return srv.recv(tcpIn, 0, 1) === ERR.Closed; }, 'B seeing A\'s FIN', 60000);
    srv.close();
    runUntil(function () { return cli.recv(tcpIn, 0, 1) === ERR.Closed; }, 'A seeing B\'s FIN', 60000);
    runUntil(function () { return cli.state === TCP_CLOSED && srv.state === TCP_CLOSED; }, 'both TCP sockets closed (TIME-WAIT over)', 300000);
    var d = { sent: cable.stats.sent - s0.sent, lost: cable.stats.lost - s0.lost, duplicated: cable.stats.duplicated - s0.duplicated,
      reordered: cable.stats.reordered - s0.reordered, corrupted: cable.stats.corrupted - s0.corrupted };
    if (tcpBytes >= 65536) check(d.lost > 0 && d.reordered > 0, 'the cable was not lossy: ' + JSON.stringify(d));
    return { bytesUp: tcpBytes, bytesDown: tcpBytes, ring: ring, virtualMsUp: msUp, virtualMsDown: msDown,
      wallMsUp: w2 - w1, wallMsDown: w3 - w2, loops: tcpSteps, kBps: Math.round(2 * tcpBytes / 1.024 / Math.max(1, w3 - w1)), cable: d };
  });

  // ---- memory: NO_ALLOC, steady state, process.memory().usage does not grow -------------------
  if (opts.memory) {
    step('memory', function () {
      check(lib.noAlloc === true, 'the memory step needs a NO_ALLOC build');
      check(typeof process !== 'undefined' && typeof process.memory === 'function', 'process.memory() is missing');
      cable.setFaults({});
      // Echoes go in bursts of BURST (the socket's ring size) so that one round of polls serves
      // several; every reply is checked. A packet is a request or a reply on the cable.
      var BURST = 4, rounds = Math.ceil(packets / (2 * BURST)), seq = 0, n = 0, i = 0, before = 0, after = 0;
      // One round without closures (nothing of the scenario's own is created per packet); time
      // moves 1 ms per round, so ARP entries age and are renewed as on a board.
      function round() {
        var k, j, got = 0;
        for (j = 1; j <= BURST; j++) {
          if (pingA.sendEcho(IP_B, (seq + j) & 0xffff, echoData, 0, 32) !== 32) fail('sendEcho refused at ' + (seq + j));
        }
        for (k = 0; k < 50 && got < BURST; k++) {
          if (!pollAll()) advance();
          for (;;) {
            n = pingA.recv(echoIn, 0, 64);
            if (n === ERR.Empty) break;
            got++;
            if (n !== 32 || pingA.seq !== ((seq + got) & 0xffff) || echoIn[0] !== echoData[0] || echoIn[31] !== echoData[31]) {
              fail('echo ' + (seq + got) + ': reply of ' + n + ' bytes, seq ' + pingA.seq);
            }
          }
        }
        if (got !== BURST) fail('echoes ' + (seq + 1) + '..' + (seq + BURST) + ': ' + got + ' replies after ' + k + ' polls');
        seq = (seq + BURST) & 0xffff;
        cable.now += 1;
        return got;
      }
      // Whole milliseconds from here on, and 6 s of idle polls so that every periodic deadline (the
      // DHCP link check...) is renewed in whole ms: Espruino keeps an integer property in one block
      // and a fractional one in two, so a deadline turning from fractional to whole would show as
      // one block less without anything having been freed.
      cable.now = Math.ceil(cable.now);
      for (i = 0; i < 600; i++) {
        pollAll();
        cable.now += 10;
      }
      // Measured when no ARP retry is pending on either side. A neighbour entry expires now and then
      // in steady traffic, and until its ARP reply comes the interface holds a retry time: a number
      // whose size decides whether Espruino stores the property in one block or two, so a reading
      // taken during that window differs by one block without anything having leaked.
      function settled() {
        for (var w = 0; w < 5000 && (A.arpRetryAt !== -1 || B.arpRetryAt !== -1); w++) {
          pollAll();
          cable.now += 1;
        }
        if (A.arpRetryAt !== -1 || B.arpRetryAt !== -1) fail('an ARP retry still pending after 5 s of polls');
        return process.memory().usage;
      }
      for (i = 0; i < 100; i++) round(); // warm-up
      before = settled();
      for (i = 0; i < rounds; i++) round();
      after = settled();
      check(after === before, 'memory usage ' + before + ' blocks before ' + rounds * BURST * 2 + ' packets, ' + after + ' after');
      return { packets: rounds * BURST * 2, before: before, after: after };
    });
  }

  result({ step: 'done', ok: true, wallMs: Date.now() - t0, cable: cable.stats });
  return 'ok';
}
