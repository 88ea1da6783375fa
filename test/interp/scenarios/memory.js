// ES5, runs inside Espruino as a Storage module ("memscen"), so that its text stays in flash.
// Measures the blocks (process.memory().usage, after a GC) a board bundle takes step by step, on a
// fixed-block interpreter:
//   start    this module set up (`interp`, main.js's first statement, is the interpreter's start;
//            the difference is the test's)
//   load     require("tcpip"): the bundle, loaded from Storage (first, so that a board too small
//            for the test's emulator still says whether the bundle loads)
//   glue     the emulator evaluated from Storage ("emuchip"), an emulated ENC28J60 wired to the
//            board's default SPI, CS and INT pins                          (the test's blocks)
//   connect  the board's connect() with its default pools, static address, called back
//   listen   require("http").createServer(...).listen(80) through the NetworkJS driver
//   far      a far-side stack (second emulated chip on a cable, an Interface and a TcpSocket of
//            the same bundle, polled by this module)                       (the test's blocks)
//   serving  inside the HTTP handler, while the far side's GET is served
//   served   the far side has the whole response and both ends are closed
// Each step prints `STEP {json}`; the end (or the watchdog, after an out-of-memory) prints
// `RESULT {json}` with usage per step, the blocks the test owns (glue, far), and where it stopped.
// Usage is recorded in a typed array made before the first measurement, so that the bookkeeping
// costs no blocks between steps.
var NAMES = ['start', 'load', 'glue', 'connect', 'listen', 'far', 'serving', 'served'];

exports.run = function (u0, cfg) {
  var t0 = getTime();
  var usage = new Int32Array(NAMES.length), free = new Int32Array(NAMES.length);
  var reached = 0, at = 'glue', done = false, error = '';
  var mem0 = process.memory();
  var total = mem0.total, blocksize = mem0.blocksize;
  var chip = null, farChip = null;

  function record(i) {
    if (chip) chip.sent.splice(0);
    if (farChip) farChip.sent.splice(0);
    var m = process.memory();
    usage[i] = m.usage;
    free[i] = m.free;
    reached = i;
    at = NAMES[i + 1] || 'end';
    print('STEP ' + JSON.stringify({ step: NAMES[i], usage: m.usage, free: m.free, t: Math.round((getTime() - t0) * 1000) }));
  }
  function finish() {
    if (done) return;
    done = true;
    var steps = {}, i;
    for (i = 0; i <= reached; i++) steps[NAMES[i]] = { usage: usage[i], free: free[i] };
    print('RESULT ' + JSON.stringify({
      bundle: cfg.bundle, interp: u0, errorFlags: E.getErrorFlags(), total: total, blocksize: blocksize, steps: steps, reached: NAMES[reached],
      complete: reached === NAMES.length - 1, stoppedAt: reached === NAMES.length - 1 ? null : at, error: error,
    }));
    quit();
  }
  // An out-of-memory ends the interpreter (exit 1): the STEP lines say how far it got. A run that
  // hangs is reported by the watchdog.
  setTimeout(function () { if (!error) error = 'timeout'; finish(); }, cfg.watchdogMs || 80000);

  // The board's pins: the Linux build has only D0..D31, so a board's B<n> / A<n> become D<n> / D<16+n>.
  function pin(name) {
    var n = name.charAt(0) === 'A' ? 16 + Number(name.slice(1)) : name.charAt(0) === 'B' ? Number(name.slice(1)) : -1;
    if (n < 0) return global[name];
    if (global[name] === undefined) global[name] = global['D' + n];
    return global[name];
  }
  print('STEP ' + JSON.stringify({ step: 'interp', usage: u0, total: total, blocksize: blocksize }));
  record(0);
  var lib = require('tcpip');
  record(1);

  // The emulator, evaluated into RAM from Storage (see buildChipScript in emulators-es5.mjs).
  var X = eval(require('Storage').read('emuchip') + '');
  for (var k = 0; k < cfg.pins.length; k++) pin(cfg.pins[k]);
  chip = new X.emu.Enc28j60Emu();
  X.wireEmulatedChip(chip, global[cfg.spi], pin(cfg.cs), pin(cfg.int));
  record(2);

  var stack = lib.connect({ chip: 'enc28j60', ip: '10.0.0.2', prefix: 24, mac: 0x020000000a02 }, function (err) {
    if (err) { error = 'connect: ' + err; finish(); return; }
    record(3);
    require('http').createServer(function (req, res) {
      record(6);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('Hello from the stack\n');
    }).listen(80);
    record(4);
    setTimeout(farSide, 10);
  });

  // The far side: a second chip on a cable, the same bundle's Interface and TcpSocket, polled here.
  function farSide() {
    farChip = new X.emu.Enc28j60Emu();
    X.wireEmulatedChip(farChip, SPI3, D30, null);
    X.emu.cable(chip, farChip);
    var dev = lib.startDevice({ chip: 'enc28j60', spi: SPI3, cs: D30, int: null, reset: null, mac: 0x020000000a03 });
    var ifc = new lib.Interface({ device: dev, sockets: 2, ip: '10.0.0.3', prefix: 24, arpCacheSize: 2 });
    var sock = new lib.TcpSocket({ txBytes: 128, rxBytes: 512, timeWait: 100 });
    ifc.add(sock);
    var buf = new Uint8Array(128);
    var req = 'GET / HTTP/1.0\r\nHost: 10.0.0.2\r\n\r\n', sent = false, got = 0, head = '', n, i;
    record(5);
    ifc.now = getTime() * 1000;
    var r = sock.connect(lib.wire.parseIpv4Address('10.0.0.2'), 80);
    if (r < 0) { error = 'far side connect: ' + r; finish(); return; }
    var timer = setInterval(function () {
      var tp = getTime();
      ifc.poll(getTime() * 1000);
      if (cfg.debug) print('poll ms', Math.round((getTime() - tp) * 1000));
      if (!sent && sock.canSend()) {
        for (i = 0; i < req.length; i++) buf[i] = req.charCodeAt(i);
        sock.send(buf, 0, req.length);
        sent = true;
      }
      while ((n = sock.recv(buf, 0, buf.length)) > 0) {
        got += n;
        if (head.length < 15) for (i = 0; i < n && head.length < 15; i++) head += String.fromCharCode(buf[i]);
      }
      if (n < 0 && n !== lib.SOCKET_ERRORS.Closed && !error) error = 'far side recv: ' + n;
      if (cfg.debug) print('far', Math.round((getTime() - t0) * 1000), sock.state, got, n, sent);
      if (n < 0) {
        sock.close();
        ifc.poll(getTime() * 1000);
        if (!sock.isActive()) {
          clearInterval(timer);
          // Let the server side see the close and free its connection.
          setTimeout(function () {
            if (head.indexOf('HTTP/1.') !== 0 || head.indexOf(' 200') < 0) error = 'far side got ' + JSON.stringify(head) + ' (' + got + ' bytes)';
            record(7);
            stack.stop();
            finish();
          }, 300);
        }
      }
    }, 5);
  }
};
