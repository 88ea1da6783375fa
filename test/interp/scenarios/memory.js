// ES5, runs inside Espruino as a Storage module ("memscen"), so that its text stays in flash.
// Measures the blocks (process.memory().usage, after a GC) a board bundle takes step by step, on a
// fixed-block interpreter. The chip is answered from Node through scenarios/chip-pipe.js, and the
// far side (DHCP and DNS servers, the HTTP client) runs there too: the interpreter holds the
// stack, the user's few lines (the HTTP handler) and the test's shim and bookkeeping only.
//   start    this module and the pipe shim loaded (`interp`, main.js's first statement, is the
//            interpreter's start; the difference is the test's)
//   load     the bundle, loaded by main.js from Storage at the root (first, so that a board too
//            small for the rest still says whether the bundle loads)
//   glue     the pipe shim wired to the board's default SPI, CS and INT pins (the test's blocks)
//   connect  the board's connect() with its default pools: DHCP (or cfg.ip, static), called back
//   dns      one name resolved through the stack's DNS client (skipped with a static address)
//   listen   require("http").createServer(...).listen(80) through the NetworkJS driver
//   serving  inside the HTTP handler, while the far side's GET is served
//   served   the far side has the whole response and both ends are closed
// Each step prints `STEP {json}`; the end (or the watchdog) prints `RESULT {json}`. Usage is
// recorded in a typed array made before the first measurement, so that the bookkeeping costs no
// blocks between steps.
var NAMES = ['start', 'load', 'glue', 'connect', 'dns', 'listen', 'serving', 'served'];

exports.run = function (u0, cfg) {
  var t0 = getTime();
  var usage = new Int32Array(NAMES.length), free = new Int32Array(NAMES.length);
  var reached = 0, at = 'load', done = false, error = '';
  var pipe = require('chippipe');
  var mem0 = process.memory();
  var total = mem0.total, blocksize = mem0.blocksize;

  function record(i) {
    pipe.flush();
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
    pipe.stop();
    var steps = {}, i;
    for (i = 0; i <= reached; i++) if (usage[i]) steps[NAMES[i]] = { usage: usage[i], free: free[i] };
    print('RESULT ' + JSON.stringify({
      bundle: cfg.bundle, interp: u0, errorFlags: E.getErrorFlags(), total: total, blocksize: blocksize, steps: steps, reached: NAMES[reached],
      complete: reached === NAMES.length - 1, stoppedAt: reached === NAMES.length - 1 ? null : at, error: error,
    }));
    quit();
  }
  setTimeout(function () { if (!error) error = 'timeout at ' + at; finish(); }, cfg.watchdogMs || 80000);

  // The board's pins: the Linux build has only D0..D31, so a board's B<n> / A<n> become D<n> / D<16+n>.
  function pin(name) {
    var n = name.charAt(0) === 'A' ? 16 + Number(name.slice(1)) : name.charAt(0) === 'B' ? Number(name.slice(1)) : -1;
    if (n < 0) return global[name];
    if (global[name] === undefined) global[name] = global['D' + n];
    return global[name];
  }
  for (var k = 0; k < cfg.pins.length; k++) pin(cfg.pins[k]);
  print('STEP ' + JSON.stringify({ step: 'interp', usage: u0, total: total, blocksize: blocksize }));
  record(0);
  // main.js loads the bundle next, at the root as README tells a program to
  // (`eval(require("Storage").read("tcpip"))`), and hands it over: the rest runs then.
  return function (lib) {
    record(1);

    var served = null;
    pipe.wire(global[cfg.spi], pin(cfg.cs), pin(cfg.int), 10, function (f) {
      if (f & 4) error = 'far side failed (see its report)';
      if (served) { var s = served; served = null; setTimeout(s, 300); }
    });
    record(2);

    var opts = { chip: 'enc28j60', mac: 0x020000000a02 };
    if (cfg.ip) { opts.ip = cfg.ip; opts.prefix = 24; }
    var stack = lib.connect(opts, function (err) {
      if (err) { error = 'connect: ' + err; finish(); return; }
      record(3);
      if (cfg.ip) listen();
      else {
        stack.dns.resolve(cfg.name, function (e, addr) {
          if (e < 0) { error = 'dns: ' + e; finish(); return; }
          record(4);
          listen();
        });
      }
    });

    function listen() {
      require('http').createServer(function (req, res) {
        record(6);
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('Hello from the stack\n');
      }).listen(80);
      record(5);
      // The far side's GET; when it is done (flag 2), let the server side see the close, then end.
      served = function () {
        record(7);
        stack.stop();
        finish();
      };
      pipe.go({ ip: stack.getIP().ip, port: 80 });
    }
  };
};
