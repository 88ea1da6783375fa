// Two lists.
// 1. Equivalent mutants (`equivalents`): mutants that no test can kill because the program behaves
//    the same, each with its reason. `npm run mutate` counts a survivor that matches one as named,
//    not as survived. A mutant matches by its code, not its line (so that the list survives edits
//    elsewhere): the file, a snippet of code that holds the mutated text, the original text and the
//    replacement.
// 2. Hand-made mutants (those of issue 17 and the fast-retransmit bug found by its tests), written
//    as a report that `npm run mutate -- --replay dist/mutation/named.json` runs: run
//    `node test/mutation/named.mjs` first.
import fs from 'node:fs';
import { root } from '../helpers/bundles.mjs';

const equivalents = [];
/** file, code (a snippet holding the mutated text), original -> text, why it cannot be a bug. */
function same(file, code, original, text, reason) { equivalents.push({ file, code, original, text, reason }); }
export { equivalents };

// src/wire: the zeros a create*Repr function starts with are never read: a parse fills every field
// before it answers Ok, and the callers of the emitters set every field they emit.
for (const [file, code] of [
  ['src/wire/ethernet.ts', 'return { dst: 0, src: 0, ethertype: 0 };'],
  ['src/wire/arp.ts', 'return { op: 0, senderMac: 0, senderIp: 0, targetMac: 0, targetIp: 0 };'],
  ['src/wire/icmpv4.ts', 'return { type: 0, code: 0, ident: 0, seq: 0, mtu: 0, payloadOff: 0, payloadLen: 0 };'],
  ['src/wire/udp.ts', 'return { srcPort: 0, dstPort: 0, payloadOff: 0, payloadLen: 0 };'],
]) same(file, code, '0', '1', 'a created repr\'s starting value, written before any read (parse fills every field, emit callers set theirs)');

same('src/wire/bytes.ts', 'b[o] = v >>> 24;', '>>>', '>>', 'a Uint8Array keeps the low 8 bits: v >> 24 and v >>> 24 agree there');
same('src/wire/bytes.ts', 'b[o] = (v >>> 8) & 255;', '>>>', '>>', 'masked with 255: >> and >>> agree in the low 8 bits');
same('src/wire/bytes.ts', 'b[o + 1] = (v >>> 16) & 255;', '>>>', '>>', 'masked with 255: >> and >>> agree in the low 8 bits');
same('src/wire/bytes.ts', 'b[o + 2] = (v >>> 8) & 255;', '>>>', '>>', 'masked with 255: >> and >>> agree in the low 8 bits');
same('src/wire/checksum.ts', 'activeSum = fn !== null ? fn : sum16;', 'activeSum = fn !== null ? fn : sum16;', ';', 'sum16 itself calls the installed helper: activeSum left at sum16 gives the same sums (one call more)');
same('src/wire/checksum.ts', 'activeSum = fn !== null ? fn : sum16;', 'fn !== null', 'false', 'sum16 itself calls the installed helper: activeSum left at sum16 gives the same sums (one call more)');
same('src/wire/checksum.ts', 'if (s > 0x3fff0000) s = (s & 0xffff) + (s >>> 16);', '0x3fff0000', '1073676289', 'folding one step earlier or later at that bound leaves the sum far below 2^31 either way');
same('src/wire/checksum.ts', 'if (s > 0x3fff0000) s = (s & 0xffff) + (s >>> 16);', '0x3fff0000', '1073676287', 'folding one step earlier or later at that bound leaves the sum far below 2^31 either way');
same('src/wire/checksum.ts', 'if (s > 0x3fff0000) s = (s & 0xffff) + (s >>> 16);', '>', '>=', 'folding one step earlier or later at that bound leaves the sum far below 2^31 either way');
same('src/wire/checksum.ts', 'if (s > 0x3fff0000) s = (s & 0xffff) + (s >>> 16);', '>>>', '>>', 's is below 2^31 there (at most 0x3fff0000 + 4 words): >> and >>> agree');
same('src/wire/checksum.ts', '  s = (s & 0xffff) + (s >>> 16);\n  return (s & 0xffff) + (s >>> 16);', '>>>', '>>', 'the pseudo-header sum is below 2^19: >> and >>> agree');
same('src/wire/checksum.ts', 'if (s > 0x3fff0000) s = (s & 0xffff) + (s >>> 16);', 's > 0x3fff0000', 'true', 'folding at every step keeps the same ones\' complement sum');
same('src/wire/checksum.ts', 'if (s > 0x3fff0000) s = (s & 0xffff) + (s >>> 16);', '>', '<=', 'folds whenever s is small, so s never passes the bound: the same as folding at every step');
same('src/wire/checksum.ts', '  s = (s & 0xffff) + (s >>> 16);\n  s = (s & 0xffff) + (s >>> 16);\n  return s;', '>>>', '>>', 's is below 2^31 (folded at 0x3fff0000 in the loop): >> and >>> agree');
same('src/wire/checksum.ts', 'while (i < end8) {', 'i < end8', 'false', 'the 8-byte loop is a fast path: without it the 2-byte loop sums the same words (no fold needed below 64 KB)');
same('src/wire/checksum.ts', 'const end8 = off + (len & ~7);', '&', '|', 'len | ~7 is negative: the 8-byte fast path never runs and the 2-byte loop sums the same words (no fold needed below 64 KB)');
same('src/wire/checksum.ts', 'const end8 = off + (len & ~7);', '+', '-', 'the 8-byte loop is a fast path: without it the 2-byte loop sums the same words (no fold needed below 64 KB)');

// src/wire/mac.ts writeMac: every shifted value is stored into a Uint8Array (its low 8 bits) or
// masked with 255, where >> and >>> agree; lo = mac >> 0 differs from mac >>> 0 only above bit 31.
same('src/wire/mac.ts', 'const lo = mac >>> 0;', '>>>', '>>', 'lo is only shifted into bytes or masked: its bits agree either way');
same('src/wire/mac.ts', 'buf[off] = hi >>> 8;', '>>>', '>>', 'hi is below 2^16 and the byte store keeps the low 8 bits');
same('src/wire/mac.ts', 'buf[off + 2] = lo >>> 24; buf[off + 3] = (lo >>> 16) & 255; buf[off + 4] = (lo >>> 8) & 255;', '>>>', '>>', 'a byte store or a mask with 255 keeps the low 8 bits, where >> and >>> agree');

same('src/wire/udp.ts', 'buf[off] = sp >>> 8; buf[off + 1] = sp; buf[off + 2] = dp >>> 8; buf[off + 3] = dp;\n  buf[off + 4] = n >>> 8;', '>>>', '>>', 'ports and length are below 2^16: >> and >>> agree');
same('src/wire/udp.ts', 'buf[off + 6] = c >>> 8;', '>>>', '>>', 'c is below 2^16: >> and >>> agree');

// src/socket/set.ts
same('src/socket/set.ts', 'const TABLES = 6;', '6', '7', 'one more table row than the TableKind values: never indexed, only memory');
// The constructor's empty arrays: resize() (called at its end) replaces them all; those it copies
// from (gen, dirty, deadline, heap, heapPos, parked) copy zeros either way, and it sets every
// slot's deadline and heap position; the others it makes anew.
for (const a of ['gen = new Uint16Array(0);', 'link = new Int32Array(0);', 'bucketOf = new Int32Array(0);', 'heads = new Int32Array(0);', 'mask = 0;',
  'dirty = new Uint8Array(0);', 'ring = new Int32Array(0);', 'deadline = new Float64Array(0);', 'heap = new Int32Array(0);', 'heapPos = new Int32Array(0);',
  'parked = new Uint8Array(0);', 'visit = new Int32Array(0);']) {
  same('src/socket/set.ts', '    this.' + a, '0', '1', 'a starting value that the constructor\'s resize() replaces or copies as zeros');
  if (!/^(gen|dirty|deadline|heap|heapPos|parked) /.test(a)) same('src/socket/set.ts', '    this.' + a, 'this.' + a, ';', 'the constructor\'s resize() makes this array anew without reading it (ring: only its first ringLen = 0 entries)');
}
same('src/socket/set.ts', 'for (let k = 0; k < this.ringLen; k++) ring[k] = this.ring[(this.ringHead + k) % old];', '<', '<=', 'one entry more copied past ringLen: never read (only the first ringLen entries are)');
same('src/socket/set.ts', '    this.ringHead = 0;\n    this.bucketOf', 'this.ringHead = 0;', ';', 'ringHead is only ever set to 0 (here and in egress): the ring always starts at 0');
same('src/socket/set.ts', '    this.ringHead = 0;\n    this.bucketOf', '0', '1', 'ringHead is only ever set to 0 (here and in egress): the ring always starts at 0');
same('src/socket/set.ts', 'if (!NO_ALLOC) {\n      let nb = 16;', '!NO_ALLOC', 'true', 'in NO_ALLOC resize runs once, in the constructor: the unused hash heads are allocated at start-up, nothing reads them');
for (const [o, t] of [['nb < n * 2', 'false'], ['<', '<='], ['*', '/'], ['2', '3'], ['2', '1']]) {
  same('src/socket/set.ts', 'while (nb < n * 2) nb <<= 1;', o, t, 'the hash table\'s size (a power of two, at least 16) only sets how long the chains are: every lookup walks its chain and finds the same socket');
}
same('src/socket/set.ts', 'while (nb < n * 2) nb <<= 1;', '1', '2', 'nb stays a power of two at least 16: only the chains\' length changes');
same('src/socket/set.ts', 'for (let i = 0; i < this.heads.length; i++) this.heads[i] = -1;', '<', '<=', 'the one write past the end of a typed array is ignored');
same('src/socket/set.ts', 'for (let i = 0; i < this.heads.length; i++) this.heads[i] = -1;', '1', '2', 'any negative head is an empty chain (lookups walk while i >= 0)');
same('src/socket/set.ts', 'let slot = -1;\n    for (let i = 0; i < this.capacity; i++) {', '1', '2', 'no slot is any negative value: only slot < 0 is tested');
same('src/socket/set.ts', 'let slot = -1;\n    for (let i = 0; i < this.capacity; i++) {', '<', '<=', 'sockets[capacity] is undefined, never null: the extra step finds nothing');
for (const [o, t] of [['>', '>='], ['65536', '65537'], ['65536', '65535']]) {
  same('src/socket/set.ts', 'this.capacity * 2 > 65536 ?', o, t, 'capacity * 2 is even: it passes 65535, 65536 and 65537 alike, and at exactly 65536 both arms give 65536');
}
same('src/socket/set.ts', 'ringHead = 0;\n  ringLen = 0;', '0', '1', 'the constructor\'s resize() sets ringHead to 0 before any use');
same('src/socket/set.ts', '  rawCount = 0;', '0', '1', 'rawCount only short-cuts the raw lookup when 0: off by one, the lookup scans and finds no raw socket all the same');

