// ES5, runs inside Espruino after the emulator script (emu), espruino-chip.js (wireEmulatedChip)
// and `var CFG = {...}` (chip, the board's pin names, limits). A board bundle from Storage
// (require("tcpip")) brings an emulated chip up with its own connect(): SPI shim, interrupt watch,
// driver. The far end of the chip's wire is a second stack in this interpreter: an Interface of the
// same bundle on a plain Device that injects into the emulator and takes what it transmits. Steps:
//   dhcp     connect() without ip: a lease from the scripted DHCP server on the far stack
//   ping     the far stack pings the board
//   server   Espruino's own http server (through the NetworkJS driver) serves CFG.body bytes to a
//            scripted HTTP client on the far stack
//   get      require("http").get from the board to a scripted HTTP server on the far stack
//   dns      the same by host name, resolved by the stack's DNS client from a scripted DNS server
//   static   connect() again with ip: static address, ping, http.get
// Every step prints `RESULT {json}`; the last is {step: "done"}; a step that never completes prints
// ok: false with what did not happen, and the script quits.
var T0 = getTime();
function ms(t) { return Math.round((getTime() - (t === undefined ? T0 : t)) * 1000); }
function result(o) { print('RESULT ' + JSON.stringify(o)); }
var finished = false;
function finish(ok) {
  if (finished) return;
  finished = true;
  var m = process.memory();
  result({ step: 'done', ok: ok, ms: ms(), violations: chip.violations, usage: m.usage, total: m.total, blocksize: m.blocksize, spiBytes: wired.spiBytes(), transactions: wired.transactions() });
  quit();
}
function fail(step, why) {
  result({ step: step, ok: false, error: String(why), ms: ms() });
  finish(false);
}
// Calls then() once cond() holds; fails `step` saying what never happened after limit ms.
function waitFor(step, what, cond, limit, then) {
  var t = getTime();
  var iv = setInterval(function () {
    if (finished) { clearInterval(iv); return; }
    var v;
    try { v = cond(); } catch (e) { clearInterval(iv); fail(step, what + ': threw ' + e + (e && e.stack ? ' ' + e.stack : '')); return; }
    if (v) { clearInterval(iv); try { then(); } catch (e2) { fail(step, 'threw ' + e2 + (e2 && e2.stack ? ' ' + e2.stack : '')); } }
    else if ((getTime() - t) * 1000 > limit) { clearInterval(iv); fail(step, what + ' never happened within ' + limit + ' ms'); }
  }, 5);
}
setTimeout(function () { fail('watchdog', 'scenario not finished within ' + CFG.limitMs + ' ms'); }, CFG.limitMs);

// The board's pins: the Linux build has D0..D32 only, so the board's pin names are given to
// distinct D pins here (a board's firmware defines them).
for (var pn in CFG.pinMap) global[pn] = global[CFG.pinMap[pn]];
var chip = CFG.chip === 'w5500' ? new emu.W5500Emu() : new emu.Enc28j60Emu();
var wired = wireEmulatedChip(chip, global[CFG.spi], global[CFG.cs], global[CFG.int]);

var m0 = process.memory().usage;
var lib = require('tcpip');
var W = lib.wire;
result({ step: 'load', ok: true, board: lib.board, noAlloc: lib.noAlloc, blocks: process.memory().usage - m0, ms: ms() });

