// ES5 only: runs on Espruino, JerryScript and Node (no hoisting is relied on: every function and
// variable is declared before it is used; no value-less return; no labels, Map, Math.imul, regexps).
//
// The cable of the interpreter scenarios (stack.js, bench.js): two ES5 Devices (the contract of
// src/phy/device.ts) joined in one interpreter, with a seeded PRNG that loses, duplicates, reorders
// and corrupts frames and delays them in virtual ms, and the virtual-time loop pieces that poll the
// interfaces on it and move the clock to the next event (no timers needed), the test data helpers
// pattern() and sameBytes(), stackExports(lib) and useBoardHelpers(lib). test/interp/stack-check.mjs and the bench part
// prepend this file to the scenario that uses it.
//
//   var cable = new Cable(seed), a = new End(cable, macA), b = new End(cable, macB);
//   a.peer = b; b.peer = a;            // each End is an Interface's device
//   cable.setFaults({ loss: 0.03, delayMs: 1, ... });
//   cable.pollAll(ifaces); cable.advance(ifaces);
var CABLE_FRAME = 1514, CABLE_SLOTS = 16;

// The stack's classes from a bundle's exports: flat on the Espruino boards, in namespaces on node-sim.
function stackExports(lib) {
  return {
    Interface: lib.Interface || lib.iface.Interface,
    UdpSocket: lib.UdpSocket || lib.socket.UdpSocket,
    IcmpSocket: lib.IcmpSocket || lib.socket.IcmpSocket,
    TcpSocket: lib.TcpSocket || lib.socket.TcpSocket,
    DhcpClient: lib.DhcpClient || lib.app.DhcpClient,
    DnsClient: lib.DnsClient || lib.app.DnsClient,
    ERR: lib.SOCKET_ERRORS || lib.socket.SOCKET_ERRORS
  };
}

// What a board's startDevice does before the stack runs: the checksum to E.sum where the firmware
// has it, and (NO_ALLOC) copies to set() through views (Espruino bundles export copyByViews).
// Returns { nativeSum, copyByViews }: which of the two were installed.
function useBoardHelpers(lib) {
  var native = null, views = typeof lib.copyByViews === 'function';
  var setSum16 = lib.setSum16 || (lib.wire && lib.wire.setSum16);
  if (typeof lib.nativeSum16 === 'function' && typeof setSum16 === 'function') {
    native = lib.nativeSum16();
    if (native) setSum16(native);
  }
  if (views) lib.copyByViews(true);
  return { nativeSum: !!native, copyByViews: views };
}

function Cable(seed) {
  this.now = 0;
  this.rnd = (seed >>> 0) || 1;
  this.order = 0;
  this.faults = { loss: 0, duplicate: 0, reorder: 0, corrupt: 0, delayMs: 0, reorderMs: 0 };
  this.stats = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0, corrupted: 0, overflow: 0 };
  this.ends = [];
}
Cable.prototype.random = function () {
  var x = this.rnd;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  this.rnd = x >>> 0;
  return this.rnd / 4294967296;
};
Cable.prototype.setFaults = function (f) {
  var k;
  for (k in this.faults) this.faults[k] = f[k] || 0;
};
// Earliest time a frame can be received on either end, or -1.
Cable.prototype.nextArrival = function () {
  var t = -1, e, i, end;
  for (e = 0; e < this.ends.length; e++) {
    end = this.ends[e];
    if (end.used > 0) for (i = 0; i < end.slots; i++) if (end.lens[i] > 0 && (t < 0 || end.at[i] < t)) t = end.at[i];
  }
  return t;
};
// Puts one copy of a frame into the peer's slots (a full set of slots drops it, as a chip would).
Cable.prototype.put = function (to, buf, off, len, at) {
  var i, s = -1, base, f = this.faults;
  for (i = 0; i < to.slots; i++) if (to.lens[i] === 0) { s = i; break; }
  if (s < 0) { this.stats.overflow++; return 0; }
  base = s * CABLE_FRAME;
  to.mem.set(buf.subarray(off, off + len), base);
  if (f.corrupt > 0 && this.random() < f.corrupt) {
    to.mem[base + Math.floor(this.random() * len)] ^= 1 << Math.floor(this.random() * 8);
    this.stats.corrupted++;
  }
  if (f.reorder > 0 && this.random() < f.reorder) {
    at += 1 + this.random() * f.reorderMs;
    this.stats.reordered++;
  }
  to.lens[s] = len;
  to.at[s] = at;
  to.seq[s] = ++this.order;
  to.used++;
  this.stats.delivered++;
  return 1;
};
Cable.prototype.carry = function (to, buf, off, len) {
  var f = this.faults;
  this.stats.sent++;
  if (f.loss > 0 && this.random() < f.loss) { this.stats.lost++; return 0; }
  this.put(to, buf, off, len, this.now + f.delayMs);
  if (f.duplicate > 0 && this.random() < f.duplicate) {
    this.stats.duplicated++;
    this.put(to, buf, off, len, this.now + f.delayMs);
  }
  return 0;
};
// Polls every interface once at the cable's time; true when any of them received or sent.
Cable.prototype.pollAll = function (ifaces) {
  var busy = false, i;
  for (i = 0; i < ifaces.length; i++) if (ifaces[i].poll(this.now)) busy = true;
  return busy;
};
// Moves virtual time to the next frame arrival or deadline of the interfaces; false when nothing
// is scheduled.
Cable.prototype.advance = function (ifaces) {
  var t = this.nextArrival(), i, d;
  for (i = 0; i < ifaces.length; i++) {
    d = ifaces[i].pollAt(this.now);
    if (d >= 0 && (t < 0 || d < t)) t = d;
  }
  if (t < 0) return false;
  this.now = t > this.now ? t : this.now + 1;
  return true;
};