same('src/socket/set.ts', 'sock.table = TableKind.None;', 'sock.table = TableKind.None;', ';', 'a socket out of every set is already in no table: a new one starts there and remove() rekeys to None first');
// get(): the final s.handle === handle (strict) refuses a string, a negative number or NaN by itself.
for (const t of ['false', '(typeof handle !== \'number\')', '(handle < 0)']) {
  same('src/socket/set.ts', 'if (typeof handle !== \'number\' || handle < 0) return null;', 'typeof handle !== \'number\' || handle < 0', t, 'a fast refusal only: a non-number or negative handle never strictly equals a live socket\'s handle (>= 0), which get() checks last');
}
same('src/socket/set.ts', 'if (typeof handle !== \'number\' || handle < 0) return null;', '||', '&&', 'a fast refusal only: a non-number or negative handle never strictly equals a live socket\'s handle (>= 0), which get() checks last');
same('src/socket/set.ts', 'if (this.dirty[slot]) this.dropFromRing(slot);', 'this.dirty[slot]', 'true', 'dropping a slot that is not in the ring removes nothing and clears a flag already clear');
same('src/socket/set.ts', 'this.gen[slot] = (this.gen[slot] + 1) & 0x7fff;', '+', '-', 'counting the generation down modulo 2^15 gives a slot the same 32,768 distinct handles, in another order');

same('src/socket/set.ts', 'this.heads[b] = this.link[i];\n      return;', 'return;', ';', 'the slot was the chain\'s head: walking on finds no link to it and ends at the chain\'s end');
same('src/socket/set.ts', 'this.link[i] = this.link[n];\n        return;', 'return;', ';', 'the slot is unlinked: walking on finds no second link to it and ends at the chain\'s end');
same('src/socket/set.ts', 'const tuple = kind === TableKind.TcpTuple;\n    if (NO_ALLOC) {', 'NO_ALLOC', 'true', 'the scan finds a clashing socket whenever the chain does (it also checks the table); only whether one exists is used');
same('src/socket/set.ts', '(!tuple || (o.remoteAddr === s.remoteAddr && o.remotePort === s.remotePort))) return o;', 'return o;', 'return undefined as any;', 'callers only test clash(...) !== null, and undefined !== null as well');
for (const [o, t] of [['!NO_ALLOC && s.table !== TableKind.None', 'true'], ['!NO_ALLOC && s.table !== TableKind.None', '(!NO_ALLOC)'],
  ['!NO_ALLOC && s.table !== TableKind.None', '(s.table !== TableKind.None)'], ['&&', '||']]) {
  same('src/socket/set.ts', 'if (!NO_ALLOC && s.table !== TableKind.None) this.unlink(s);', o, t, 'a socket in no table is in no chain: unlink finds no head or link equal to its slot and changes nothing (NO_ALLOC: its heads are empty, the walk ends at once)');
}

// rawCount only lets the interface and nextRaw skip the raw lookup when it is 0: counting too
// high (never down, or every table) makes them scan and find no raw socket all the same.
for (const [o, t] of [['s.table === TableKind.Raw', 'false'], ['this.rawCount--;', ';'], ['--', '++']]) {
  same('src/socket/set.ts', 'if (s.table === TableKind.Raw) this.rawCount--;', o, t, 'rawCount too high only costs a raw lookup that finds nothing (it short-cuts at 0 only)');
}
same('src/socket/set.ts', 'if (kind === TableKind.Raw) this.rawCount++;', 'kind === TableKind.Raw', 'true', 'rawCount too high only costs a raw lookup that finds nothing (it short-cuts at 0 only)');
same('src/socket/set.ts', 'if (!NO_ALLOC) this.link_(s);', '!NO_ALLOC', 'true', 'NO_ALLOC never reads its chains (its lookups scan the slots): links written there are dead');
for (const t of ['1']) same('src/socket/set.ts', 'hash(kind, port, 0, 0, this.mask)', '0', t, 'hash() reads the remote fields for the TCP tuple table only, and findEndpoint serves the other tables');
for (const w of ['exact', 'wild']) {
  same('src/socket/set.ts', 'if (' + w + ' === null || o.slot < ' + w + '.slot) ' + w + ' = o;', '<', '<=', 'a socket is in one chain once: o.slot equals ' + w + '.slot only when o is ' + w);
}
// The NO_ALLOC scans are the reference the chains must agree with: the default build running them
// instead answers the same (its tables, dirty and deadline arrays are kept as well).
same('src/socket/set.ts', 'findTcp(localAddr: number, localPort: number, remoteAddr: number, remotePort: number): Socket | null {\n    if (NO_ALLOC) {', 'NO_ALLOC', 'true', 'the scan finds the one socket holding that tuple, as the chain does');

same('src/socket/set.ts', 'if (this.rawCount === 0) return null;', 'this.rawCount === 0', 'false', 'a short cut: without it the lookup walks an empty chain (or scans) and answers null all the same');
same('src/socket/set.ts', 'let best: Socket | null = null;\n    if (NO_ALLOC) {', 'NO_ALLOC', 'true', 'the scan answers the lowest raw slot after `after`, as the chain walk does');
same('src/socket/set.ts', 'hash(TableKind.Raw, protocol, 0, 0, this.mask)', '0', '1', 'hash() reads the remote fields for the TCP tuple table only');

same('src/socket/set.ts', 'if (o.localPort === protocol && o.slot > after && (best === null || o.slot < best.slot)) best = o;', '<', '<=', 'a socket is in one chain once: o.slot equals best.slot only when o is best');
same('src/socket/set.ts', 'this.dirty[slot] = 1;\n    if (this.iface', '1', '2', 'the dirty flags are only tested for truth');
same('src/socket/set.ts', 'this.parked[s.slot] = 1;', '1', '2', 'the parked flags are only tested for truth');
same('src/socket/set.ts', 'if (this.iface !== null) this.iface.wake();\n    if (!NO_ALLOC) {', '!NO_ALLOC', 'true', 'NO_ALLOC never reads the ring (its egress and pollAt scan the dirty flags): entries written there are dead');
for (const [o, t] of [['NO_ALLOC', 'false'], ['return;', ';']]) {
  same('src/socket/set.ts', 'this.dirty[slot] = 0;\n    if (NO_ALLOC) return;', o, t, 'NO_ALLOC\'s ring is always empty (markDirty never fills it): filtering it changes nothing');
}
for (const [o, t] of [['this.parkedCount === 0', 'false'], ['return;', ';']]) {
  same('src/socket/set.ts', 'if (this.parkedCount === 0) return;', o, t, 'a short cut: with nothing parked the scan finds no flag set and leaves the count at 0');
}
same('src/socket/set.ts', 'for (let i = 0; i < this.capacity; i++) {\n      if (!this.parked[i]) continue;', '<', '<=', 'parked[capacity] is past the typed array: undefined, so skipped');

for (const [o, t] of [['NO_ALLOC', 'false'], ['return;', ';']]) {
  same('src/socket/set.ts', 'if (NO_ALLOC) {\n      this.deadline[slot] = at;\n      return;', o, t, 'NO_ALLOC reads only the deadline array (pollAt and egress scan it), which the heap code sets alike; the heap it also keeps is never read');
}
// schedule()'s unchanged short cut: a slot's deadline is >= 0 exactly when it is in the heap, so
// the second clause always holds; and an unchanged deadline run through the rest is a no-op
// (cancelled again, or sifted down without moving).
const sameSched = (o, t) => same('src/socket/set.ts', 'if (at === this.deadline[slot] && (at < 0) === (pos < 0)) return;', o, t, 'a short cut only: an unchanged deadline going through the rest changes nothing (deadline >= 0 exactly when in the heap)');
for (const [o, t] of [['at === this.deadline[slot] && (at < 0) === (pos < 0)', 'false'], ['at === this.deadline[slot] && (at < 0) === (pos < 0)', '(at === this.deadline[slot])'], ['return;', ';']]) sameSched(o, t);
for (const [o, t] of [['<', '<='], ['<', '>='], ['0', '1'], ['===', '!==']]) {
  same('src/socket/set.ts', '(at < 0) === (pos < 0)', o, t, 'a short cut only: taken less often (deadline >= 0 exactly when in the heap), the rest does nothing to an unchanged deadline');
}