function bytesOf(s) { return E.toUint8Array(s); }
function textOf(buf, n) { return n > 0 ? E.toString(new Uint8Array(buf.buffer, buf.byteOffset, n)) : ''; }
// A body of n bytes covering every byte value, different per tag.
function pattern(n, tag) {
  var b = new Uint8Array(n);
  for (var i = 0; i < n; i++) b[i] = (i * 31 + (i >> 8) * 7 + tag) & 255;
  return E.toString(b);
}
function firstDiff(a, b) {
  var n = a.length < b.length ? a.length : b.length;
  for (var i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return a.length === b.length ? -1 : n;
}

// ---- the far end: an Interface of the same bundle on the other side of the emulated wire --------
var FAR_IP = '10.0.0.1', LEASE_IP = '10.0.0.50', STATIC_IP = '10.0.0.60', BOARD_MAC = 0x020000000b0b;
var frames = [];
var farTimer = -1, farSoon = -1;
var farDevice = {
  maxFrame: 1514,
  mac: 0x02000000aa01,
  receive: function (buf, off) {
    if (frames.length === 0) return 0;
    var f = frames.shift();
    buf.set(f, off);
    return f.length;
  },
  transmit: function (buf, off, len) {
    var f = new Uint8Array(len);
    f.set(new Uint8Array(buf.buffer, buf.byteOffset + off, len));
    chip.inject(f);
    return 0;
  },
  linkUp: function () { return true; },
};
var far = new lib.Interface({ device: farDevice, ip: FAR_IP, prefix: 24, sockets: 12 });
function farRun() {
  farSoon = -1;
  var now = getTime() * 1000;
  far.poll(now);
  var at = far.pollAt(now);
  if (farTimer !== -1) clearTimeout(farTimer);
  farTimer = at < 0 ? -1 : setTimeout(farRun, at > now ? at - now : 0);
}
function farKick() { if (farSoon === -1) farSoon = setTimeout(farRun, 0); }
far.onWork = farKick;
chip.onTransmit = function (f) {
  frames.push(f);
  chip.sent.splice(0, chip.sent.length); // the emulator's log of frames: not needed here
  farKick();
};
var rxBuf = new Uint8Array(1500);

// Scripted DHCP server (UDP 67): an offer and an ack of LEASE_IP, DNS = the far end.
var dhcpSeen = [];
var dhcpSock = new lib.UdpSocket({ rxPackets: 4, rxBytes: 4096, txPackets: 2, txBytes: 2048 });
far.add(dhcpSock);
dhcpSock.bind(67);
var dReq = W.createDhcpRepr(), dRep = W.createDhcpRepr(), dBuf = new Uint8Array(600);
function dhcpReply(type, req) {
  var r = W.createDhcpRepr();
  r.op = 2; r.xid = req.xid; r.chaddr = req.chaddr; r.msgType = type; r.serverId = far.ipAddr;
  r.yiaddr = W.parseIpv4Address(LEASE_IP);
  r.hasSubnetMask = true; r.subnetMask = W.parseIpv4Address('255.255.255.0');
  r.router = far.ipAddr; r.dns[0] = far.ipAddr; r.dnsCount = 1; r.leaseTime = 3600;
  var n = W.emitDhcp(r, dBuf, 0);
  dhcpSock.sendTo(dBuf, 0, n, 0xffffffff, 68);
}
// Scripted DNS server (UDP 53): CFG.hostName -> FAR_IP, anything else NXDOMAIN.
var dnsSeen = [];
var dnsSock = new lib.UdpSocket({ rxPackets: 4, rxBytes: 2048, txPackets: 2, txBytes: 1024 });
far.add(dnsSock);
dnsSock.bind(53);
function dnsAnswer(q, n) {
  var p = 12, labels = [];
  while (p < n && q[p] !== 0) { labels.push(textOf(q.subarray(p + 1), q[p])); p += q[p] + 1; }
  var name = labels.join('.').toLowerCase(), qEnd = p + 5;
  dnsSeen.push(name);
  var hit = name === CFG.hostName;
  var out = new Uint8Array(qEnd + (hit ? 16 : 0));
  out.set(q.subarray(0, qEnd));
  out[2] = 0x81; out[3] = hit ? 0x80 : 0x83; // response, RD, RA; NXDOMAIN when unknown
  out[6] = 0; out[7] = hit ? 1 : 0; out[8] = out[9] = out[10] = out[11] = 0;
  if (hit) {
    out.set([0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, 10, 0, 0, 1], qEnd);
  }
  return out;
}
far.attach({
  pollAt: function () { return -1; },
  poll: function (now) {
    var n;
    while (dhcpSock.canRecv()) {
      n = dhcpSock.recvFrom(dBuf, 0, dBuf.length);
      if (W.parseDhcp(dBuf, 0, n, dReq) !== 0) continue;
      // The host name (option 12) read by hand: parseDhcp keeps what a client needs only.
      var hostName = '';
      for (var p = 240; p + 1 < n && dBuf[p] !== 255; p += dBuf[p] === 0 ? 1 : 2 + dBuf[p + 1]) {
        if (dBuf[p] === 12) hostName = textOf(dBuf.subarray(p + 2), dBuf[p + 1]);
      }
      dhcpSeen.push({ type: dReq.msgType, hostName: hostName });
      if (dReq.msgType === W.DHCP_TYPES.Discover) dhcpReply(W.DHCP_TYPES.Offer, dReq);
      else if (dReq.msgType === W.DHCP_TYPES.Request) dhcpReply(W.DHCP_TYPES.Ack, dReq);
    }
    while (dnsSock.canRecv()) {
      n = dnsSock.recvFrom(rxBuf, 0, rxBuf.length);
      var a = dnsAnswer(rxBuf, n);
      dnsSock.sendTo(a, 0, a.length, dnsSock.fromAddr, dnsSock.fromPort);
    }
    for (var i = 0; i < apps.length; i++) apps[i]();
  },
});
// Far-end TCP applications, run in every far poll (before its sockets send).
var apps = [];
var ESTABLISHED = 4;
function pump(sock, state) {
  // Queues state.out from state.sent on; reads into state.got; true once the peer closed.
  while (state.sent < state.out.length) {
    var k = state.out.length - state.sent;
    if (k > 1024) k = 1024;
    var b = bytesOf(state.out.substr(state.sent, k));
    var r = sock.send(b, 0, b.length);
    if (r <= 0) break;
    state.sent += r;
  }
  for (;;) {
    var n = sock.recv(rxBuf, 0, rxBuf.length);
    if (n > 0) { state.got += textOf(rxBuf, n); continue; }
    if (n < 0) state.closed = true;
    return;
  }
}
// An HTTP client: connects to addr:port, sends the request, reads until the server closes.
function farHttpClient(addr, port, request) {
  var sock = new lib.TcpSocket({ txBytes: 2048, rxBytes: 4096 });
  far.add(sock);
  var st = { out: '', sent: 0, got: '', closed: false, connectResult: 0, sock: sock };
  st.connectResult = sock.connect(W.parseIpv4Address(addr), port);
  apps.push(function () {
    if (st.closed) return;
    if (st.out === '' && sock.state === ESTABLISHED) st.out = request;
    pump(sock, st);
    if (st.closed) sock.close();
  });
  farKick();
  return st;
}
// An HTTP server on port: one socket always listening; each connection reads a request head,
// gets its answer, and is closed by the server.
function farHttpServer(port, bodyFor) {
  var st = { requests: [], listening: 0 };
  var conns = [];
  function listen() {
    var sock = new lib.TcpSocket({ txBytes: 8192, rxBytes: 2048, timeWait: 100 });
    var h = far.add(sock);
    st.listening = sock.listen(port);
    conns.push({ sock: sock, handle: h, out: '', sent: 0, got: '', closed: false });
  }
  listen();
  apps.push(function () {
    for (var i = 0; i < conns.length; i++) {
      var c = conns[i], sock = c.sock;
      if (sock.state === 0 && c.out !== '') { far.remove(c.handle); conns.splice(i, 1); i--; continue; } // done
      if (sock.state === 1 /* Listen */ || sock.state === 3 /* SynReceived */) continue;
      pump(sock, c);
      var end = c.got.indexOf('\r\n\r\n');
      if (c.out === '' && end >= 0) {
        var head = c.got.substr(0, end);
        var body = bodyFor(head.split(' ')[1]);
        st.requests.push(head);
        c.out = 'HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: ' + body.length + '\r\nConnection: close\r\n\r\n' + body;
        pump(sock, c);
      }
      if (c.out !== '' && c.sent === c.out.length && (sock.state === ESTABLISHED || sock.state === 7 /* CloseWait */)) sock.close();
    }
    var waiting = false;
    for (var j = 0; j < conns.length; j++) if (conns[j].sock.state === 1) waiting = true;
    if (!waiting) listen();
  });
  return st;
}
function splitResponse(text) {
  var end = text.indexOf('\r\n\r\n');
  return end < 0 ? { head: text, body: '' } : { head: text.substr(0, end), body: text.substr(end + 4) };
}

// ---- the board ----------------------------------------------------------------------------
var http = require('http');
var S = null, S2 = null;
var BODY_SERVER = pattern(CFG.body, 1), BODY_GET = pattern(CFG.body, 2), BODY_DNS = pattern(CFG.smallBody, 3), BODY_STATIC = pattern(CFG.smallBody, 4);
var farServer = farHttpServer(8080, function (path) {
  return path === '/x' ? BODY_GET : path === '/y' ? BODY_DNS : path === '/z' ? BODY_STATIC : 'unknown path ' + path;
});

function stepDhcp() {
  var t = getTime(), called = null, mem = process.memory().usage;
  S = lib.connect({ chip: CFG.chip, mac: BOARD_MAC, hostname: 'board' }, function (err, stack) {
    called = { err: err ? String(err.message || err) : null, same: stack === S };
  });
  waitFor('dhcp', 'connect() callback after a DHCP lease', function () { return called; }, CFG.stepMs, function () {
    var ip = S.getIP();
    result({ step: 'dhcp', ok: called.err === null && ip.ip === LEASE_IP, err: called.err, same: called.same, ip: ip,
      dhcp: dhcpSeen, ms: ms(t), blocks: process.memory().usage - mem });
    stepPing(LEASE_IP, 'ping', stepServer);
  });
}

function stepPing(to, step, next) {
  var t = getTime();
  var icmp = new lib.IcmpSocket();
  var ih = far.add(icmp);
  icmp.bind(0x4242);
  var data = bytesOf('ping from the far end ' + step);
  var queued = icmp.sendEcho(W.parseIpv4Address(to), 1, data, 0, data.length);
  farKick();
  var reply = new Uint8Array(64), n = 0;
  waitFor(step, 'echo reply from ' + to, function () {
    n = icmp.recv(reply, 0, reply.length);
    return n > 0;
  }, CFG.stepMs, function () {
    var same = textOf(reply, n) === E.toString(data);
    result({ step: step, ok: queued === data.length && same && icmp.fromAddr === W.parseIpv4Address(to), bytes: n, same: same, ms: ms(t) });
    far.remove(ih);
    next();
  });
}

function stepServer() {
  var t = getTime();
  var seen = [];
  var srv = http.createServer(function (req, res) {
    seen.push(req.method + ' ' + req.url);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': BODY_SERVER.length });
    res.end(BODY_SERVER);
  });
  srv.listen(80);
  var c = farHttpClient(LEASE_IP, 80, 'GET /board HTTP/1.0\r\nHost: ' + LEASE_IP + '\r\n\r\n');
  waitFor('server', 'the HTTP response from the board (' + CFG.body + ' bytes) and its close', function () { return c.closed; }, CFG.stepMs, function () {
    var r = splitResponse(c.got);
    var diff = firstDiff(r.body, BODY_SERVER);
    result({ step: 'server', ok: c.connectResult === 0 && diff === -1 && /^HTTP\/1\.[01] 200/.test(r.head) && seen.length === 1,
      head: r.head, bodyBytes: r.body.length, firstDiff: diff, requests: seen, ms: ms(t) });
    srv.close();
    stepGet('http://' + FAR_IP + ':8080/x', BODY_GET, 'get', function () {
      stepGet('http://' + CFG.hostName + ':8080/y', BODY_DNS, 'dns', stepStatic);
    });
  });
}

// Free TCP sockets in the board's NetworkJS driver. The Original's pool has one: after serving a
// request it is in TIME-WAIT for a while, and a program must wait for it before it opens another.
function freeTcp(stack) {
  var d = stack.driver, n = 0;
  for (var i = 0; i < d.tcpPool.length; i++) if (!d.tcpOwned[i] && d.tcpPool[i].state === 0) n++;
  return n;
}
function stepGet(url, expected, step, next) {
  waitFor(step, 'a free TCP socket in the board\'s driver (pool of ' + (S2 || S).driver.tcpPool.length + ')', function () { return freeTcp(S2 || S) > 0; }, CFG.stepMs, function () {
    doGet(url, expected, step, next);
  });
}
function doGet(url, expected, step, next) {
  var t = getTime();
  var got = { status: 0, body: '', closed: false, error: null };
  var req = http.get(url, function (res) {
    got.status = res.statusCode;
    res.on('data', function (d) { got.body += d; });
    res.on('close', function () { got.closed = true; });
  });
  req.on('error', function (e) { got.error = String(e && e.message || e); });
  waitFor(step, 'the body of ' + url + ' (' + expected.length + ' bytes) and the close', function () { return got.closed || got.error; }, CFG.stepMs, function () {
    var diff = firstDiff(got.body, expected);
    var r = { step: step, ok: !got.error && String(got.status) === '200' && diff === -1, status: got.status, error: got.error,
      bodyBytes: got.body.length, firstDiff: diff, ms: ms(t) };
    if (step === 'dns') r.dnsQueries = dnsSeen;
    result(r);
    next();
  });
}

function stepStatic() {
  var t = getTime();
  S.stop();
  var called = null;
  S2 = lib.connect({ chip: CFG.chip, mac: BOARD_MAC, ip: STATIC_IP, subnet: '255.255.255.0', gateway: FAR_IP, dns: FAR_IP }, function (err) {
    called = { err: err ? String(err.message || err) : null };
  });
  waitFor('static', 'connect() callback with a static address', function () { return called; }, CFG.stepMs, function () {
    var ip = S2.getIP();
    result({ step: 'static', ok: called.err === null && ip.ip === STATIC_IP && ip.dhcp === false && ip.gateway === FAR_IP, err: called.err, ip: ip, ms: ms(t) });
    stepPing(STATIC_IP, 'static-ping', function () {
      stepGet('http://' + FAR_IP + ':8080/z', BODY_STATIC, 'static-get', function () {
        S2.stop();
        finish(chip.violations.length === 0);
      });
    });
  });
}

stepDhcp();
