// ES5, runs inside Espruino as a Storage module ("chippipe"). The chip answered from outside the
// interpreter: the board's SPI object, its CS and INT pins and the INT watch are replaced by a thin
// shim that sends every SPI operation through two named pipes (chip.req, chip.rep in the working
// directory) to the chip emulator in Node (test/interp/chip-pipe.mjs). The emulator, the far side
// and everything else of the test run there, so the interpreter holds only the stack, this shim and
// the scenario, and what the test owns is this module's few blocks.
// A request is a list of records: op (1 char), length (2 bytes, little-endian), data.
//   S / D     chip select low / high          W  bytes clocked out, what comes back ignored
//   X         bytes clocked out, returned      F  data = fill byte, count (2 bytes): count bytes read
//   I         the INT line (1 byte: 1 high)    T  a tick: nothing but the flags
//   G         the far side may start (data: a JSON object for it)
// The reply is a flag byte (1: INT fell since the last reply, 2: the far side is done, 4: it
// failed) followed by what X, F and I returned, in order. Writes and chip-select changes wait in
// `q` for the next request that needs an answer (or the next tick): a round trip costs about a
// millisecond under qemu, and a board's own SPI would not wait either.
var fs = require('fs');
var q = '', watchFn = null, onFlags = null, tick = -1;

function rec(op, s) { return op + String.fromCharCode(s.length & 255, s.length >> 8) + s; }

function trip(tail) {
  fs.writeFileSync('chip.req', q + tail);
  q = '';
  var r = fs.readFileSync('chip.rep');
  var f = r.charCodeAt(0);
  if ((f & 1) && watchFn) setTimeout(watchFn, 0);
  if ((f & 6) && onFlags) onFlags(f);
  return r;
}

function bytes(d) { return typeof d === 'string' ? d : E.toString(d); }

/** Wires spi, cs and int (pins) to the emulator; ticks every tickMs so that INT edges and the far
 *  side's news arrive. flags(f) is called when the far side is done. */
exports.wire = function (spi, cs, int, tickMs, flags) {
  onFlags = flags;
  var realWrite = digitalWrite, realRead = digitalRead, realMode = pinMode, realWatch = setWatch, realClear = clearWatch;
  spi.setup = function () {};
  spi.send = function (d, sel) {
    var r, t = sel !== undefined ? rec('S', '') : '';
    if (typeof d === 'number') t += rec('X', String.fromCharCode(d));
    else if (d && d.count !== undefined) t += rec('F', String.fromCharCode(d.data & 255, d.count & 255, d.count >> 8));
    else t += rec('X', bytes(d));
    if (sel !== undefined) t += rec('D', '');
    r = trip(t);
    return typeof d === 'number' ? r.charCodeAt(1) : E.toUint8Array(r.substr(1));
  };
  spi.write = function (d) { q += rec('W', bytes(d)); };
  global.digitalWrite = function (pin, v) {
    if (pin === cs) q += rec(v ? 'D' : 'S', '');
    else realWrite(pin, v);
  };
  global.digitalRead = function (pin) { return pin === int ? trip(rec('I', '')).charCodeAt(1) : realRead(pin); };
  global.pinMode = function (pin, mode) { if (pin !== cs && pin !== int) realMode(pin, mode); };
  global.setWatch = function (fn, pin, o) {
    if (pin !== int) return realWatch(fn, pin, o);
    watchFn = fn;
    return 999;
  };
  global.clearWatch = function (id) { if (id === 999) watchFn = null; else realClear(id); };
  tick = setInterval(function () { trip(rec('T', '')); }, tickMs);
};

/** Sends what waits and starts the far side with cfg (an object, sent as JSON). */
exports.go = function (cfg) { trip(rec('G', JSON.stringify(cfg))); };
/** Sends what waits (before a measurement, so that no queued bytes are counted). */
exports.flush = function () { if (q) trip(rec('T', '')); };
exports.stop = function () { if (tick !== -1) clearInterval(tick); tick = -1; };