same('src/socket/set.ts', 'while (i >= 0) {\n      const n = this.link[i];', 'i >= 0', 'true', 'unlink is called only for a socket in a table, whose slot is in its bucket\'s chain: the walk returns on it before the chain ends');
same('src/socket/set.ts', 'return this.findEndpoint(TableKind.Icmp, 0, ident);', '0', '1', 'ICMP sockets never set a local address (it stays 0): asked for address 1, the lookup takes the wildcard, the same socket');
same('src/socket/set.ts', 'if (s !== null) this.markDirty(s);', 's !== null', 'true', 'remove() clears a slot\'s parked flag: a parked slot always holds a socket');
same('src/socket/set.ts', 'if (pos >= 0) this.heapRemove(pos);', 'pos >= 0', 'true', 'reached only when the deadline was set (the short cut returns for one already cancelled), and a set deadline is in the heap');

same('src/socket/set.ts', 'this.heap[p] = slot;\n      this.heapPos[slot] = p;', 'this.heapPos[slot] = p;', ';', 'siftUp(p) right after writes the slot\'s final position itself');
same('src/socket/set.ts', '} else if (at < was) {', '<', '<=', 'at === was is a no-op either way: sifting up or down an unchanged key moves nothing');
// pollAt's scan (NO_ALLOC, the reference): an empty slot has no dirty flag and no deadline
// (remove() clears both); past the last slot the arrays read undefined, which passes no test.
same('src/socket/set.ts', 'pollAt(now: number): number {\n    if (NO_ALLOC) {', 'NO_ALLOC', 'true', 'the default build keeps the dirty flags and the deadline array too: the scan finds the same earliest time');
same('src/socket/set.ts', 'let t = -1;\n      for (let i = 0; i < this.capacity; i++) {\n        if (this.sockets[i] === null) continue;', '1', '2', 'only t < 0 is tested: -2 means none as -1 does');
same('src/socket/set.ts', 'let t = -1;\n      for (let i = 0; i < this.capacity; i++) {\n        if (this.sockets[i] === null) continue;', '<', '<=', 'slot capacity reads undefined: not null, not dirty, and undefined >= 0 is false');
same('src/socket/set.ts', 'let t = -1;\n      for (let i = 0; i < this.capacity; i++) {\n        if (this.sockets[i] === null) continue;', 'this.sockets[i] === null', 'false', 'an empty slot has no dirty flag and deadline -1 (remove() clears both): scanning it changes nothing');

same('src/socket/set.ts', 'let t = -1;\n      for (let i = 0; i < this.capacity; i++) {\n        if (this.sockets[i] === null) continue;', 'continue;', ';', 'an empty slot has no dirty flag and deadline -1 (remove() clears both): scanning it changes nothing');
same('src/socket/set.ts', 'd < t)) t = d;', '<', '<=', 'an equal deadline replacing t leaves the same time');
same('src/socket/set.ts', 'return t < 0 ? -1 : t < now ? now : t;', '<', '<=', 'at t === now both arms give now');
same('src/socket/set.ts', 'const t = this.deadline[this.heap[0]];\n    return t < now ? now : t;', '<', '<=', 'at t === now both arms give now');
for (const [o, t] of [['s === null', 'false'], ['continue;', ';']]) {
  same('src/socket/set.ts', 'const s = this.sockets[i];\n        if (s === null) continue;\n        const d = this.deadline[i];', o, t, 'an empty slot has no dirty flag and deadline -1 (remove() clears both): the next test skips it');
}

same('src/socket/set.ts', 'this.dirty[i] = 0;\n        this.deadline[i] = -1;', '1', '2', 'every reader tests a deadline with >= 0 (or schedules anew): -2 means none as -1 does');
same('src/socket/set.ts', 'if (!this.dirty[slot]) this.markDirty(this.sockets[slot] as Socket);', '!this.dirty[slot]', 'true', 'markDirty returns at once for a slot already dirty');

// egress's insertion sort of the ring by round-robin key: keys are distinct (one per slot), and
// visit[-1] reads undefined, whose comparison is false.
for (const [o, t] of [['>', '>='], ['j > 0 && (visit[j - 1] - start + cap) % cap > key', '((visit[j - 1] - start + cap) % cap > key)']]) {
  same('src/socket/set.ts', 'while (j > 0 && (visit[j - 1] - start + cap) % cap > key) {', o, t, 'keys are distinct slots\' positions, and at j = 0 visit[-1] is undefined: its comparison is false, so the loop stops anyway');
}
for (const t of [';']) same('src/socket/set.ts', 'this.ringHead = 0;\n    this.ringLen = 0;\n    this.scanFrom', 'this.ringHead = 0;', t, 'ringHead is only ever set to 0 (here and in resize): it is already 0');
same('src/socket/set.ts', 'this.ringHead = 0;\n    this.ringLen = 0;\n    this.scanFrom', '0', '1', 'every ring index is (ringHead + k) % capacity and the ring is emptied here: starting it at 1 holds the same entries');
for (const [o, t] of [['s === null', 'false'], ['continue;', ';']]) {
  same('src/socket/set.ts', 'const s = this.sockets[slot];\n      if (s === null) continue;', o, t, 'remove() drops a slot from the ring: every slot visited holds a socket');
}

// src/socket/tcp.ts
same('src/socket/tcp.ts', 'this.state = TcpState.Established;\n        this.sndWnd = t.window << this.sndShift;', 'this.sndWnd = t.window << this.sndShift;', ';',
  'the ACK completing a passive open sets sndWl1/sndWl2 to its own seq/ack, so the window update of the same segment takes its scaled window again');
same('src/socket/tcp.ts', 'this.state = TcpState.Established;\n        this.sndWnd = t.window << this.sndShift;', '<<', '>>',
  'the ACK completing a passive open sets sndWl1/sndWl2 to its own seq/ack, so the window update of the same segment takes its scaled window again');
for (const [o, t] of [['<', '<='], ['0', '1']]) {
  same('src/socket/tcp.ts', 'if (r !== SocketError.NeighborPending && this.rtoAt < 0) this.rtoAt = now + this.rtt.rto;', o, t,
    'rtoAt is -1 (off) or a time now + rto, never in 0..1');
}
same('src/socket/tcp.ts', 'if (this.idleAt >= 0 &&', '>=', '>', 'idleAt is -1 (off) or now + keepAlive, never 0');
same('src/socket/tcp.ts', 'if (this.idleAt >= 0 &&', '0', '1', 'idleAt is -1 (off) or now + keepAlive, never 0');
same('src/socket/tcp.ts', 'if (w > 65535) w = 65535;', '>', '>=', 'at w = 65535 both set 65535');
same('src/socket/tcp.ts', 'room = holeLen < mss ? holeLen : mss;', '<', '<=', 'at holeLen = mss both arms give mss');
same('src/socket/tcp.ts', 'TcpState.LastAck ? 0 : SocketError.Reset);', '0', '1', 'toClosed records only negative errors: 0 and 1 both leave none');
same('src/socket/tcp.ts', ' fullSegs = 0;', '0', '1', 'reset to 0 whenever a connection starts (open, listen), before any read');
same('src/socket/tcp.ts', 'this.cwnd += acked < 2 * mss ? acked : 2 * mss;', '<', '<=', 'at acked = 2 MSS both arms add 2 MSS');