// One end of the cable: the Device contract of src/phy/device.ts. `slots` (default 16) frames can
// wait in it; a frame is received once the cable's time has reached its arrival time, earliest first.
function End(cable, mac, slots) {
  this.cable = cable;
  this.mac = mac;
  this.maxFrame = CABLE_FRAME;
  this.slots = slots || CABLE_SLOTS;
  this.counters = new Uint32Array(12);
  this.mem = new Uint8Array(this.slots * CABLE_FRAME);
  this.lens = new Uint16Array(this.slots);
  this.at = new Float64Array(this.slots);
  this.seq = new Float64Array(this.slots);
  this.peer = null;
  this.used = 0; // slots holding a frame (receive and nextArrival skip an empty end at once)
  this.up = true;
  cable.ends.push(this);
}
End.prototype.receive = function (buf, off) {
  var best = -1, i, n, now = this.cable.now;
  if (this.used === 0) return 0;
  for (i = 0; i < this.slots; i++) {
    if (this.lens[i] > 0 && this.at[i] <= now &&
      (best < 0 || this.at[i] < this.at[best] || (this.at[i] === this.at[best] && this.seq[i] < this.seq[best]))) best = i;
  }
  if (best < 0) return 0;
  n = this.lens[best];
  buf.set(this.mem.subarray(best * CABLE_FRAME, best * CABLE_FRAME + n), off);
  this.lens[best] = 0;
  this.used--;
  this.counters[0]++;
  return n;
};
End.prototype.transmit = function (buf, off, len) {
  if (!this.up) return -2;
  if (len < 1 || len > CABLE_FRAME) return -4;
  this.counters[5]++;
  return this.cable.carry(this.peer, buf, off, len);
};
End.prototype.linkUp = function () { return this.up; };

// Test data for what crosses the cable.
// Pseudo-random bytes, made and compared a 32-bit word at a time where alignment allows (a loop
// step costs microseconds on Espruino: per-byte loops over 64 KB would dominate the run).
function pattern(n, seed) {
  var b = new Uint8Array((n + 3) & ~3), w = new Uint32Array(b.buffer), x = seed >>> 0, i;
  for (i = 0; i < w.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    w[i] = x;
  }
  return b.subarray(0, n);
}
// a[aOff..] == b[bOff..] for n bytes; words are compared when both offsets share an alignment.
function sameBytes(a, aOff, b, bOff, n) {
  var i = 0, k, wa, wb, words;
  while (i < n && ((a.byteOffset + aOff + i) & 3) !== 0) {
    if (a[aOff + i] !== b[bOff + i]) return false;
    i++;
  }
  if (((b.byteOffset + bOff + i) & 3) === 0 && n - i >= 4) {
    words = (n - i) >> 2;
    wa = new Uint32Array(a.buffer, a.byteOffset + aOff + i, words);
    wb = new Uint32Array(b.buffer, b.byteOffset + bOff + i, words);
    for (k = 0; k < words; k++) if (wa[k] !== wb[k]) return false;
    i += words * 4;
  }
  for (; i < n; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}