// src/socket/tcp.ts lines 1-820
same('src/socket/tcp.ts', 'const DROP = 1;', '1', '2', 'the interface only tells process()\'s 0 (taken) from anything else (rejected)');
// Field starting values that a connection sets before any read: clearConnection() (listen and
// connect) resets the flags, timers, counters, shifts, sndWnd and sndMss; initSend() sets the send
// sequence space, recover and highRxt; onListen / onSynSent set irs, rcvNxt, sndWl1/2 from the
// peer's SYN; established() sets cwnd and ssthresh; emit() sets rcvAdv with the first ACK. A
// socket's second connection starts with the first one's values in those fields, so no code can
// rely on the starting values either.
for (const [f, v, ts] of [
  ['highRxt', '0', ['1']], ['private priorCwnd', '0', ['1']], ['private priorSsthresh', '0', ['1']], ['private lastOoo', '0', ['1']],
  ['iss', '0', ['1']], ['sndUna', '0', ['1']], ['sndNxt', '0', ['1']], ['sndMax', '0', ['1']], ['sndWnd', '0', ['1']],
  ['sndWl1', '0', ['1']], ['sndWl2', '0', ['1']], ['sndMss', '536', ['537', '535']], ['sndShift', '0', ['1']], ['rcvShift', '0', ['1']],
  ['irs', '0', ['1']], ['rcvNxt', '0', ['1']], ['rcvAdv', '0', ['1']], ['cwnd', '0', ['1']], ['ssthresh', '0', ['1']],
  ['dupAcks', '0', ['1']], ['recover', '0', ['1']], ['retries', '0', ['1']], ['probes', '0', ['1']], ['rttSeq', '0', ['1']],
  ['challenges', '0', ['1']], ['flags', '0', ['1']],
  ['rtoAt', '1', ['2', '0']], ['ackAt', '1', ['2', '0']], ['persistAt', '1', ['2', '0']], ['idleAt', '1', ['2', '0']],
  ['waitAt', '1', ['2', '0']], ['rttTime', '1', ['2', '0']], ['challengeAt', '1', ['2', '0']],
]) {
  for (const t of ts) same('src/socket/tcp.ts', '\n  ' + f + ' = ' + (v === '1' ? '-1' : v) + ';\n', v, t, 'a starting value that every connection sets before reading it (clearConnection, initSend, the SYN\'s handling, established, emit)');
}
same('src/socket/tcp.ts', 'rttSeq = 0;', '0', '1', 'rttSeq is read only while rttTime >= 0, and set with it');
same('src/socket/tcp.ts', 'stats = new Uint32Array(5);', '5', '6', 'one unused counter more: the indexes are TcpStat 0..4');
same('src/socket/tcp.ts', 'isnOverride = -1;', '1', '2', 'only isnOverride >= 0 is read as an ISN: -2 is off as -1 is');
same('src/socket/tcp.ts', 'this.keepAlive = c.keepAlive || 0;', 'c.keepAlive || 0', '(c.keepAlive)', 'keepAlive is only read as keepAlive > 0, false for undefined as for 0');
same('src/socket/tcp.ts', 'super.reset();\n    this.toClosed(0);', '0', '1', 'toClosed records only negative errors: 0 and 1 both leave none');
same('src/socket/tcp.ts', 'this.localAddr = (addr || 0) >>> 0;', 'addr || 0', '(addr)', 'undefined >>> 0 is 0, as 0 >>> 0 is');
for (const [o, t] of [['<', '<='], ['0', '1']]) {
  same('src/socket/tcp.ts', 'if (lp < 0) return SocketError.Exhausted;', o, t, 'ephemeralPort() answers -1 or a port in 49152..65535: never 0');
}
same('src/socket/tcp.ts', 'this.remotePort = remotePort;\n    this.listenPort = 0;', 'this.listenPort = 0;', ';', 'connect() needs state Closed, and every way to Closed (toClosed, reset, a new socket) leaves listenPort 0');
same('src/socket/tcp.ts', 'if (n > 0 && this.set !== null) this.set.markDirty(this);', 'n > 0 && this.set !== null', '(n > 0)', 'send() takes data only in a connection\'s states, and a socket leaves its set only through remove(), which closes it (reset): the set is never null there');
same('src/socket/tcp.ts', 'if (this.set !== null && this.synchronized() &&', 'this.set !== null && this.synchronized()', '(this.synchronized())', 'a synchronized socket is in a set (remove() closes it first)');
same('src/socket/tcp.ts', '(this.sndMss < (rx.capacity >> 1) ? this.sndMss : rx.capacity >> 1)', '<', '<=', 'at sndMss = capacity / 2 both arms give the same number');
for (const code of ['case TcpState.SynSent:\n        this.toClosed(0);', 'abort(): void {\n    if (this.synchronized() || this.state === TcpState.SynReceived) this.sendControl(TcpFlag.Rst | TcpFlag.Ack, this.sndNxt);\n    this.toClosed(0);']) {
  same('src/socket/tcp.ts', code, '0', '1', 'toClosed records only negative errors: 0 and 1 both leave none');
}
same('src/socket/tcp.ts', 'this.toClosed(0);\n        return;\n      case TcpState.SynReceived:', 'return;', ';', 'falling into the SYN-RECEIVED case only sets FinQueued on the closed socket: send() refuses a closed socket anyway, and the next listen or connect clears the flags');
same('src/socket/tcp.ts', 'if (set !== null) set.markDirty(this);\n  }\n\n  /** Resets', 'set !== null', 'true', 'close() reaches this line only in ESTABLISHED or CLOSE-WAIT, and a socket in a connection is in a set (remove() closes it first)');
// clearConnection() lines whose work is done again before any read: synOptions() sets sackOk and
// sndShift (or both shifts to 0) from the peer's SYN, initSend() restarts the timestamp clock and
// sets rcvShift, and toClosed() (the only way to CLOSED, where listen and connect start) already
// left flags 0 and every timer -1.
same('src/socket/tcp.ts', 'this.sackOk = false;\n    this.ts.start(0);', 'this.sackOk = false;', ';', 'synOptions() sets sackOk from the peer\'s SYN before anything reads it (our SYN offers SACK in SYN-SENT whatever sackOk holds)');
same('src/socket/tcp.ts', 'this.sackOk = false;\n    this.ts.start(0);', 'this.ts.start(0);', ';', 'initSend() (connect, and onListen for the SYN) starts the timestamp clock again before any segment');
same('src/socket/tcp.ts', 'this.sackOk = false;\n    this.ts.start(0);', '0', '1', 'initSend() starts the timestamp clock again, with its own offset, before any segment');
same('src/socket/tcp.ts', 'this.rtt.reset();\n    this.flags = 0;', 'this.flags = 0;', ';', 'toClosed() left flags 0, and listen / connect run only in CLOSED');
same('src/socket/tcp.ts', 'this.error = 0;\n    this.rtoAt = this.ackAt = this.persistAt = this.idleAt = this.waitAt = -1;', 'this.rtoAt = this.ackAt = this.persistAt = this.idleAt = this.waitAt = -1;', ';', 'toClosed() left every timer -1, and listen / connect run only in CLOSED');
same('src/socket/tcp.ts', 'this.error = 0;\n    this.rtoAt = this.ackAt = this.persistAt = this.idleAt = this.waitAt = -1;', '1', '2', 'the timers are only compared with 0 (< 0: off): -2 is off as -1 is');
same('src/socket/tcp.ts', 'this.rttTime = -1;\n    this.challengeAt = -1;', '1', '2', 'rttTime is only compared with 0 (< 0: no segment timed)');
same('src/socket/tcp.ts', 'this.challengeAt = -1;\n    this.finSeq = -1;', '1', '2', 'challengeAt is only compared with 0 (< 0: no challenge yet)');
same('src/socket/tcp.ts', 'this.finSeq = -1;\n    this.retransmitOne', '1', '2', 'finSeq is only compared with 0 (< 0: no FIN sent)');
same('src/socket/tcp.ts', 'this.sndShift = this.rcvShift = 0;', 'this.sndShift = this.rcvShift = 0;', ';', 'initSend() sets rcvShift and synOptions() sets sndShift (or both to 0) before either is read');
same('src/socket/tcp.ts', 'this.sndShift = this.rcvShift = 0;', '0', '1', 'initSend() sets rcvShift and synOptions() sets sndShift (or both to 0) before either is read');
for (const [o, t] of [['this.sndWnd = 0;', ';'], ['0', '1']]) {
  same('src/socket/tcp.ts', 'this.sndWnd = 0;\n    this.sndMss = 536;', o, t, 'the peer\'s SYN sets sndWnd (onListen, onSynSent) before anything reads it: no data goes before it');
}
for (const [o, t] of [['this.sndMss = 536;', ';'], ['536', '537'], ['536', '535']]) {
  same('src/socket/tcp.ts', 'this.sndWnd = 0;\n    this.sndMss = 536;', o, t, 'synOptions() sets sndMss from the peer\'s SYN before anything reads it (recv() reads it only once synchronized)');
}
same('src/socket/tcp.ts', 'this.rtt.reset();\n    this.flags = 0;', '0', '1', 'AckNow left set at listen / connect: the SYN-ACK (an ACK) clears it when sent, and in SYN-SENT dispatch sends only the SYN, then the SYN-ACK sets AckNow anyway');
// toClosed(): nothing reads a CLOSED socket's timers or flags (dispatch returns at once, send()
// refuses by state, the set's deadline is cancelled below), and listen / connect reset both.
for (const [o, t] of [['this.rtoAt = this.ackAt = this.persistAt = this.idleAt = this.waitAt = -1;', ';'], ['1', '2'], ['1', '0'], ['this.flags = 0;', ';'], ['0', '1']]) {
  same('src/socket/tcp.ts', 'this.state = TcpState.Closed;\n    this.rtoAt = this.ackAt = this.persistAt = this.idleAt = this.waitAt = -1;\n    this.flags = 0;', o, t, 'a CLOSED socket\'s timers and flags are never read (dispatch returns at once), and listen / connect reset them (clearConnection)');
}
same('src/socket/tcp.ts', 'this.set.schedule(this, -1);', '1', '2', 'schedule() takes any negative time as none');
same('src/socket/tcp.ts', 'this.rcvCap = cap ? Math.max(1, Math.floor(cap / (mss + 66)) - 1) * mss : 0;', 'cap', 'true', 'a device without rxCapacity (undefined) makes the formula NaN, which rcvFree() and window() test with > 0 as they test 0: no bound either way');
same('src/socket/tcp.ts', 'private rcvCap = 0;', '0', '1', 'initSend() sets rcvCap before anything reads it');
same('src/socket/tcp.ts', 'return this.rcvCap > 0 && f > this.rcvCap ? this.rcvCap : f;', '0', '1', 'rcvCap is 0 (no bound) or at least one MSS: never 1');
same('src/socket/tcp.ts', 'f > this.rcvCap ? this.rcvCap : f;', '>', '>=', 'at f = rcvCap both arms give the same number');
same('src/socket/tcp.ts', 'if (held >= 0 && held <= free) return held >> this.rcvShift;', '<=', '<', 'at held = free the general formula below gives the same window (free within the cap it was advertised under)');
same('src/socket/tcp.ts', 'const w = (cap > 0 && free > cap ? cap : free) >> this.rcvShift;', '0', '1', 'rcvCap is 0 (no bound) or at least one MSS: never 1');
same('src/socket/tcp.ts', 'free > cap ? cap : free) >> this.rcvShift;', '>', '>=', 'at free = cap both arms give the same number');
same('src/socket/tcp.ts', 'return w > 65535 ? 65535 : w;', '>', '>=', 'at w = 65535 both arms give 65535');
for (const [o, t] of [['set === null', 'false'], ['return SocketError.InvalidState;', 'return undefined as any;']]) {
  same('src/socket/tcp.ts', 'const set = this.set;\n    if (set === null) return SocketError.InvalidState;\n    const iface = set.iface;\n    const t = this.seg;', o, t, 'emit() runs only for a socket in a connection or answering a segment, always in a set (remove() closes a socket before it leaves)');
}
same('src/socket/tcp.ts', 't.urgent = 0;', 't.urgent = 0;', ';', 'the socket\'s own repr starts with urgent 0 and nothing else writes it');
for (const code of ['t.wscale = this.flags & Flag.PeerNoScale ? -1 : this.rcvShift;', 't.mss = 0;\n      t.wscale = -1;']) {
  same('src/socket/tcp.ts', code, '1', '2', 'emitTcp() writes the option only for wscale >= 0: -2 is "none" as -1 is');
}
same('src/socket/tcp.ts', 't.window = w > 65535 ? 65535 : w;', '>', '>=', 'at w = 65535 both arms give 65535');
same('src/socket/tcp.ts', 'if (n === 0 && this.sackOk && this.ooo.count > 0 && (flags & TcpFlag.Ack)) this.sackBlocks(t);', 'n === 0 && this.sackOk && this.ooo.count > 0', '(n === 0 && this.sackOk)', 'with no range held sackBlocks() finds none and leaves sackCount 0, as set above');
same('src/socket/tcp.ts', 'if (n === 0 && this.sackOk && this.ooo.count > 0 && (flags & TcpFlag.Ack)) this.sackBlocks(t);', 'n === 0 && this.sackOk && this.ooo.count > 0 && (flags & TcpFlag.Ack)', '(n === 0 && this.sackOk && this.ooo.count > 0)', 'while ranges are held every segment we send carries ACK: the only ones without (our SYN, the RST for a bad ACK in SYN-RECEIVED) come before any data is received');
for (const [o, t] of [['n > 0', 'true'], ['>', '>=']]) {
  same('src/socket/tcp.ts', 'if (n > 0) this.tx.peek(pos, iface.txBuf, l4 + hl, n);', o, t, 'a peek of 0 bytes copies nothing');
}
// The bookkeeping of a sent ACK done also for a sent segment without ACK: those are our SYN (in
// SYN-SENT nothing is owed and the SYN-ACK's handling sets AckNow anyway) and the RST answering a
// bad ACK in SYN-RECEIVED (the SYN-ACK is resent by rtoAt, not AckNow; no data or range is held
// yet, so rcvAdv and TS.lastAck are set again by the next ACK before being read).
for (const [o, t] of [['r === 0 && (flags & TcpFlag.Ack)', '(r === 0)'], ['&', '|']]) {
  same('src/socket/tcp.ts', 'if (r === 0 && (flags & TcpFlag.Ack)) {', o, t, 'only our SYN and the RST for a bad ACK in SYN-RECEIVED go without ACK: nothing is owed or held then, and the next ACK sets rcvAdv and TS.lastAck again');
}
same('src/socket/tcp.ts', 'this.ts.lastAck = this.rcvNxt;\n      this.ackAt = -1;', '1', '2', 'ackAt is only compared with 0 (< 0: none)');
same('src/socket/tcp.ts', 'for (let i = 0; i < o.count; i++) {\n      if (seqLe(o.start[i], this.lastOoo)', '0', '1', 'the search skipping range 0: when the latest segment is in range 0, the ordered loop below puts range 0 first all the same');
same('src/socket/tcp.ts', 'return this.emit(flags, seq, 0', '0', '1', 'emit() reads pos only to copy n > 0 bytes: a control segment copies none');
// process() answers 0 (taken) or anything else (dropped): the interface tests code === 0 only.
same('src/socket/tcp.ts', 'return DROP;', 'return DROP;', 'return undefined as any;', 'the interface counts any answer but 0 as rejected: undefined as DROP');
// Unreachable guards of process(): the interface finds a socket through the set's tables, and a
// CLOSED socket is in none (toClosed rekeys it to None).
same('src/socket/tcp.ts', 'if (set === null) return DROP;', 'set === null', 'false', 'process() is only called by the interface for a socket found in its set');
same('src/socket/tcp.ts', 'if (this.state === TcpState.Closed) return DROP;', 'this.state === TcpState.Closed', 'false', 'a CLOSED socket is in no table (toClosed rekeys it to None), so the interface never hands it a segment');
same('src/socket/tcp.ts', 'if (this.ts.ok) this.ts.recent = t.tsVal;', 'this.ts.ok', 'true', 'TS.Recent is read only while timestamps are on (ts.ok): set without them, nothing reads it');
for (const [o, t] of [['this.flags |= Flag.AckNow;', ';'], ['|=', '&=']]) {
  same('src/socket/tcp.ts', 'if (this.ts.ok) this.ts.recent = t.tsVal;\n      this.flags |= Flag.AckNow;', o, t, 'in SYN-RECEIVED dispatch never sends a bare ACK (AckNow is not read there): the SYN-ACK goes again by rtoAt = now, and sending it clears AckNow');
}
for (const [o, t] of [['wnd > 0 && ((seqGe(seq, this.rcvNxt) && seqLt(seq, seqAdd(this.rcvNxt, wnd))) ||\n      (seqLe(this.rcvNxt, seqAdd(seq, len - 1)) && seqLt(seqAdd(seq, len - 1), seqAdd(this.rcvNxt, wnd))))', '(((seqGe(seq, this.rcvNxt) && seqLt(seq, seqAdd(this.rcvNxt, wnd))) ||\n      (seqLe(this.rcvNxt, seqAdd(seq, len - 1)) && seqLt(seqAdd(seq, len - 1), seqAdd(this.rcvNxt, wnd)))))'], ['>', '>=']]) {
  same('src/socket/tcp.ts', 'else ok = wnd > 0 && ((seqGe(seq, this.rcvNxt) && seqLt(seq, seqAdd(this.rcvNxt, wnd))) ||\n      (seqLe(this.rcvNxt, seqAdd(seq, len - 1)) && seqLt(seqAdd(seq, len - 1), seqAdd(this.rcvNxt, wnd))));', o, t, 'with wnd = 0 both range tests fail by themselves ([rcvNxt, rcvNxt + 0) is empty): wnd > 0 only states it');
}
same('src/socket/tcp.ts', 'this.toClosed(0);\n        this.listen(port, addr);', '0', '1', 'toClosed records only negative errors: 0 and 1 both leave none');
// The ACK completing a passive open: onAck() of the same segment takes its window (sndWl1 is the
// peer's ISN, below this segment's seq) and sets sndWl1 / sndWl2 to its seq / ack again.
for (const o of ['this.sndWl1 = seq;', 'this.sndWl2 = ack;']) {
  same('src/socket/tcp.ts', 'this.sndWnd = t.window << this.sndShift;\n        this.sndWl1 = seq;\n        this.sndWl2 = ack;', o, ';', 'onAck() of the same segment sets sndWl1 / sndWl2 to its seq / ack again (sndWl1 = irs lies below its seq)');
}
same('src/socket/tcp.ts', '-(this.sndWnd > 65535 ? this.sndWnd : 65535)', '>', '>=', 'at sndWnd = 65535 both arms give 65535');
same('src/socket/tcp.ts', 'if (this.ts.ok) this.ts.seen(t, now);\n    if ((this.state as number)', 'this.ts.ok', 'true', 'what seen() records (TS.Recent and when) is read only while timestamps are on');
// afterAck's data step entered for a segment without data or FIN: onData() then trims nothing,
// writes nothing and sees no FIN (a no-op) in ESTABLISHED and FIN-WAIT-1/2.
for (const [o, t] of [['(t.payloadLen > 0 || (fl & TcpFlag.Fin)) &&\n      (this.state === TcpState.Established || this.state === TcpState.FinWait1 || this.state === TcpState.FinWait2)', '((this.state === TcpState.Established || this.state === TcpState.FinWait1 || this.state === TcpState.FinWait2))'], ['>', '>=']]) {
  same('src/socket/tcp.ts', 'if ((t.payloadLen > 0 || (fl & TcpFlag.Fin)) &&\n      (this.state === TcpState.Established || this.state === TcpState.FinWait1 || this.state === TcpState.FinWait2)) {', o, t, 'onData() of a segment with no data and no FIN does nothing');
}
// recv()'s window update: data can be read only once synchronized or after (CLOSED with data left:
// a CLOSED socket's WinUpdate is never acted on, dispatch returns at once, and listen / connect
// clear it), so dropping the synchronized() test changes nothing.
for (const [o, t] of [['this.set !== null && this.synchronized()', '(this.set !== null)'], ['this.set !== null && this.synchronized() && this.ooo.count === 0', '(this.ooo.count === 0)'], ['&&', '||']]) {
  same('src/socket/tcp.ts', o === '&&' ? 'this.set !== null && this.synchronized()' : 'this.set !== null && this.synchronized() && this.ooo.count === 0', o, t, 'a socket holds data to read only once synchronized or after, CLOSED; a CLOSED socket\'s WinUpdate is never acted on and listen / connect clear it');
}
same('src/socket/tcp.ts', '      default:\n        return;\n    }\n    this.flags |= Flag.FinQueued;', 'return;', ';', 'close() in any other state only sets FinQueued again: every state after ESTABLISHED or CLOSE-WAIT was reached through close() (FinQueued already set) or the peer\'s FIN after it, and CLOSED\'s flags are cleared by listen / connect');
same('src/socket/tcp.ts', 'return (this.state === TcpState.Established || this.state === TcpState.CloseWait) && (this.flags & Flag.FinQueued) === 0 && this.tx.free() > 0;', '(this.state === TcpState.Established || this.state === TcpState.CloseWait) && (this.flags & Flag.FinQueued) === 0', '((this.state === TcpState.Established || this.state === TcpState.CloseWait))', 'FinQueued is never set in ESTABLISHED or CLOSE-WAIT: close() moves them to FIN-WAIT-1 / LAST-ACK at once, and a close in SYN-RECEIVED goes to FIN-WAIT-1 with the handshake');
for (const t of ['15', '13']) {
  same('src/socket/tcp.ts', 'while (shift < 14 &&', '14', t, 'the bound matters only for a receive ring above 65535 << 13 bytes (512 MiB), which no board or test can allocate');
}
same('src/socket/tcp.ts', 'if (held >= 0 && held <= free) return held >> this.rcvShift;', 'held >= 0 && held <= free', '(held >= 0)', 'held never exceeds free: free shrinks only as in-order data moves rcvNxt (and so the held edge) by as much');
same('src/socket/tcp.ts', 't.window = w > 65535 ?', '65535', '65534', 'the comparison\'s bound one lower: at w = 65535 both arms give 65535');
same('src/socket/tcp.ts', 'return w > 65535 ?', '65535', '65534', 'the comparison\'s bound one lower: at w = 65535 both arms give 65535');
same('src/socket/tcp.ts', 'this.sackOk && this.ooo.count > 0 && (flags', '>', '>=', 'with no range held sackBlocks() finds none and leaves sackCount 0, as set above');
same('src/socket/tcp.ts', 'this.ooo.count > 0 && (flags & TcpFlag.Ack)) this.sackBlocks(t);', '&', '|', 'while ranges are held every segment we send carries ACK (see the clause removed above)');
for (const [o, t] of [['this.flags |= Flag.AckNow;', ';'], ['|=', '&=']]) {
  same('src/socket/tcp.ts', 'this.waitAt = now + this.timeWait;\n      this.flags |= Flag.AckNow;', o, t, 'a FIN taken in TIME-WAIT has already set AckNow in the branch above (data or FIN after the peer\'s FIN)');
}
same('src/socket/tcp.ts', 'if ((t.payloadLen > 0 || (fl & TcpFlag.Fin)) &&', '&', '|', 'a segment without data or FIN then enters onData() (a no-op) in ESTABLISHED and FIN-WAIT-1/2, and elsewhere falls to the next test, which is false for it');
// More than 4 SACK blocks: emitTcp() writes at most the blocks that fit the options (4 without
// timestamps, 3 with), and writes past sackBlocks' 8 slots are dropped by the typed array.
for (const [c, o, t] of [['for (let i = 0; i < o.count && k < 4; i++) {', 'i < o.count && k < 4', '(i < o.count)'], ['k < 4; i++) {', '4', '5'], ['k < 4; i++) {', '<', '<=']]) {
  same('src/socket/tcp.ts', c, o, t, 'emitTcp() writes at most the blocks that fit (4, or 3 with timestamps): a fifth block is never sent');
}
for (const [o, t] of [['shift < 14 && (this.rx.capacity >> shift) > 65535', '((this.rx.capacity >> shift) > 65535)'], ['<', '<=']]) {
  same('src/socket/tcp.ts', 'while (shift < 14 && (this.rx.capacity >> shift) > 65535) shift++;', o, t, 'the bound matters only for a receive ring above 65535 << 14 bytes (1 GiB), which no board or test can allocate');
}

// src/iface/interface.ts
// The address fields' starting values: the constructor calls setAddress, which sets all four,
// before anything reads them.
for (const [o, ts] of [['ipAddr = 0;', ['1']], ['prefix = 24;', ['25', '23']], ['netmask = 0;', ['1']], ['gateway = 0;', ['1']]]) {
  for (const t of ts) same('src/iface/interface.ts', '  ' + o + '\n', o.slice(o.indexOf('= ') + 2, -1), t, 'a starting value that the constructor\'s setAddress() replaces before any read');
}
same('src/iface/interface.ts', 'mtu >= 576 - 0 &&', '-', '+', '576 + 0 is 576');
same('src/iface/interface.ts', 'config.ip === undefined ? 0 : config.ip', 'config.ip === undefined', 'false', 'addr() maps an undefined address to 0 itself');
// The seed drawn when none is given: any mix of Math.random() and the clock is a random seed.
for (const [o, t] of [['4294967296', '4294967297'], ['4294967296', '4294967295'], ['^', '&']]) {
  same('src/iface/interface.ts', '(Math.random() * 4294967296) ^ Date.now()', o, t, 'the unseeded start is random either way: no test can tell one random seed from another');
}
same('src/iface/interface.ts', 'this.rnd = (seed >>> 0) || 0x9e3779b9;', '>>>', '>>', 'xorshift32 works on the 32 bits alone (<<, >>> and ^ take them through ToInt32 / ToUint32): a negative rnd of the same bits gives the same numbers');
same('src/iface/interface.ts', 'private arpRetryAt = -1;', '1', '2', 'arpRetryAt is only compared with 0 (< 0: none): -2 is none as -1 is');
// arpRetryAt is -1 (none) or a request time (0 or later) plus arpRetryMs (at least 1 ms): never
// in 0..1, so > 0 and >= 1 test it as >= 0 does.
for (const [o, t] of [['>=', '>'], ['0', '1']]) {
  same('src/iface/interface.ts', 'if (this.arpRetryAt >= 0 &&', o, t, 'arpRetryAt is -1 or at least arpRetryMs (1 ms or more): never in 0..1');
  same('src/iface/interface.ts', 'this.arpRetryAt >= 0 && (', o, t, 'arpRetryAt is -1 or at least arpRetryMs (1 ms or more): never in 0..1');
}
// A socket parks only on NeighborPending, after shouldRequest left a pending entry, so nextRetry()
// is then >= 0 and arpRetryAt is set: while a socket is parked arpRetryAt >= 0. Without that
// clause, a poll with arpRetryAt -1 only wakes an empty parked list.
same('src/iface/interface.ts', 'if (this.arpRetryAt >= 0 && now >= this.arpRetryAt) {', 'this.arpRetryAt >= 0 && now >= this.arpRetryAt', '(now >= this.arpRetryAt)', 'arpRetryAt is >= 0 whenever a socket is parked; at -1 wakeParked() has nothing to wake');
same('src/iface/interface.ts', 'if (this.set.parkedCount > 0 && this.arpRetryAt >= 0 &&', 'this.set.parkedCount > 0 && this.arpRetryAt >= 0', '(this.set.parkedCount > 0)', 'arpRetryAt is >= 0 whenever a socket is parked');
same('src/iface/interface.ts', 'this.arpRetryAt = -1;\n      this.set.wakeParked();', '1', '2', 'arpRetryAt is only compared with 0 (< 0: none): -2 is none as -1 is');
// pollAt's minimum: at equal times either arm gives the same time.
same('src/iface/interface.ts', 'this.arpRetryAt < t)) t =', '<', '<=', 'at arpRetryAt = t both keep the same time');
same('src/iface/interface.ts', 't = this.arpRetryAt < now ? now : this.arpRetryAt;', '<', '<=', 'at arpRetryAt = now both arms give now');
same('src/iface/interface.ts', 'at < t)) t = at', '<', '<=', 'at at = t both keep the same time');
same('src/iface/interface.ts', 't = at < now ? now : at;', '<', '<=', 'at at = now both arms give now');
same('src/iface/interface.ts', 'private txDstMac = -1;', '1', '2', 'no MAC is negative: -2 differs from every destination as -1 does');
same('src/iface/interface.ts', 'private txDstMac = -1;', '1', '0', 'txBuf starts zeroed: a first frame to MAC 0 finds those zeros already in place');

// src/wire/ipv4.ts. The repr's starting values: the interface sets every field of its send repr
// (ttl 64 included) before emitting, and parse fills the receive repr before any read.
same('src/wire/ipv4.ts', 'return { src: 0, dst: 0, protocol: 0, ttl: 64, tos: 0, ident: 0, dontFrag: false, moreFrags: false, fragOffset: 0, headerLen: 20, payloadLen: 0 };', '0', '1', 'a created repr\'s starting value, written before any read');
for (const t of ['65', '63']) same('src/wire/ipv4.ts', 'ttl: 64, tos: 0', '64', t, 'the interface sets ip.ttl = 64 itself before every emit');
for (const t of ['21', '19']) same('src/wire/ipv4.ts', 'headerLen: 20, payloadLen: 0', '20', t, 'emit writes a 20-byte header whatever headerLen holds; parse sets it');
for (const code of ['buf[off + 2] = total >>> 8;', 'buf[off + 4] = id >>> 8;', 'buf[off + 6] = frag >>> 8;', 'buf[off + 10] = c >>> 8;',
  'buf[off + 12] = src >>> 24;', 'buf[off + 13] = src >>> 16;', 'buf[off + 14] = src >>> 8;',
  'buf[off + 16] = dst >>> 24;', 'buf[off + 17] = dst >>> 16;', 'buf[off + 18] = dst >>> 8;']) {
  same('src/wire/ipv4.ts', code, '>>>', '>>', 'a Uint8Array keeps the low 8 bits: >> and >>> agree there');
}
same('src/wire/ipv4.ts', '((r.fragOffset >>> 3) & 0x1fff)', '>>>', '>>', 'fragOffset is a non-negative offset below 2^16: >> and >>> agree');
same('src/wire/ipv4.ts', 'c = (c & 0xffff) + (c >>> 16);', '>>>', '>>', 'the sum of ten 16-bit words is below 2^31: >> and >>> agree');
same('src/wire/ipv4.ts', 'c = ~((c & 0xffff) + (c >>> 16)) & 0xffff;', '>>>', '>>', 'after one fold c is below 2^17: >> and >>> agree');
same('src/wire/ipv4.ts', "'.' + ((a >>> 16) & 255) + '.'", '>>>', '>>', 'masked with 255: >> and >>> agree in the low 8 bits');
same('src/wire/ipv4.ts', "'.' + ((a >>> 8) & 255) + '.'", '>>>', '>>', 'masked with 255: >> and >>> agree in the low 8 bits');

// src/wire/tcp.ts. The repr's starting values: the socket and the interface set every field they
// emit (src/socket/tcp.ts emit(), interface.ts sendRst) and parse fills the fields it answers.
same('src/wire/tcp.ts', 'srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, window: 0, urgent: 0, headerLen: 20, payloadOff: 0,', '0', '1', 'a created repr\'s starting value, written before any read');
for (const t of ['21', '19']) same('src/wire/tcp.ts', 'headerLen: 20, payloadOff', '20', t, 'emit computes the header length itself (tcpHeaderLen); parse sets headerLen');
same('src/wire/tcp.ts', 'wscale: -1, sackPermitted', '1', '2', 'a starting -2 is "absent" as -1 is (the emitters test wscale >= 0), and every emitter sets wscale first');
same('src/wire/tcp.ts', 'tsVal: 0, tsEcr: 0, sackCount', '0', '1', 'a created repr\'s starting value, written before any read (emit reads them only with hasTimestamp, which the socket sets with them)');
same('src/wire/tcp.ts', 'sackBlocks: new Uint32Array(8)', '8', '9', 'one unused slot more: at most 4 pairs are written or read (sackCount <= 4)');
// The room for SACK blocks: the fixed options take 0 to 24 bytes, always a multiple of 4.
same('src/wire/tcp.ts', 'const MAX_OPTIONS = 40;', '40', '41', 'the fixed options are a multiple of 4 bytes: (36 - fixed) >> 3 and (37 - fixed) >> 3 are the same number of 8-byte blocks');
same('src/wire/tcp.ts', 'const room = ((MAX_OPTIONS - fixed - 4) >> 3);', '4', '3', 'the fixed options are a multiple of 4 bytes: (36 - fixed) >> 3 and (37 - fixed) >> 3 are the same number of 8-byte blocks');
same('src/wire/tcp.ts', 'if (r.sackCount <= 0) return 0;', 'r.sackCount <= 0', 'false', 'room is at least 1 (the fixed options take at most 24 bytes): a sackCount of 0 gives 0 below too');
same('src/wire/tcp.ts', 'if (r.sackCount <= 0) return 0;', '<=', '<', 'sackCount is never negative, and 0 gives 0 below too (room is at least 1)');
same('src/wire/tcp.ts', 'if (r.sackCount <= 0) return 0;', 'return 0;', 'return undefined as any;', 'the callers only test sacks > 0, false for undefined as for 0');
for (const [o, t] of [['<', '<='], ['room < 0', 'false'], ['0', '1']]) {
  same('src/wire/tcp.ts', 'return r.sackCount < room ? r.sackCount : room < 0 ? 0 : room;', o, t, 'room is at least 1 (the fixed options take at most 24 bytes), never negative; at sackCount = room both arms give room');
}
// The NOP NOP Timestamp shortcut of parseTcp: whatever it does not take, the option loop reads into
// the same fields, so a condition that takes it less often changes nothing.
{
  const fast = 'if (hl === 32 && buf[i] === Opt.Nop && buf[i + 1] === Opt.Nop && buf[i + 2] === Opt.Timestamp && buf[i + 3] === 10) {';
  same('src/wire/tcp.ts', fast, fast.slice(4, -3), 'false', 'the shortcut never taken: the option loop reads NOP NOP Timestamp into the same fields');
  for (const t of ['33', '31']) same('src/wire/tcp.ts', fast, '32', t, 'the header length is a multiple of 4, never ' + t + ': the option loop reads these segments');
  for (const [o, t] of [['1', '2'], ['2', '3'], ['2', '1'], ['3', '2']]) {
    same('src/wire/tcp.ts', fast, o, t, 'one byte would have to equal two option kinds at once: the shortcut is never taken and the option loop reads the same fields');
  }
  same('src/wire/tcp.ts', '    i = end;\n  }\n  while (i < end) {', 'i = end;', ';', 'the option loop then reads the same NOP NOP Timestamp again into the same fields');
}
for (const [o, t] of [['>', '>='], ['14', '13']]) {
  same('src/wire/tcp.ts', 'r.wscale = buf[i + 2] > 14 ?', o, t, 'a shift of 14 (or 13 below 14) is taken as it is by either arm');
}
for (const [o, t] of [['-', '+'], ['2', '1']]) {
  same('src/wire/tcp.ts', 'const blocks = (n - 2) >> 3;', o, t, 'the counts agree for the valid lengths 10, 18, 26, 34, and every other length fails n === 2 + 8 * blocks just after');
}
same('src/wire/tcp.ts', 'if (blocks < 1 || blocks > 4 || n !== 2 + (blocks << 3))', 'blocks < 1 || blocks > 4', '(blocks < 1)', 'a SACK option of 5 blocks is 42 bytes, more than the 40 bytes of options a header holds: the length check before refuses it');
same('src/wire/tcp.ts', 'blocks > 4 ||', '4', '5', 'a SACK option of 5 blocks is 42 bytes, more than the 40 bytes of options a header holds: the length check before refuses it');
same('src/wire/tcp.ts', 'for (let k = 0; k < blocks; k++) {\n        sb[k << 1] = get32(buf, i + 2 + (k << 3));', '<', '<=', 'the extra pair lands past sackCount pairs (or past the array\'s end), which no reader takes');
// The shortcuts for a segment with no option but timestamps ("bare"): the general computation gives
// the same header and bytes for those segments, so taking it more often changes nothing.
same('src/wire/tcp.ts', 'if (r.mss <= 0 && r.wscale < 0 && !r.sackPermitted && r.sackCount <= 0) return', 'r.mss <= 0 && r.wscale < 0 && !r.sackPermitted && r.sackCount <= 0', 'false', 'the general computation gives the same length for a bare repr');
same('src/wire/tcp.ts', 'r.mss <= 0 && r.wscale', '<=', '<', 'mss is never negative: an mss of 0 takes the general path, which writes no MSS option either');
same('src/wire/tcp.ts', '!r.sackPermitted && r.sackCount <= 0', '<=', '<', 'sackCount is never negative: 0 takes the general path, which writes no SACK option either');
for (const code of ['const fixed = bare ? 0 : fixedOptions(r);', 'const sacks = bare ? 0 : sackRoom(r, fixed);']) {
  same('src/wire/tcp.ts', code, 'bare', 'false', 'for a bare repr the value is 0 either way (no fixed option but timestamps, sackCount 0) and only the general arms read it');
  same('src/wire/tcp.ts', code, '0', '1', 'read only when the repr is not bare (the general header length and emitOptions)');
}
same('src/wire/tcp.ts', 'if (!bare) {', '!bare', 'true', 'emitOptions writes a bare repr\'s options as the shortcut does: NOP NOP Timestamp or nothing');
for (const code of ['buf[off] = sp >>> 8; buf[off + 1] = sp; buf[off + 2] = dp >>> 8;',
  'buf[off + 4] = seq >>> 24; buf[off + 5] = seq >>> 16; buf[off + 6] = seq >>> 8;',
  'buf[off + 8] = ack >>> 24; buf[off + 9] = ack >>> 16; buf[off + 10] = ack >>> 8;',
  'buf[off + 14] = w >>> 8;', 'buf[off + 18] = u >>> 8;',
  'buf[off + 24] = v >>> 24; buf[off + 25] = v >>> 16; buf[off + 26] = v >>> 8;',
  'buf[off + 28] = e >>> 24; buf[off + 29] = e >>> 16; buf[off + 30] = e >>> 8;',
  'buf[off + 16] = c >>> 8;']) {
  same('src/wire/tcp.ts', code, '>>>', '>>', 'a Uint8Array keeps the low 8 bits: >> and >>> agree there');
}

// src/wire/dhcp.ts. The repr's starting values: src/app/dhcp.ts send() sets every field it emits,
// and parse sets every field it answers (hostName excepted: emit only).
same('src/wire/dhcp.ts', 'op: 0, xid: 0, secs: 0, broadcast: false, ciaddr: 0, yiaddr: 0, siaddr: 0, giaddr: 0, chaddr: 0, msgType: 0,', '0', '1', 'a created repr\'s starting value, written before any read');
same('src/wire/dhcp.ts', 'subnetMask: 0, hasSubnetMask', '0', '1', 'a created repr\'s starting value, written before any read (emit writes the mask only with hasSubnetMask)');
same('src/wire/dhcp.ts', 'leaseTime: -1, renewalTime: -1, rebindingTime: -1,', '1', '2', 'a starting -2 is "absent" as -1 is (emit tests >= 0), and send() and parse set the times first');

same('src/wire/dhcp.ts', 'if (n < 4 || (n & 3) !== 0) return WireError.Malformed;', '4', '3', 'the only multiple of 4 below 4 is 0, which is below 3 too');
same('src/wire/dhcp.ts', 'r.askParams = true;\n        break;', 'break;', ';', 'falls through to default, which only breaks');
same('src/wire/dhcp.ts', 'break; // options we do not use', 'break;', ';', 'the last clause of the switch: nothing follows to fall into');
same('src/wire/dhcp.ts', 'let i = 0; i < DHCP_FIXED_LEN', '0', '1', 'byte 0 is the op, written just after');
same('src/wire/dhcp.ts', 'let i = 0; i < DHCP_FIXED_LEN', '<', '<=', 'byte 240 is the message type option\'s code, written just after');

for (const [o, t] of [['>', '>='], ['63', '62']]) same('src/wire/dhcp.ts', 'const n = name.length > 63 ?', o, t, 'a name of 63 characters is sent whole by either arm');

// src/wire/dns.ts
same('src/wire/dns.ts', 'id: 0, isResponse: false, rcode: 0, truncated: false, addrs: addrs, addrCount: 0, ttl: 0, cnames: 0,', '0', '1', 'a created repr\'s starting value: parse sets id, rcode, addrCount, ttl and cnames before anything reads them');
same('src/wire/dns.ts', 'if (n > 0 && name.charCodeAt(n - 1) === 46) n--;', 'n > 0 && name.charCodeAt(n - 1) === 46', '(name.charCodeAt(n - 1) === 46)', 'for an empty name charCodeAt(-1) is NaN, never 46');

same('src/wire/dns.ts', 'let hops = 0;', '0', '1', 'sameName sets hops to 0 before every walk, the only reader');
same('src/wire/dns.ts', 'while (p >= start && p < end) {', 'p >= start && p < end', '(p < end)', 'p is never below start: a caller\'s position in the message, or start plus a non-negative offset');
for (const code of ['++hops > 32) return -1;', '  }\n  return -1;\n}\n\n/** Offset', 'if ((b & 0xc0) !== 0) return -1;', '? p + 2 : -1;', 'if (total > DNS_MAX_NAME) return -1;',
  'if (pa < 0 || pb < 0) return -1;', 'pb + 1 + lb > eb) return -1;', '  }\n  return -1;\n}\n\n/**\n * Parses']) {
  same('src/wire/dns.ts', code, '1', '2', '-2 is negative as -1 is: every caller of follow, skipName and sameName tests < 0');
}
// skipName's check that a pointer's second byte is in the message: its callers refuse a name that
// ends past the message (qn + 4 > end, q + 10 > end) as they refuse -1.
for (const [o, t] of [['p + 2 <= end', 'true'], ['+', '-'], ['2', '3'], ['2', '1'], ['<=', '<']]) {
  same('src/wire/dns.ts', 'return p + 2 <= end ?', o, t, 'the callers refuse a name ending past the message (qn + 4 > end, q + 10 > end) as they refuse -1');
}
same('src/wire/dns.ts', 'for (let i = 1; i <= la; i++)', '1', '0', 'byte 0 is the length, already found equal (la === lb)');

for (const code of ['if (qn < 0 || qn + 4 > end)', 'if (q < 0 || q + 10 > end)']) {
  for (const [o, t] of [['<', '<='], ['0', '1']]) same('src/wire/dns.ts', code.slice(0, code.indexOf(' ||')), o, t, 'a name ends at least 13 bytes into the message: never at 0');
}
// An answer's fixed part cut by the end: the rdlength check after refuses it the same way (rdlen
// is at least 0, bytes past the buffer read as 0).
for (const [o, t] of [['q < 0 || q + 10 > end', '(q < 0)'], ['+', '-'], ['10', '9']]) {
  same('src/wire/dns.ts', 'if (q < 0 || q + 10 > end) return r.truncated', o, t, 'when q + 10 > end, q + 10 + rdlen > end just after gives the same answer (rdlen >= 0)');
}
same('src/wire/dns.ts', 'if (count < MAX_RECORDS && get16(buf, q + 2) === 1) {', 'count < MAX_RECORDS && get16(buf, q + 2) === 1', '(get16(buf, q + 2) === 1)', 'the scratch arrays hold 16 records: writes past them are dropped, and a type read there is undefined, never CNAME or A');
same('src/wire/dns.ts', 'if (count < MAX_RECORDS && get16(buf, q + 2) === 1) {', '<', '<=', 'the scratch arrays hold 16 records: a 17th write is dropped, and its type reads undefined, never CNAME or A');
same('src/wire/dns.ts', 'let ttl = 0x7fffffff;', '0x7fffffff', '2147483648', 'every TTL is masked to 31 bits, at most 0x7fffffff: a start one above it gives the same minimum');
same('src/wire/dns.ts', 'let next = -1;', '1', '2', 'only next < 0 is tested');

same('src/wire/dns.ts', 'if (r.recTtl[next] < ttl) ttl = r.recTtl[next];', '<', '<=', 'at equal TTLs both keep the same value');

same('src/wire/dns.ts', 'if (r.recTtl[i] < ttl) ttl = r.recTtl[i];', '<', '<=', 'at equal TTLs both keep the same value');
same('src/wire/dns.ts', '  }\n  return -1;\n}\n\nfunction lower', '1', '2', '-2 is negative as -1 is: every caller of skipName tests < 0');
for (const [o, t] of [['>', '>='], ['0', '1']]) {
  same('src/wire/dns.ts', 'if (n > 0 && name.charCodeAt(n - 1) === 46) n--;', o, t, 'for n = 0 charCodeAt(-1) is NaN, never 46; the one-character name "." is refused either way (an empty label)');
}
same('src/wire/dns.ts', 'if (n === 0 || n + 2 > DNS_MAX_NAME', 'n === 0 || n + 2 > DNS_MAX_NAME', '(n + 2 > DNS_MAX_NAME)', 'an empty name is refused after the loop all the same: its only label is empty');
same('src/wire/dns.ts', 'let total = 1;\n  while (p < end) {', '<', '<=', 'a walk one byte past the end returns -1 or an end past the message, which the callers refuse alike (qn + 4 > end, q + 10 > end)');

/** The equivalent entry that names mutant m of the file's text `source`, or null. */
export function namedEquivalent(m, source) {
  for (const e of equivalents) {
    if (e.file !== m.file || e.original !== m.original || e.text !== m.text) continue;
    for (let i = source.indexOf(e.code); i >= 0; i = source.indexOf(e.code, i + 1)) {
      if (i <= m.start && m.end <= i + e.code.length) return e;
    }
  }
  return null;
}

const list = [];
function add(file, original, text, op) {
  const src = fs.readFileSync(root + '/' + file, 'utf8');
  const start = src.indexOf(original);
  if (start < 0 || src.indexOf(original, start + 1) >= 0) throw new Error('not unique: ' + original);
  const line = src.slice(0, start).split('\n').length;
  list.push({ file, start, end: start + original.length, text, original, line, col: start - src.lastIndexOf('\n', start - 1), op, status: 'survived' });
}
if (import.meta.url === 'file://' + process.argv[1]) {
add('src/socket/tcp.ts', `((seqGe(seq, this.rcvNxt) && seqLt(seq, seqAdd(this.rcvNxt, wnd))) ||
      (seqLe(this.rcvNxt, seqAdd(seq, len - 1)) && seqLt(seqAdd(seq, len - 1), seqAdd(this.rcvNxt, wnd))))`, '(seqGe(seq, this.rcvNxt) && seqLt(seq, seqAdd(this.rcvNxt, wnd)))', 'issue 17: acceptability without its left-edge clause');
for (const [fn, op] of [['seqLt', '<'], ['seqLe', '<='], ['seqGt', '>'], ['seqGe', '>=']]) {
  add('src/socket/tcp-seq.ts', `return ((a - b) | 0) ${op} 0;`, `return a ${op} b;`, 'issue 17: plain comparison in ' + fn);
}
add('src/socket/tcp.ts', 'this.sndWnd = (t.flags & TcpFlag.Syn) ? t.window : t.window << this.sndShift;', 'this.sndWnd = t.window;', "issue 17: peer's window scale ignored");
add('src/wire/ipv4.ts', 'if (activeSum(buf, off, hl, 0) !== 0xffff) return WireError.BadChecksum;', 'if (get16(buf, off + 10) !== 0 && activeSum(buf, off, hl, 0) !== 0xffff) return WireError.BadChecksum;', 'issue 17: IPv4 checksum 0 accepted');
add('src/iface/interface.ts', 'this.neighbors.refresh(a.senderIp, a.senderMac, now);', 'this.neighbors.fill(a.senderIp, a.senderMac, now);', 'issue 17: ARP request not for us creates an entry');
add('src/phy/enc28j60.ts', 'if (next > M.RX_END || dist < 6 + cnt', 'if (dist < 6 + cnt', 'issue 17: ENC28J60 next pointer past ERXND accepted');
add('src/socket/tcp.ts', 'this.sndNxt = this.sndUna; // the retransmission starts at the first unacknowledged byte', ';', 'found here: fast retransmit without going back to sndUna');
fs.mkdirSync(root + '/dist/mutation', { recursive: true });
fs.writeFileSync(root + '/dist/mutation/named.json', JSON.stringify({ mutants: list }, null, 1));
console.log(list.length + ' named mutants');
}
