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
same('src/socket/set.ts', 'const TABLES = 5;', '5', '6', 'one more table row than the tables (kind - 1 is at most 4): never indexed, only memory');
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
same('src/socket/set.ts', '    this.ringHead = 0;\n    this.gen = gen;', 'this.ringHead = 0;', ';', 'ringHead is only ever set to 0 (here and in egress): the ring always starts at 0');
same('src/socket/set.ts', '    this.ringHead = 0;\n    this.gen = gen;', '0', '1', 'ringHead is only ever set to 0 (here and in egress): the ring always starts at 0');
same('src/socket/set.ts', 'if (!NO_ALLOC) {\n      let nb = 16;', '!NO_ALLOC', 'true', 'in NO_ALLOC resize runs once, in the constructor: the unused hash heads are allocated at start-up, nothing reads them');
for (const [o, t] of [['nb < n', 'false'], ['<', '<=']]) {
  same('src/socket/set.ts', 'while (nb < n) nb <<= 1;', o, t, 'the hash table\'s size (a power of two, at least 16) only sets how long the chains are: every lookup walks its chain and finds the same socket');
}
same('src/socket/set.ts', 'while (nb < n) nb <<= 1;', '1', '2', 'nb stays a power of two at least 16: only the chains\' length changes');
same('src/socket/set.ts', 'for (let i = 0; i < this.heads.length; i++) this.heads[i] = -1;', '<', '<=', 'the one write past the end of a typed array is ignored');
same('src/socket/set.ts', 'for (let i = 0; i < this.heads.length; i++) this.heads[i] = -1;', '1', '2', 'any negative head is an empty chain (lookups walk while i >= 0)');
same('src/socket/set.ts', 'let slot = -1;\n    for (let i = 0; i < this.capacity; i++) {', '1', '2', 'no slot is any negative value: only slot < 0 is tested');
same('src/socket/set.ts', 'let slot = -1;\n    for (let i = 0; i < this.capacity; i++) {', '<', '<=', 'sockets[capacity] is undefined, never null: the extra step finds nothing');
for (const [o, t] of [['>', '>='], ['65536', '65537'], ['65536', '65535']]) {
  same('src/socket/set.ts', 'this.capacity * 2 > 65536 ?', o, t, 'capacity * 2 is even: it passes 65535, 65536 and 65537 alike, and at exactly 65536 both arms give 65536');
}
same('src/socket/set.ts', '  ringHead = 0;\n  /** Sockets dirty', '0', '1', 'the constructor\'s resize() sets ringHead to 0 before any use');
same('src/socket/set.ts', '  rawCount = 0;', '0', '1', 'rawCount only short-cuts the raw lookup when 0: off by one, the lookup scans and finds no raw socket all the same');

same('src/socket/set.ts', 'sock.table = TableKind.None;', 'sock.table = TableKind.None;', ';', 'a socket out of every set is already in no table: a new one starts there and remove() rekeys to None first');
// get(): the final s.handle === handle (strict) refuses a string, a negative number or NaN by itself.
for (const t of ['false', '(typeof handle !== \'number\')', '(handle < 0)']) {
  same('src/socket/set.ts', 'if (typeof handle !== \'number\' || handle < 0) return null;', 'typeof handle !== \'number\' || handle < 0', t, 'a fast refusal only: a non-number or negative handle never strictly equals a live socket\'s handle (>= 0), which get() checks last');
}
same('src/socket/set.ts', 'if (typeof handle !== \'number\' || handle < 0) return null;', '||', '&&', 'a fast refusal only: a non-number or negative handle never strictly equals a live socket\'s handle (>= 0), which get() checks last');
same('src/socket/set.ts', 'if (this.dirty[slot]) {\n      // Out of the dirty ring', 'this.dirty[slot]', 'true', 'dropping a slot that is not in the ring removes nothing and clears a flag already clear');
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
same('src/socket/set.ts', 'this.dirty[slot] = 1;\n    const f = this.iface;', '1', '2', 'the dirty flags are only tested for truth');
same('src/socket/set.ts', 'this.parked[s.slot] = 1;', '1', '2', 'the parked flags are only tested for truth');
same('src/socket/set.ts', 'f.onWork();\n    if (!NO_ALLOC) this.ring', '!NO_ALLOC', 'true', 'NO_ALLOC never reads the ring (its egress scans the dirty flags and ringLen only counts them): entries written there are dead');
for (const [o, t] of [['this.parkedCount === 0', 'false'], ['return;', ';']]) {
  same('src/socket/set.ts', 'if (this.parkedCount === 0) return;', o, t, 'a short cut: with nothing parked the scan finds no flag set and leaves the count at 0');
}
same('src/socket/set.ts', 'for (let i = 0; i < this.capacity; i++) {\n      if (!this.parked[i]) continue;', '<', '<=', 'parked[capacity] is past the typed array: undefined, so skipped');

// NO_ALLOC's earliest-deadline bound (soonest): a bound that is too early (or -2 for none) only
// makes poll run egress more often, which makes it exact; the default build never reads it.
same('src/socket/set.ts', 'if (NO_ALLOC) this.soonest = -1;', 'NO_ALLOC', 'true', 'the default build never reads soonest: one unused field');
same('src/socket/set.ts', 'if (NO_ALLOC) this.soonest = -1;', '1', '2', 'soonest is only tested as < 0 or >= 0: -2 means none as -1 does');
same('src/socket/set.ts', 'if (NO_ALLOC) this.soonest = -1;', '1', '0', 'a starting bound of 0 is earlier than any deadline: the first poll runs egress, which finds nothing due and makes the bound exact');
same('src/socket/set.ts', 'at < this.soonest)) this.soonest = at;', '<', '<=', 'at equal to soonest leaves the same value');
same('src/socket/set.ts', 'const stale = this.soonest >= 0 && this.soonest <= now;', 'this.soonest >= 0 && this.soonest <= now', '(this.soonest <= now)', 'soonest is -1 only when no deadline is set (schedule lowers it to any): made again then, it is -1 again');
same('src/socket/set.ts', 'this.soonest = at;\n      return;', 'return;', ';', 'NO_ALLOC reads only the deadline array and soonest, both set by then; the heap code sets the deadline alike, and the heap it also keeps is never read');
// schedule()'s unchanged short cut: a slot's deadline is >= 0 exactly when it is in the heap, so
// the second clause always holds; and an unchanged deadline run through the rest is a no-op
// (cancelled again, or sifted down without moving).
// src/storage/packet-ring.ts: an empty ring (count 0) has wr 0 and is not wrapped (clear() and the
// pop that empties it set both; the writer never wraps with one packet live), and head only has to
// stay a slot while count is 0.
same('src/storage/packet-ring.ts', 'clear(): void {\n    this.head = 0;', 'this.head = 0;', ';', 'with count 0 head only has to be a slot, which it is: push writes at head and peek reads there');
for (const [o, t] of [['this.wr = 0;', ';'], ['0', '1']]) same('src/storage/packet-ring.ts', '    this.wr = 0;\n    this.wrapped = false;\n  }', o, t, 'wr is read only with a packet live, and the first push sets it (place answers 0 for an empty ring)');
for (const code of ['len > this.bytes) return -1;', 'return rd - wr >= len ? wr : -1;', 'return len <= rd ? 0 : -1;']) same('src/storage/packet-ring.ts', code, '1', '2', 'any negative place means no room: push and fits test < 0 and >= 0');
same('src/storage/packet-ring.ts', 'if (this.count === 0) return 0;', 'this.count === 0', 'false', 'an empty ring has wr 0 and is not wrapped: the next test answers wr, 0, as well');
for (const t of ['(at < this.wr)', 'this.count >= 0 && at < this.wr']) same('src/storage/packet-ring.ts', 'if (this.count > 0 && at < this.wr) this.wrapped = true;', t === '(at < this.wr)' ? 'this.count > 0 && at < this.wr' : '>', t === '(at < this.wr)' ? t : '>=', 'with count 0, at and wr are both 0: at < wr is false anyway');
same('src/storage/packet-ring.ts', 'const n = len < max ? len : max;', '<', '<=', 'at len = max both arms give the same number');
same('src/storage/packet-ring.ts', 'if (this.count === 0) {\n      this.wrapped = false;', 'this.wrapped = false;', ';', 'the ring is no longer wrapped when its last packet goes: the newest is always in the front part once wrapped, and popping the last packet of the back part already cleared the flag');

// src/app/networkjs.ts
const NJS = 'src/app/networkjs.ts';
// An entry's starting values: create() (or accept()) sets port, err and the rest before any read;
// err is only ever tested for < 0, so 1 reads as 0; gen is only compared with itself.
same(NJS, '  port = 0;\n  /** Server', '0', '1', 'create() sets an entry\'s port before any read');
for (const code of ['  err = 0;\n  /** UDP', 'e.err = 0;\n    e.pending', 'c.err = 0;']) same(NJS, code, '0', '1', 'err is only tested for < 0 (recv, send, close): 1 reads as no error');
same(NJS, '  gen = 0;\n}', '0', '1', 'gen is only compared with the value a DNS callback captured from it');
// The JavaScript byte <-> string conversions (a board passes native ones).
same(NJS, 'for (let i = 0; i < len; i += 256) {', '<', '<=', 'the extra step at i = len appends the empty string');
for (const [o, t] of [['<', '<='], ['256', '257']]) same(NJS, 'len - i < 256', o, t, 'at len - i = 256 both arms give 256 (the step), and it is never above the step');
same(NJS, 'for (let i = 0; i < n; i++) buf[off + i] = s.charCodeAt(i);', '<', '<=', 'the extra step writes 0 after the string in the scratch buffer; only n bytes are sent');
// Pools.
for (const code of ['this.tcpOwned.push(false);', 'this.udpOwned.push(false);']) same(NJS, code, code, ';', 'an undefined entry of the owned list reads as false, as the pushed false does');
for (const code of ['if (i >= 0) this.tcpOwned[i] = false;', 'if (i >= 0) this.udpOwned[i] = false;']) same(NJS, code, 'i >= 0', 'true', 'only sockets of the pool are released: indexOf is never -1 here');
same(NJS, 'if (this.entries[i].kind === Kind.Free) return i;\n    return -1;', '1', '2', 'every caller tests freeEntry() < 0');
// The DNS retry: waitingDns counts the entries with needDns set, and only a TCP entry keeps needDns
// set while it is in use (create clears it), so a scan when it is 0 finds nothing to retry.
same(NJS, 'if (this.waitingDns === 0) return;', 'this.waitingDns === 0', 'false', 'with no name waiting, the scan finds no TCP entry with needDns set');
same(NJS, 'if (this.waitingDns === 0) return;', 'return;', ';', 'with no name waiting, the scan finds no TCP entry with needDns set');
same(NJS, 'if (dns === null) {\n      e.err = -6;\n      e.host = \'\';', 'e.host = \'\';', ';', 'recv and send read err (set on the line before) before host');
// The UDP framing.
same(NJS, 'const n = u.recvFrom(b, UDP_HEADER, b.length - UDP_HEADER);', '-', '+', 'a datagram is at most 1,472 bytes (one frame), within the buffer either way');
for (const code of ['b[0] = a >>> 24;', 'b[5] = p >>> 8;', 'b[7] = n >>> 8;', 'b[1] = (a >>> 16) & 255;', 'b[2] = (a >>> 8) & 255;']) same(NJS, code, '>>>', '>>', 'a byte store (or a mask with 255) keeps the low 8 bits, where >> and >>> agree');
same(NJS, 'if (s.length <= maxLen) {', '<=', '<', 'at s.length === maxLen the split path returns all of s and leaves pending empty');
same(NJS, 'if (s.length <= maxLen) {', 's.length <= maxLen', 'false', 'for s no longer than maxLen the split path returns all of s and leaves pending empty');
for (const [o, t] of [['-', '+'], ['data.length - used >= UDP_HEADER', 'true']]) same(NJS, 'while (data.length - used >= UDP_HEADER) {', o, t, 'with fewer than 8 bytes left the length reads as 0 (charCodeAt past the end is NaN) and the next test breaks');
same(NJS, 'if (len > this.buf.length) return used > 0 ? used : -12;', '0', '1', 'used is 0 or at least 8');

// src/socket/tcp-assembler.ts: the shifts that close or open a gap in the range arrays. Slots at
// count and above are never read (every reader stops at count), and a typed array ignores a write
// at index -1: a shift that runs one step further, or starts one step early, changes nothing live.
const ASM = 'src/socket/tcp-assembler.ts';
same(ASM, 'k + gone < this.count', '+', '-', 'the extra steps copy from past count into slots past the new count: never read');
same(ASM, 'k + gone < this.count', '<', '<=', 'the extra step copies slot count into the new count\'s slot: past the live ranges, never read');
same(ASM, 'for (let k = this.count; k > i; k--)', '>', '>=', 'the step at k = i copies slot i - 1 into slot i, which the next line overwrites (at i = 0 it reads index -1 into slot 0, overwritten too)');
for (const [o, t] of [['1', '0'], ['<', '<=']]) same(ASM, 'for (let k = 1; k < this.count; k++)', o, t, 'the extra step writes index -1 (ignored by a typed array) or copies slot count into slot count - 1, which the count-- after it leaves outside the live ranges');
same(ASM, 'return n > 0 ? n : 0;', '>', '>=', 'at n = 0 both arms give 0');
// src/socket/tcp-sack.ts
const SACK = 'src/socket/tcp-sack.ts';
same(SACK, '  rtxSeen = 0;', '0', '1', 'read only while rtxN > 0, and TcpSocket sets rtxN and rtxSeen to 0 together when a recovery opens the record');
same(SACK, 'holeEnd = 0;', '0', '1', 'read only after hole() answered a hole, which sets it first');
same(SACK, 'return this.count > 0 && seqGt(this.end[this.count - 1], una)', 'this.count > 0 && seqGt(this.end[this.count - 1], una)', '(seqGt(this.end[this.count - 1], una))', 'with no range, end[-1] is undefined and seqGt(undefined, una) is false ((NaN | 0) > 0): una either way');
same(SACK, 'return this.count > 0 && seqGt', '>', '>=', 'with no range, end[-1] is undefined and seqGt(undefined, una) is false ((NaN | 0) > 0): una either way');

same('src/socket/icmp.ts', 'repr.type = 8;\n      repr.code = 0;', 'repr.code = 0;', ';', 'this module\'s repr is created with code 0 and only this echo request writes it, always 0');

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
same('src/socket/set.ts', 'const t = NO_ALLOC ? earliestDeadline', 'NO_ALLOC', 'true', 'the default build keeps the deadline array too: the scan finds the same earliest time');
same('src/socket/set.ts', ': this.heapLen === 0 ? -1 : this.deadline[this.heap[0]];', 'this.heapLen === 0', 'false', 'a slot\'s deadline is >= 0 exactly when it is in the heap: an empty heap\'s stale top has deadline -1, which is none as well');
same('src/socket/set.ts', ': this.heapLen === 0 ? -1 : this.deadline[this.heap[0]];', '1', '2', 'pollAt answers -1 for any t < 0');
same('src/socket/set.ts', 'let t = -1;\n  for (let i = 0; i < capacity; i++) {\n    const d = deadline[i];', '1', '2', 'only t < 0 or t >= 0 is tested (pollAt; soonest in schedule and poll): -2 means none as -1 does');
same('src/socket/set.ts', 'let t = -1;\n  for (let i = 0; i < capacity; i++) {\n    const d = deadline[i];', '<', '<=', 'deadline[capacity] reads undefined, and undefined >= 0 is false');
same('src/socket/set.ts', 'd < t)) t = d;', '<', '<=', 'an equal deadline replacing t leaves the same time');
same('src/socket/set.ts', 'return t < 0 ? -1 : t < now ? now : t;', '<', '<=', 'at t === now both arms give now');
same('src/socket/set.ts', 't < now ? now : t;\n  }\n\n  /** Visits', '<', '<=', 'at t === now both arms give now');
for (const [o, t] of [['s === null', 'false'], ['continue;', ';']]) {
  same('src/socket/set.ts', 'const s = this.sockets[i];\n        if (s === null) continue;\n        const d = this.deadline[i];', o, t, 'an empty slot has no dirty flag and deadline -1 (remove() clears both): the next test skips it');
}

same('src/socket/set.ts', 'const b = new ArrayBuffer(n * 36);', '36', '37', 'a byte more per slot at the end of the buffer: no view reaches it (the views start where they did)');
same('src/socket/set.ts', '      deadline[i] = -1;\n      heapPos[i] = -1;', '1', '2', 'a new slot\'s deadline and heap position are read only as >= 0 or < 0: -2 means none as -1 does');
same('src/socket/set.ts', 'if (due) this.deadline[i] = -1;', '1', '2', 'every reader tests a deadline with >= 0 (or schedules anew): -2 means none as -1 does');
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

// heapRemove: siftUp(pos) ends by writing hp[slot] = pos for the slot it places, and every entry
// it moves down gets hp set with it, so after it heapPos[heap[pos]] === pos always holds: the
// fix-up before it is rewritten, and siftDown's start is pos on either arm of the test.
same('src/socket/set.ts', 'this.heapPos[heap[pos]] = pos;\n    this.siftUp(pos);', 'this.heapPos[heap[pos]] = pos;', ';', 'siftUp(pos) writes the position of the slot at pos itself before anything reads it');
for (const [o, t] of [['this.heapPos[heap[pos]] === pos', 'true'], ['this.heapPos[heap[pos]] === pos', 'false'], ['===', '!==']]) {
  same('src/socket/set.ts', 'this.siftDown(this.heapPos[heap[pos]] === pos ? pos : this.heapPos[heap[pos]]);', o, t, 'after siftUp(pos) heapPos[heap[pos]] is always pos (siftUp sets the position of every entry it writes): both arms give pos');
}
// Lines 498 on. The sifts' ties: the order of equal deadlines in the heap is never seen (pollAt
// reads the top's time, equal either way; egress takes every due slot off the heap, then visits
// them in slot order), so moving past an equal key or taking the right child on a tie is the same.
const tieWhy = 'equal deadlines in either order: pollAt reads the top\'s time and egress takes every due slot off the heap, then visits them in slot order';
same('src/socket/set.ts', 'if (d[ps] <= t) break;', '<=', '<', tieWhy);
same('src/socket/set.ts', 'd[heap[c + 1]] < d[heap[c]]', '<', '<=', tieWhy);
same('src/socket/set.ts', 'if (d[heap[c]] >= t) break;', '>=', '>', tieWhy);
// hash(): another function of the same key. link_ and every lookup compute the bucket alike, the
// result is masked into the table, and each lookup walks its chain comparing the whole key (TCP
// tuples hashed by port alone still find theirs): only the chains' lengths change.
const hashWhy = 'a different hash of the same key, masked into the table: insertion and lookup agree and every lookup compares the whole key along its chain; only chain lengths change';
// findTcp's copy of the TCP tuple hash must agree with hash() (insertion uses hash()): its mutants
// are not named, except where the bits cannot change.
same('src/socket/set.ts', ')) >>> 0;\n    h ^= (h', '>>>', '>>', 'the next steps use the bits only (>>> and ^ on them, then & mask): a signed and an unsigned reading of the same 32 bits hash alike');
same('src/socket/set.ts', 'h ^= (h >>> 16) ^ (h >>> 7);\n    let i = this.heads', '>>>', '>>', 'a signed shift differs from >>> only in the bits above 15 (>> 16) or 24 (>> 7), and the bucket keeps only the bits of mask, far below them (the table has at most a few hundred buckets)');
const tupleLine = 'if (kind === TableKind.TcpTuple) h = ((h * 31 + remotePort) ^ remoteAddr ^ (remoteAddr >>> 13) ^ (remoteAddr >>> 23)) >>> 0;';
for (const [o, t] of [['kind === TableKind.TcpTuple', 'false'], ['h = ((h * 31 + remotePort) ^ remoteAddr ^ (remoteAddr >>> 13) ^ (remoteAddr >>> 23)) >>> 0;', ';'],
  ['*', '/'], ['31', '32'], ['31', '30'], ['+', '-'], ['^', '&'], ['>>>', '>>'], ['13', '14'], ['13', '12'], ['23', '24'], ['23', '22']]) same('src/socket/set.ts', tupleLine, o, t, hashWhy);
same('src/socket/set.ts', '(remoteAddr >>> 23)) >>> 0;\n  h ^= (h >>> 16)', '0', '1', hashWhy);
for (const [o, t] of [['h ^= (h >>> 16) ^ (h >>> 7);', ';'], ['>>>', '>>'], ['16', '17'], ['16', '15'], ['^', '&'], ['7', '8'], ['7', '6']]) same('src/socket/set.ts', 'h ^= (h >>> 16) ^ (h >>> 7);\n  return h & mask;', o, t, hashWhy);

// The constructor makes every field (hottest first, see its comment): a field's starting value is
// its line there, up to the next line's field name (so that the snippet holds no other value).
const CTORS = { 'src/socket/tcp.ts': '  constructor(o?: TcpOptions) {', 'src/iface/interface.ts': '  constructor(config: InterfaceConfig) {' };
function ctorLine(field, file = 'src/socket/tcp.ts') {
  const src = fs.readFileSync(root + '/' + file, 'utf8');
  const start = src.indexOf(CTORS[file]);
  const body = src.slice(start, src.indexOf('\n  }\n', start));
  const at = body.indexOf('\n    this.' + field + ' = ');
  if (at < 0) return 'constructor line not found: ' + field;
  const next = body.indexOf('\n', at + 1);
  const m = /^\n    this\.\w+|^\n  \}/.exec(body.slice(next));
  return body.slice(at, next) + (m ? m[0] : '');
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
same('src/socket/tcp.ts', 'room = holeLen < mss ? holeLen : mss;', '<', '<=', 'at holeLen = mss both arms give mss');
same('src/socket/tcp.ts', 'TcpState.LastAck ? 0 : SocketError.Reset);', '0', '1', 'toClosed records only negative errors: 0 and 1 both leave none');
same('src/socket/tcp.ts', ctorLine('fullSegs'), '0', '1', 'reset to 0 whenever a connection starts (open, listen), before any read');
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
  for (const t of ts) same('src/socket/tcp.ts', ctorLine(f.replace('private ', '')), v, t, 'a starting value that every connection sets before reading it (clearConnection, initSend, the SYN\'s handling, established, emit)');
}
same('src/socket/tcp.ts', 'rttSeq = 0;', '0', '1', 'rttSeq is read only while rttTime >= 0, and set with it');
same('src/socket/tcp.ts', 'stats = new Uint32Array(6);', '6', '7', 'one unused counter more: the indexes are TcpStat 0..5');
same('src/socket/tcp.ts', 'isnOverride = -1;', '1', '2', 'only isnOverride >= 0 is read as an ISN: -2 is off as -1 is');
same('src/socket/tcp.ts', 'this.idleMs = c.keepAlive || 0;', 'c.keepAlive || 0', '(c.keepAlive)', 'keepAlive is only read as keepAlive > 0, false for undefined as for 0');
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
same('src/socket/tcp.ts', ctorLine('rcvCap'), '0', '1', 'initSend() sets rcvCap before anything reads it');
same('src/socket/tcp.ts', 'return this.rcvCap > 0 && f > this.rcvCap ? this.rcvCap : f;', '0', '1', 'rcvCap is 0 (no bound) or at least one MSS: never 1');
same('src/socket/tcp.ts', 'f > this.rcvCap ? this.rcvCap : f;', '>', '>=', 'at f = rcvCap both arms give the same number');
same('src/socket/tcp.ts', 'if (held >= 0 && held <= free) return held >> this.rcvShift;', '<=', '<', 'at held = free the general formula below gives the same window (free within the cap it was advertised under)');
same('src/socket/tcp.ts', 'const w = (cap > 0 && free > cap ? cap : free) >> this.rcvShift;', '0', '1', 'rcvCap is 0 (no bound) or at least one MSS: never 1');
same('src/socket/tcp.ts', 'free > cap ? cap : free) >> this.rcvShift;', '>', '>=', 'at free = cap both arms give the same number');
same('src/socket/tcp.ts', 'return w > 65535 ? 65535 : w;', '>', '>=', 'at w = 65535 both arms give 65535');
for (const [o, t] of [['set === null', 'false'], ['return SocketError.InvalidState;', 'return undefined as any;']]) {
  same('src/socket/tcp.ts', 'const set = this.set;\n    if (set === null) return SocketError.InvalidState;\n    const iface = set.iface;\n    // The interface', o, t, 'emit() runs only for a socket in a connection or answering a segment, always in a set (remove() closes a socket before it leaves)');
}
same('src/socket/tcp.ts', 't.urgent = 0;', 't.urgent = 0;', ';', 'the interface\'s shared header starts with urgent 0, and its other writer (sendRst) writes 0 too');
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
same('src/socket/tcp.ts', 'if (!iface.hasRoute(remoteAddr >>> 0) ||', '>>>', '>>', 'hasRoute() compares the address through ^ and & (32 bits either way) and with 0xffffffff, which only 255.255.255.255 equals: that address is refused by isBroadcastAddr() on the same line');
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
  same('src/socket/tcp.ts', 'this.waitAt = now + this.timeWaitMs;\n      this.flags |= Flag.AckNow;', o, t, 'a FIN taken in TIME-WAIT has already set AckNow in the branch above (data or FIN after the peer\'s FIN)');
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
// Second run of lines 1-658 (2026-12-02, dist/mutation/tcp-a2): the two survivors no test can kill.
same('src/socket/tcp.ts', '((t.ack - this.sndUna) | 0)', '0', '1', 'or-ing bit 0 into the 32-bit difference leaves its sign bit: (d | 1) >= 0 exactly when (d | 0) >= 0');
same('src/socket/tcp.ts', 'this.sndWnd > 65535 ?', '65535', '65534', 'the arms differ only at sndWnd = 65535, where both give 65535');

// src/storage/byte-ring.ts (2026-12-02): the copies' boundaries. A copy of 0 bytes (or of a
// negative count: an empty subarray, a loop that never runs) does nothing, so a test that lets the
// edge case through to a copy, or a second copy of n - first = 0 bytes, changes nothing; a clamp at
// equality gives the value it already had; a position equal to the capacity left unwrapped makes
// `first` 0, so the whole copy goes to index 0, where the wrap would have put it.
const RING_EDGE = 'at the edge the copy is of 0 bytes, or the clamp gives the value already there (see above)';
same('src/storage/byte-ring.ts', 'private head = 0;', '0', '1', 'the ring works from any starting index below the capacity (or at it: first is then 0); clear() starts it at 0, which the test checks');
for (const c of ['if (n > cap - len) n = cap - len;', 'if (n > cap - pos) n = cap - pos;', 'if (pos + n > this.length) n = this.length - pos;', 'if (n > len) n = len;', 'if (n > this.length) n = this.length;']) {
  same('src/storage/byte-ring.ts', c, '>', '>=', RING_EDGE);
}
same('src/storage/byte-ring.ts', 'if (n <= 0) return 0;', '<=', '<', RING_EDGE + ' (n is never negative here: callers pass counts, and the clamps leave 0 or more)');
same('src/storage/byte-ring.ts', 'if (n <= 0) return 0;', 'n <= 0', 'false', RING_EDGE + ': n is 0, nothing is copied and 0 is returned');
same('src/storage/byte-ring.ts', 'if (at >= cap) at -= cap;\n    const first', '>=', '>', RING_EDGE);
same('src/storage/byte-ring.ts', 'const first = cap - at < n ? cap - at : n;', '<', '<=', RING_EDGE);
for (const [o, t] of [['>', '>='], ['n > first', 'true']]) same('src/storage/byte-ring.ts', 'if (n > first) copyBytes(', o, t, RING_EDGE + ' (first is at most n)');

// src/socket/tcp-timestamps.ts: our clock is read as 32 bits and only ever used modulo 2^32 (put
// on the wire byte by byte, compared with seqLt, subtracted and cut with | 0): a signed reading
// of the same bits acts the same.
for (const code of ['return (now + this.offset) >>> 0;', 't.tsVal = (now + this.offset) >>> 0;', 'const r = (((now + this.offset) >>> 0) - t.tsEcr) | 0;']) {
  same('src/socket/tcp-timestamps.ts', code, '>>>', '>>', 'the clock\'s 32 bits are used modulo 2^32 only (bytes on the wire, seqLt, a difference cut with | 0): signed or unsigned, the same');
}

// src/socket/tcp-timestamps.ts (2026-12-03). While the option is not agreed (ok false) TS.Recent,
// its time and Last.ACK.sent are never read: fill() echoes 0, and old(), seen() and rtt() run only
// when ok (start() and onSyn() set ok and TS.Recent together). Last.ACK.sent is compared with
// seqLe, modulo 2^32. fill()'s numbers go on the wire only with the option (emitTcp and
// tcpHeaderLen read hasTimestamp), and nothing else reads the repr's tsVal and tsEcr. rtt() runs
// only when ok, and once agreed a segment without the option is dropped before its ACK is taken (a
// RST too reaches no ACK processing); its callers take a sample only when it is 0 or more, and
// RttEstimator.sample ignores a negative one.
same('src/socket/tcp-timestamps.ts', 'if (this.ok) {\n      this.recent = t.tsVal;', 'this.ok', 'true', 'TS.Recent and Last.ACK.sent are not read while the option is not agreed');
same('src/socket/tcp-timestamps.ts', 'this.lastAck = (t.seq + 1) >>> 0;', '>>>', '>>', 'Last.ACK.sent is compared with seqLe, modulo 2^32');
same('src/socket/tcp-timestamps.ts', 'if (t.hasTimestamp) {\n      t.tsVal', 't.hasTimestamp', 'true', 'without the option the numbers are not emitted, and nothing else reads them');
same('src/socket/tcp-timestamps.ts', 't.tsEcr = this.ok ? this.recent : 0;', 'this.ok', 'true', 'TS.Recent is 0 while the option is not agreed (start() clears it, onSyn() sets it only when agreed)');
same('src/socket/tcp-timestamps.ts', 'if (!t.hasTimestamp || t.tsEcr === 0) return -1;', '!t.hasTimestamp || t.tsEcr === 0', '(t.tsEcr === 0)', 'rtt() runs only when agreed, and then every segment that reaches the ACK processing carries the option');
same('src/socket/tcp-timestamps.ts', 't.tsEcr === 0) return -1;', 'return -1;', 'return undefined as any;', 'the callers take a sample only when r >= 0: undefined is not');
same('src/socket/tcp-timestamps.ts', 't.tsEcr === 0) return -1;', '1', '2', 'the callers take a sample only when r >= 0: -2 is ignored as -1 is');
same('src/socket/tcp-timestamps.ts', 'return r >= 0 ? r : -1;', 'r >= 0', 'true', 'the callers take a sample only when r >= 0, and RttEstimator.sample ignores a negative one');
same('src/socket/tcp-timestamps.ts', 'return r >= 0 ? r : -1;', '1', '2', 'the callers take a sample only when r >= 0: -2 is ignored as -1 is');

// src/socket/tcp-rtt.ts restore(): v is 4 RTTVAR in 1/256 ms, a multiple of 4. `v >= 256` and
// `v > 255` differ from `v > 256` only at v = 256, where both branches give 256; `v > 257` only at
// v = 257, which v never is.
for (const [o, t] of [['>', '>='], ['256', '257'], ['256', '255']]) {
  same('src/socket/tcp-rtt.ts', 'v > 256 ? v', o, t, 'v is a multiple of 4: the branches differ only where they give the same 256');
}

// src/socket/tcp-rtt.ts restore(): clamp() in line; at a bound the value is the bound either way.
for (const [o, t] of [['<', '<='], ['>', '>=']]) {
  same('src/socket/tcp-rtt.ts', 'this.rto = x < this.rtoMin ? this.rtoMin : x > this.rtoMax ? this.rtoMax : x;\n  }\n\n  /** The timer expired', o, t, 'x equal to the bound gives the bound either way');
}

// src/iface/neighbor.ts (2026-12-02). The entry found last is a shortcut: when it is not the one
// asked for, find() gives the same answer, so not updating it, or starting it elsewhere, changes
// nothing but the time. Reads past either end of a typed array give undefined, which compares
// false: a loop that reads one entry too far, or an entry index of -1 tested without its `i < 0`,
// acts as before. find()'s not-found value is only tested with `< 0` / `>= 0`.
const NEIGH_SHORTCUT = 'the entry found last is a shortcut: find() answers the same when it is skipped or stale';
same('src/iface/neighbor.ts', 'private last = 0;', '0', '1', 'entry 1 of a one-entry cache reads undefined, which fails both tests, and find() answers; ' + NEIGH_SHORTCUT);
same('src/iface/neighbor.ts', 'for (let i = 0; i < this.size; i++) if (this.state[i] !== Neigh.Empty && this.ip[i] === ip) return i;', '<', '<=', 'the entry past the end reads undefined: never an address');
same('src/iface/neighbor.ts', '  return -1;\n  }\n\n  /** The entry holding', '1', '2', 'callers test the not-found value with < 0 or >= 0 only');
same('src/iface/neighbor.ts', 'if (this.state[i] === Neigh.Empty || this.ip[i] !== ip) {', 'this.state[i] === Neigh.Empty || this.ip[i] !== ip', 'true', NEIGH_SHORTCUT);
for (const [o, t] of [['i >= 0', 'true'], ['i >= 0', 'false'], ['>=', '>'], ['>=', '<'], ['this.last = i;', ';'], ['0', '1']]) {
  same('src/iface/neighbor.ts', 'if (i >= 0) this.last = i;', o, t, NEIGH_SHORTCUT);
}
same('src/iface/neighbor.ts', 'if (i < 0 || this.state[i] < Neigh.Resolved) return -1;', 'i < 0 || this.state[i] < Neigh.Resolved', '(this.state[i] < Neigh.Resolved)', 'at index -1 both reads give undefined: the state test and the expiry test fail, and i (-1) is returned');
for (const code of ['const wasPending = i >= 0 && this.state[i] === Neigh.Pending;', 'if (i >= 0 && this.state[i] === Neigh.Pending) {']) {
  same('src/iface/neighbor.ts', code, 'i >= 0 && this.state[i] === Neigh.Pending', '(this.state[i] === Neigh.Pending)', 'at index -1 the state reads undefined, which is not Pending');
}
same('src/iface/neighbor.ts', 'for (let i = 0; i < this.size; i++) {\n      if (this.state[i] !== Neigh.Pending) continue;', '<', '<=', 'the entry past the end reads undefined: not Pending');
same('src/iface/neighbor.ts', 'if (t < 0 || r < t) t = r;', '<', '<=', 'a retry time is a request time (0 or more) plus retryMs (1 or more), so t is -1 or at least 1 (t <= 0 is t < 0); and on a tie of r and t either is the same time');
same('src/iface/neighbor.ts', 'if (t < 0 || r < t) t = r;', '0', '1', 'a retry time is a request time (0 or more) plus retryMs (1 or more): t is -1 or at least 1');
same('src/iface/neighbor.ts', 'let best = 0, bestTime = Infinity;', '0', '1', 'every entry\'s time is finite, so the loop always sets best');
same('src/iface/neighbor.ts', 'for (let i = 0; i < this.size; i++) {\n      const s = this.state[i];', '<', '<=', 'the entry past the end reads undefined: not empty, and its time compares false');
same('src/iface/neighbor.ts', 'for (let i = 0; i < this.size; i++) this.state[i] = Neigh.Empty;', '<', '<=', 'a write past the end of a typed array does nothing');

// src/iface/interface.ts
// The address fields' starting values: the constructor calls setAddress, which sets all four,
// before anything reads them.
// The constructor's last call, setAddress(), writes subnetBcast, prefix, netmask and gateway: their
// starting values are never read. Without its line prefix or gateway is made there, at the end of
// the property order: the same behaviour, only their place moves (test/tcp/fields.test.mjs checks
// the place of the fields read per frame, subnetBcast and netmask among them; prefix is read when
// an address is set, gateway when a route is chosen, per frame only toward the gateway).
for (const t of ['4294967296', '4294967294']) same('src/iface/interface.ts', ctorLine('subnetBcast', 'src/iface/interface.ts'), '0xffffffff', t, 'a starting value that the constructor\'s setAddress() replaces before any read');
for (const f of ['prefix', 'gateway']) {
  const line = ctorLine(f, 'src/iface/interface.ts');
  same('src/iface/interface.ts', line, line.slice(5, line.indexOf(';') + 1), ';', 'setAddress(), the constructor\'s last call, makes the field then, at the end of the property order: the same behaviour, a longer walk to a field that the TCP path does not read');
}
for (const [o, ts] of [['ipAddr = 0;', ['1']], ['prefix = 24;', ['25', '23']], ['netmask = 0;', ['1']], ['gateway = 0;', ['1']]]) {
  for (const t of ts) same('src/iface/interface.ts', ctorLine(o.slice(0, o.indexOf(' =')), 'src/iface/interface.ts'), o.slice(o.indexOf('= ') + 2, -1), t, 'a starting value that the constructor\'s setAddress() replaces before any read');
}
// poll's test before egress: egress with nothing dirty and no timer due visits nothing and moves
// the round-robin start by one, as the shortcut does, so a test that lets egress run more often
// changes only the speed. (Reading heap[1] instead of the earliest deadline is not one of these:
// test/iface/poll-timers.test.mjs kills it.)
{
  const code = 'if (set.ringLen !== 0 || (NO_ALLOC ? set.soonest >= 0 && set.soonest <= now : set.heapLen !== 0 && set.deadline[set.heap[0]] <= now)) {';
  const why = 'egress called with nothing dirty or due does what the shortcut does (visits none, moves scanFrom by one): only more often';
  same('src/iface/interface.ts', code, 'set.ringLen !== 0 || (NO_ALLOC ? set.soonest >= 0 && set.soonest <= now : set.heapLen !== 0 && set.deadline[set.heap[0]] <= now)', 'true', why);
  same('src/iface/interface.ts', code, 'set.heapLen !== 0 && set.deadline[set.heap[0]] <= now', '(set.heapLen !== 0)', why);
  same('src/iface/interface.ts', code, 'set.heapLen !== 0 && set.deadline[set.heap[0]] <= now', '(set.deadline[set.heap[0]] <= now)', why + ' (heap[0] of an empty heap is a stale slot: egress then finds nothing due)');
  same('src/iface/interface.ts', 'set.heapLen !== 0 && set.deadline[set.heap[0]]', '&&', '||', why);
  same('src/iface/interface.ts', 'set.soonest >= 0 && set.soonest <= now', '&&', '||', why + ' (NO_ALLOC: soonest is -1 or a time, so this holds always)');
  same('src/iface/interface.ts', code, 'set.soonest >= 0 && set.soonest <= now', '(set.soonest >= 0)', why);
  same('src/iface/interface.ts', code, 'set.soonest >= 0 && set.soonest <= now', '(set.soonest <= now)', why);
}
same('src/iface/interface.ts', 'mtu >= 576 - 0 &&', '-', '+', '576 + 0 is 576');
same('src/iface/interface.ts', 'config.ip === undefined ? 0 : config.ip', 'config.ip === undefined', 'false', 'addr() maps an undefined address to 0 itself');
// The seed drawn when none is given: any mix of Math.random() and the clock is a random seed.
for (const [o, t] of [['4294967296', '4294967297'], ['4294967296', '4294967295'], ['^', '&']]) {
  same('src/iface/interface.ts', '(Math.random() * 4294967296) ^ Date.now()', o, t, 'the unseeded start is random either way: no test can tell one random seed from another');
}
same('src/iface/interface.ts', 'this.rnd = (seed >>> 0) || 0x9e3779b9;', '>>>', '>>', 'xorshift32 works on the 32 bits alone (<<, >>> and ^ take them through ToInt32 / ToUint32): a negative rnd of the same bits gives the same numbers');
same('src/iface/interface.ts', ctorLine('arpRetryAt', 'src/iface/interface.ts'), '1', '2', 'arpRetryAt is only compared with 0 (< 0: none): -2 is none as -1 is');
// Starting at 0 instead: the first poll resets it to -1 (now >= 0) before its egress. Before that
// only processEthernet called directly can park a socket (set.current is set by processTcp and
// egress alone), and a socket found there (made by connect() or a SYN to a listener) is still
// dirty: the first egress visits it either way and a new NeighborPending sets arpRetryAt to the
// same nextRetry(). Tried: a SYN-ACK with a bad ACK to a connecting socket before the first poll,
// counters, frames, parked count and pollAt identical over 3 s.
same('src/iface/interface.ts', ctorLine('arpRetryAt', 'src/iface/interface.ts'), '1', '0', 'the first poll clears it before egress; a socket parked before that is dirty and visited in that egress either way');
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
same('src/iface/interface.ts', ctorLine('txDstMac', 'src/iface/interface.ts'), '1', '2', 'no MAC is negative: -2 differs from every destination as -1 does');
same('src/iface/interface.ts', ctorLine('txDstMac', 'src/iface/interface.ts'), '1', '0', 'txBuf starts zeroed: a first frame to MAC 0 finds those zeros already in place');

// Lines 296 on (processArp onwards).
same('src/iface/interface.ts', 'if (me === 0 || a.senderMac === MAC_BROADCAST || isMulticastMac(a.senderMac))', 'me === 0 || a.senderMac === MAC_BROADCAST', '(me === 0)', 'the broadcast MAC has the group bit set: isMulticastMac refuses it as well');
same('src/iface/interface.ts', 'return dst === me || dst === 0xffffffff || dst === this.subnetBcast;', 'dst === me || dst === 0xffffffff', '(dst === 0xffffffff)', 'forUs\'s one caller asks ip.dst !== this.ipAddr first: dst is never our address there');
same('src/iface/interface.ts', 'if (ip.dst !== this.ipAddr && !this.forUs(ip.dst) &&', 'ip.dst !== this.ipAddr && !this.forUs(ip.dst)', '(!this.forUs(ip.dst))', 'a short cut: forUs answers true for our own address itself');
// bcast = linkBroadcast || dst 255.255.255.255 || dst multicast || dst not ours: our address is
// neither (setAddress refuses 224/4 and 255.255.255.255), so the last clause holds for every
// limited broadcast and multicast destination and the middle two decide nothing.
const bcastWhy = 'our address is no multicast group nor 255.255.255.255 (setAddress refuses them): such a destination is never ours, so `ip.dst !== this.ipAddr` already makes it a broadcast';
for (const [code, o, t] of [['const bcast = linkBroadcast || ip.dst === 0xffffffff || (ip.dst >>> 28) === 14 || ip.dst !== this.ipAddr;', 'linkBroadcast || ip.dst === 0xffffffff', '(linkBroadcast)'],
  ['const bcast = linkBroadcast || ip.dst === 0xffffffff || (ip.dst >>> 28) === 14 || ip.dst !== this.ipAddr;', 'linkBroadcast || ip.dst === 0xffffffff || (ip.dst >>> 28) === 14', '(linkBroadcast || ip.dst === 0xffffffff)'],
  ['const bcast = linkBroadcast || ip.dst === 0xffffffff ||', '0xffffffff', '4294967296'], ['ip.dst === 0xffffffff || (ip.dst >>> 28) === 14', '||', '&&'],
  ['(ip.dst >>> 28) === 14 || ip.dst !== this.ipAddr;', '>>>', '>>'], ['(ip.dst >>> 28) === 14 || ip.dst !== this.ipAddr;', '28', '29']]) {
  same('src/iface/interface.ts', code, o, t, bcastWhy);
}
for (const [o, t] of [['this.set.rawCount > 0', 'true'], ['>', '>=']]) {
  same('src/iface/interface.ts', 'if (this.set.rawCount > 0) {', o, t, 'a short cut: with no raw socket nextRaw answers null at once');
}
same('src/iface/interface.ts', 'if (o !== null && o.kind === SocketKind.Tcp && o.listenPort === port) {', 'o !== null && o.kind === SocketKind.Tcp', '(o !== null)', 'only TCP sockets set listenPort (the others keep 0), and a parsed segment\'s port is never 0');
// sendIp's ARP retry time: t is the neighbour cache's next retry, taken just after shouldRequest
// left hop pending, so t >= now + arpRetryMs >= 1 (arpRetryMs is at least 1). arpRetryAt is -1
// or an earlier such minimum: entries' retry times only move later and new entries come later
// (time does not run backwards), so t < arpRetryAt never holds (t === arpRetryAt sets the same
// value) and arpRetryAt is never in 0..1. (Setting t over a smaller arpRetryAt is killed by
// test/iface/arp-retry.test.mjs: an evicted entry's socket keeps its retry time.)
for (const [o, t] of [['t >= 0 && (this.arpRetryAt < 0 || t < this.arpRetryAt)', '((this.arpRetryAt < 0 || t < this.arpRetryAt))'], ['>=', '>'], ['this.arpRetryAt < 0 || t < this.arpRetryAt', '(this.arpRetryAt < 0)']]) {
  same('src/iface/interface.ts', 'if (t >= 0 && (this.arpRetryAt < 0 || t < this.arpRetryAt)) this.arpRetryAt = t;', o, t, 'after shouldRequest the next retry t is at least arpRetryMs (>= 1), never below an arpRetryAt already set (retry times only move later)');
}
same('src/iface/interface.ts', 'if (t >= 0 && (', '0', '1', 'after shouldRequest the next retry t is at least arpRetryMs, which is at least 1');
same('src/iface/interface.ts', '(this.arpRetryAt < 0 || t < this.arpRetryAt)) this.arpRetryAt = t;', '<', '<=', 'arpRetryAt is -1 or at least arpRetryMs (1 or more), never 0; and t === arpRetryAt sets the same value');
same('src/iface/interface.ts', '(this.arpRetryAt < 0 || t < this.arpRetryAt)) this.arpRetryAt = t;', '0', '1', 'arpRetryAt is -1 or at least arpRetryMs (1 or more): never in 0..1');
// The IPv4 header written in sendIp: the sums are positive and below 2^21, so >> and >>> agree;
// every other shift feeds a byte of txBuf (a Uint8Array keeps the low 8 bits, which >> and >>>
// give alike).
same('src/iface/interface.ts', '    c = (c & 0xffff) + (c >>> 16);\n    c = ~', '>>>', '>>', 'c is a sum of ten 16-bit values: positive, below 2^31');
same('src/iface/interface.ts', '    c = ~((c & 0xffff) + (c >>> 16));', '>>>', '>>', 'c is folded once already: positive, below 2^17');
for (const line of ['buf[14] = 0x45; buf[15] = 0; buf[16] = total >>> 8; buf[17] = total;', 'buf[18] = id >>> 8; buf[19] = id; buf[20] = frag >>> 8; buf[21] = 0;',
  'buf[22] = 64; buf[23] = protocol; buf[24] = c >>> 8; buf[25] = c;', 'buf[26] = src >>> 24; buf[27] = src >>> 16; buf[28] = src >>> 8; buf[29] = src;',
  'buf[30] = dst >>> 24; buf[31] = dst >>> 16; buf[32] = dst >>> 8; buf[33] = dst;', 'buf[12] = type >>> 8;']) {
  same('src/iface/interface.ts', line, '>>>', '>>', 'stored into a Uint8Array, which keeps the low 8 bits: >> and >>> agree there');
}
// sendFrame's MAC cache: writing a MAC again that is already in place changes no byte.
for (const [code, o, t] of [['if (dst !== this.txDstMac) {', 'dst !== this.txDstMac', 'true'], ['      this.txDstMac = dst;\n', 'this.txDstMac = dst;', ';'],
  ['if (!this.txSrcMac) {', '!this.txSrcMac', 'true'], ['this.txSrcMac = true;', 'this.txSrcMac = true;', ';']]) {
  same('src/iface/interface.ts', code, o, t, 'a cache of the MACs in txBuf (nothing else writes bytes 0 to 11): writing the same MAC again changes no byte');
}
// The padding to 60 bytes: bytes at 60 and past are not sent (n is 60), and nothing reads them
// before the next frame writes its own.
same('src/iface/interface.ts', 'if (n < 60) {', '60', '61', 'at n = 60 the loop writes nothing and n stays 60');
for (const [o, t] of [['<', '<='], ['60', '61'], ['4', '3']]) {
  same('src/iface/interface.ts', 'for (let i = n; i < 60; i += 4) buf[i] = buf[i + 1] = buf[i + 2] = buf[i + 3] = 0;', o, t, 'bytes n to 59 are zeroed either way; the extra zeros land past byte 60, which is not sent and is rewritten by the next longer frame');
}
same('src/iface/interface.ts', 'if (n < 60) {', '<', '<=', 'at n = 60 the loop writes nothing and n stays 60');
// icmpError's "never about an ICMP error" guard: its two callers pass a UDP datagram (no socket)
// and an unknown protocol, never ICMP (protocol 1 goes to processIcmp), so the block never runs.
// Kept as the guard RFC 1122 3.2.2 asks for should a caller about ICMP come.
const icmpGuard = 'dead code: icmpError is called for UDP datagrams and unknown protocols only, never for ICMP (protocol 1)';
for (const [o, t] of [['ip.protocol === 1', 'false'], ['1', '2'], ['1', '0']]) same('src/iface/interface.ts', 'if (ip.protocol === 1) {\n      const t = buf[ipOff + ip.headerLen];', o, t, icmpGuard);
same('src/iface/interface.ts', 'const t = buf[ipOff + ip.headerLen];', '+', '-', icmpGuard);
for (const [o, t] of [['t !== IcmpType.EchoRequest && t !== IcmpType.EchoReply', 'true'], ['t !== IcmpType.EchoRequest && t !== IcmpType.EchoReply', 'false'],
  ['t !== IcmpType.EchoRequest && t !== IcmpType.EchoReply', '(t !== IcmpType.EchoRequest)'], ['t !== IcmpType.EchoRequest && t !== IcmpType.EchoReply', '(t !== IcmpType.EchoReply)'],
  ['!==', '==='], ['&&', '||'], ['return;', ';']]) {
  same('src/iface/interface.ts', 'if (t !== IcmpType.EchoRequest && t !== IcmpType.EchoReply) return;', o, t, icmpGuard);
}
for (const [o, t] of [['this.icmpRate > 0', 'true'], ['>', '>=']]) {
  same('src/iface/interface.ts', 'if (this.icmpRate > 0) {', o, t, 'at rate 0 the refill is floor(elapsed * 0 / 1000) = 0: no token, as without the refill');
}
same('src/iface/interface.ts', 'if (quote > ip.headerLen + ip.payloadLen) quote =', '>', '>=', 'at equality the quote is set to the value it has');
// The ICMP error is Destination Unreachable with code 2 or 3: emitIcmpv4 writes ident and seq for
// echo messages only and the MTU for code 4 only, so these fields of the shared repr are not read.
for (const [code, o, t] of [['m.ident = 0;', 'm.ident = 0;', ';'], ['m.ident = 0;', '0', '1'], ['m.seq = 0;\n    m.mtu', 'm.seq = 0;', ';'], ['m.seq = 0;\n    m.mtu', '0', '1'],
  ['m.mtu = 0;\n    m.payloadLen = quote;', 'm.mtu = 0;', ';'], ['m.mtu = 0;\n    m.payloadLen = quote;', '0', '1']]) {
  same('src/iface/interface.ts', code, o, t, 'an ICMP error is Destination Unreachable code 2 or 3: emitIcmpv4 reads ident and seq for echoes only, the MTU for code 4 only');
}
same('src/iface/interface.ts', '(t.flags & TcpFlag.Fin ? 1 : 0)) >>> 0;', '>>>', '>>', 'emitTcp stores the acknowledgment number byte by byte into a Uint8Array: the same 32 bits either way');
// txTcp is written by sendRst alone, which sets these fields every time to the values
// createTcpRepr starts with (no options, no payload, window and urgent pointer 0).
for (const st of ['o.window = 0;', 'o.urgent = 0;', 'o.mss = 0;', 'o.wscale = -1;', 'o.sackPermitted = false;', 'o.hasTimestamp = false;', 'o.sackCount = 0;', 'o.payloadLen = 0;']) {
  same('src/iface/interface.ts', '    ' + st + '\n', st, ';', 'txTcp is written by sendRst alone, which always sets this field to the starting value createTcpRepr gave it');
}
same('src/iface/interface.ts', '    o.wscale = -1;\n', '1', '2', 'emitTcp writes a window scale option only for wscale >= 0: -2 is none as -1 is');

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
  same('src/wire/tcp.ts', '    i = end;\n  }\n  if (i < end) {', 'i = end;', ';', 'the option loop then reads the same NOP NOP Timestamp again into the same fields');
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

// src/socket/tcp.ts lines 659-822 and changed lines
// predicted()'s window update: the shortcut takes only ACKs at or past sndUna, and sndWl2 is never
// past sndUna (the ack of an accepted segment; sndUna moves to any ack beyond it), so its ack
// clause always holds and the test is seq >= sndWl1; x | 1 has the sign of x.
{
  const why = 'in the shortcut ack >= sndUna >= sndWl2, so the ack clause always holds (the test is seq >= sndWl1), and (x | 1) has the sign of x';
  same('src/socket/tcp.ts', '((seq - this.sndWl1) | 0) > 0 ||', '>', '>=', why);
  same('src/socket/tcp.ts', '(seq - this.sndWl1) | 0', '0', '1', why);
  same('src/socket/tcp.ts', 'if (((seq - this.sndWl1) | 0) > 0 || (seq === this.sndWl1 && ((ack - this.sndWl2) | 0) >= 0)) {',
    'seq === this.sndWl1 && ((ack - this.sndWl2) | 0) >= 0', '(seq === this.sndWl1)', why);
  same('src/socket/tcp.ts', '((ack - this.sndWl2) | 0) >= 0', '|', '&', why);
  same('src/socket/tcp.ts', '(ack - this.sndWl2) | 0', '0', '1', why);
}
for (const [o, t] of [['acked < tx.length', 'true'], ['<', '<=']]) {
  same('src/socket/tcp.ts', 'tx.consume(acked < tx.length ? acked : tx.length);', o, t,
    'in ESTABLISHED with the SYN acknowledged and no FIN sent every acknowledged sequence number is a byte of the ring (acked <= flight <= tx.length): both arms consume acked');
}
for (const [o, t] of [['this.sacks.count > 0', 'true'], ['>', '>=']]) {
  same('src/socket/tcp.ts', 'if (this.sacks.count > 0) this.sacks.trim(ack);', o, t, 'trim() of an empty scoreboard does nothing (its loop needs count > 0)');
}
for (const [o, t] of [['0', '1'], ['<', '<=']]) {
  same('src/socket/tcp.ts', 'if (((this.sndNxt - ack) | 0) < 0) this.sndNxt = ack;', o, t,
    '(x | 1) < 0 exactly when x < 0; x < 1 and x <= 0 differ only at x = 0, where sndNxt is ack already');
}
for (const [o, t] of [['tx.length > 0', 'true'], ['>', '>=']]) {
  same('src/socket/tcp.ts', 'if (tx.length > 0) {\n        this.set!.markDirty(this);', o, t,
    'an egress visit with nothing queued sends only what is due then (sendData returns at once; the ACK, keep-alive and timer tests act only when due, and a due socket is visited in the same poll anyway), and its dispatch schedules the timers that afterChange, skipped then, would have');
}
same('src/socket/tcp.ts', 'const r = this.ts.ok ? this.ts.rtt(t, now) : -1;', '1', '2', 'r is tested with >= 0 only: -2 means no sample as -1 does');
// predicted's `visit`: it only spares afterChange when the socket was marked dirty; calling it
// anyway repeats work (its markDirty finds the socket dirty, its schedule the visit's dispatch
// does again in the same poll), so the mutants that call it more often change nothing but time.
const VISIT = 'afterChange on a socket already marked dirty: its schedule is done again by the visit\'s dispatch in the same poll, its markDirty finds the socket dirty';
same('src/socket/tcp.ts', 'let visit = n > 0;', '0', '1', VISIT + ' (a 1-byte segment still marked the socket dirty)');
same('src/socket/tcp.ts', 'this.set!.markDirty(this);\n        visit = true;', 'visit = true;', ';', VISIT);
same('src/socket/tcp.ts', 'if (!visit) this.afterChange(now);', '!visit', 'true', VISIT);
same('src/socket/tcp.ts', 'if (this.ts.ok) this.ts.seen(t, now);\n    if (n > 0) {', 'this.ts.ok', 'true',
  'TS.Recent (what seen() keeps) is read only once timestamps are agreed (PAWS, the echo), and onSyn, which alone agrees them, sets it');
same('src/socket/tcp.ts', 'if (this.ackDelayMs === 0 || this.fullSegs >= 2) {', 'this.ackDelayMs === 0 || this.fullSegs >= 2', '(this.fullSegs >= 2)',
  'with ackDelay 0 the delayed ACK is due at once (ackAt = now) and the socket is marked dirty: the egress of the same poll sets AckNow from it and sends the same ACK');
for (const [o, t] of [['<', '<='], ['0', '1']]) {
  same('src/socket/tcp.ts', '} else if (this.ackAt < 0) this.ackAt = now + this.ackDelayMs;\n      this.set!.markDirty(this);\n    }\n    this.idleAt', o, t,
    'ackAt is -1, now + ackDelay (ackDelay > 0 here: at least 1 for delays of whole ms) or 0 after an ACK refused at time 0, which leaves AckNow set (emit clears both only on success) so the ACK goes at the next visit whatever ackAt holds; `< 1` differs further only for a delay below 1 ms in the first millisecond');
}
// onListen: the interface hands a listener only segments whose SYN, ACK and RST bits are exactly
// SYN (processTcp calls findListener only then), so its RST and ACK branches never run and the SYN
// test always passes. The stray-ACK branch is kept as a guard.
{
  const why = 'the interface gives a listener only segments whose SYN/ACK/RST bits are exactly SYN: this branch never runs (or this test always passes)';
  same('src/socket/tcp.ts', 'if (fl & TcpFlag.Rst) return DROP;\n    if (fl & TcpFlag.Ack) {\n      // An ACK to a listener', 'fl & TcpFlag.Rst', 'false', why);
  same('src/socket/tcp.ts', 'if (fl & TcpFlag.Ack) {\n      // An ACK to a listener', 'fl & TcpFlag.Ack', 'false', why);
  const stray = '      this.remoteAddr = ip.src;\n      this.remotePort = t.srcPort;\n      const la = this.localAddr;\n      this.localAddr = ip.dst;\n      this.sendRstFor(t);\n      this.localAddr = la;\n      this.remoteAddr = 0;\n      this.remotePort = 0;';
  for (const s of ['this.remoteAddr = ip.src;', 'this.remotePort = t.srcPort;', 'this.localAddr = ip.dst;', 'this.sendRstFor(t);', 'this.localAddr = la;', 'this.remoteAddr = 0;', 'this.remotePort = 0;']) same('src/socket/tcp.ts', stray, s, ';', why);
  same('src/socket/tcp.ts', stray, '0', '1', why);
  same('src/socket/tcp.ts', 'if (!(fl & TcpFlag.Syn)) return DROP;\n    const set = this.set!;', '!(fl & TcpFlag.Syn)', 'false', why);
  same('src/socket/tcp.ts', 'if (!(fl & TcpFlag.Syn)) return DROP;\n    const set = this.set!;', '&', '|', why);
}
same('src/socket/tcp.ts', ctorLine('listenAddr'), '0', '1', 'listen() sets listenAddr together with listenPort, and listenBusy reads it only for a socket whose listenPort matches a port (never 0)');
same('src/socket/tcp.ts', 'this.listenAddr = this.localAddr;\n    this.localAddr = ip.dst;', 'this.listenAddr = this.localAddr;', ';',
  'listen() (the only way into LISTEN, also the way back from SYN-RECEIVED) set listenAddr to this same localAddr, which a listener keeps');
{
  const half = '      this.localAddr = this.listenAddr;\n      this.remoteAddr = 0;\n      this.remotePort = 0;\n      set.rekey(this, TableKind.TcpListen);';
  const why = 'unreachable: rekey to the tuple fails only on a clash, and the interface gave this SYN to the listener because findTcp found no socket with that tuple';
  for (const s of ['this.localAddr = this.listenAddr;', 'this.remoteAddr = 0;', 'this.remotePort = 0;', 'set.rekey(this, TableKind.TcpListen);']) same('src/socket/tcp.ts', half, s, ';', why);
  same('src/socket/tcp.ts', half, '0', '1', why);
}
{
  const why = 'nothing reads sndWnd or sndWl1 in SYN-RECEIVED (sendData returns there; onAck runs only after the ACK completing the handshake has set sndWnd, sndWl1 and sndWl2 from itself)';
  same('src/socket/tcp.ts', 'this.sndWnd = t.window; // unscaled in a SYN\n    this.sndWl1 = t.seq;', 'this.sndWnd = t.window;', ';', why);
  same('src/socket/tcp.ts', 'this.sndWnd = t.window; // unscaled in a SYN\n    this.sndWl1 = t.seq;', 'this.sndWl1 = t.seq;', ';', why);
  same('src/socket/tcp.ts', '// Simultaneous open: our SYN crossed theirs.\n      this.sndWnd = t.window;', 'this.sndWnd = t.window;', ';', why);
}
same('src/socket/tcp.ts', 'this.sndMss = theirs < ours ? theirs : ours;', '<', '<=', 'at theirs = ours both arms give the same');
same('src/socket/tcp.ts', '      this.sndShift = 0;\n      this.rcvShift = 0;\n      this.flags |= Flag.PeerNoScale;', 'this.sndShift = 0;', ';',
  'clearConnection() (listen, connect, the return to LISTEN) set sndShift to 0, and synOptions() runs once per connection');
for (const [o, t] of [['this.sndWnd = t.window << this.sndShift;', ';'], ['<<', '>>']]) {
  same('src/socket/tcp.ts', 'if (fl & TcpFlag.Ack) {\n      this.sndWnd = t.window << this.sndShift;\n      this.onAck(now, t);', o, t,
    'onAck() of the same segment, with sndWl1/sndWl2 just set to its seq/ack, takes its window again, unscaled since it carries SYN (RFC 7323 2.2), over this value');
}
for (const t of ['2147483648', '2147483646']) {
  same('src/socket/tcp.ts', 'this.ssthresh = 0x7fffffff;', '0x7fffffff', t,
    'ssthresh is only compared with cwnd and copied (no int32 arithmetic), and cwnd stays far below 2^31 (it grows only while it limits a sender whose flight is at most the send ring)');
}
same('src/socket/tcp.ts', 'this.ssthresh = 0x7fffffff;\n    this.idleAt = this.idleMs > 0 ? now + this.idleMs : -1;', '1', '2', 'idleAt is only tested for >= 0: -2 means off as -1 does');
// initialWindow(): sndMss is a whole number, so moving a bound by one changes a test only at
// m = 1460 (10 m = 14600) or m = 7300 (2 m = 14600), where both arms give 14600.
for (const [code, o, t] of [['10 * m < 14600 ?', '<', '<='], ['10 * m < 14600 ?', '14600', '14601'], ['10 * m < 14600 ?', '14600', '14599'],
  ['2 * m > 14600 ?', '>', '>='], ['2 * m > 14600 ?', '14600', '14601'], ['2 * m > 14600 ?', '14600', '14599']]) {
  same('src/socket/tcp.ts', code, o, t, 'sndMss is whole: the test moves only at m = 1460 or 7300, where both arms give 14600');
}
{
  const why = 'minRtt is 0 (no sample) or positive and now >= rtxAt: with min 0 the time test (now - rtxAt) * 4 < 0 fails anyway';
  same('src/socket/tcp.ts', '((min > 0 && (now - this.rtxAt) * 4 < min * 3) ||', 'min > 0 && (now - this.rtxAt) * 4 < min * 3', '((now - this.rtxAt) * 4 < min * 3)', why);
  same('src/socket/tcp.ts', '((min > 0 && (now', '>', '>=', why);
}
same('src/socket/tcp.ts', 'if (seqGt(x, una)) p += seqDiff(x, una) - sacks.below(una, x);', 'seqGt(x, una)', 'true',
  'x is at least sndUna (the line above clamps it there): at x = sndUna the sum adds 0 (seqDiff 0, nothing SACKed between)');

// src/socket/tcp.ts lines 821-1476
// sendRstFor: both callers (a listener's ACK, SYN-SENT's bad ACK) pass only segments with ACK set.
for (const [o, t] of [['t.flags & TcpFlag.Ack', 'true'], ['&', '|']]) {
  same('src/socket/tcp.ts', 'if (t.flags & TcpFlag.Ack) this.sendControl(TcpFlag.Rst, t.ack);', o, t, 'both callers of sendRstFor pass only segments with ACK set: the else branch never runs');
}
// Its else branch (a segment without ACK) is therefore never run: each of its mutants is dead code.
{
  const elseRst = 'const save = this.rcvNxt;\n      this.rcvNxt = seqAdd(t.seq, t.payloadLen + (t.flags & TcpFlag.Syn ? 1 : 0) + (t.flags & TcpFlag.Fin ? 1 : 0));\n      this.sendControl(TcpFlag.Rst | TcpFlag.Ack, 0);\n      this.rcvNxt = save;';
  for (const [o, t] of [
    ['this.rcvNxt = seqAdd(t.seq, t.payloadLen + (t.flags & TcpFlag.Syn ? 1 : 0) + (t.flags & TcpFlag.Fin ? 1 : 0));', ';'],
    ['+', '-'], ['t.flags & TcpFlag.Syn', 'true'], ['t.flags & TcpFlag.Syn', 'false'], ['&', '|'], ['1', '2'], ['1', '0'], ['0', '1'],
    ['t.flags & TcpFlag.Fin', 'true'], ['t.flags & TcpFlag.Fin', 'false'],
    ['this.sendControl(TcpFlag.Rst | TcpFlag.Ack, 0);', ';'], ['|', '&'], ['this.rcvNxt = save;', ';'],
  ]) same('src/socket/tcp.ts', elseRst, o, t, 'dead code: both callers of sendRstFor pass only segments with ACK set, so this branch never runs');
}
// onAck's clamp of the bytes a FIN's acknowledgment covers: ByteRing.consume clamps to its length too.
for (const [o, t] of [['bytes > this.tx.length', 'false'], ['>', '>='], ['bytes = this.tx.length;', ';']]) {
  same('src/socket/tcp.ts', 'if (bytes > this.tx.length) bytes = this.tx.length;', o, t, 'ByteRing.consume clamps n to its length itself');
}

for (const [o, t] of [['0', '1'], ['>=', '>']]) same('src/socket/tcp.ts', 'if (this.rtxAt >= 0 && seqGe(ack, this.rtxEnd)) this.spuriousCheck(t, now);', o, t, 'rtxAt is 0 only for a retransmission at time 0, before any RTT sample could be taken (minRtt 0) and with no timestamp echo older than it: spuriousCheck then only clears rtxAt, which nothing reads before the next fast retransmit sets it but the header prediction test (the full path does the same)');

// RTT samples: RttEstimator.sample ignores a negative sample, and rttTime is tested only for >= 0 / < 0.
same('src/socket/tcp.ts', 'const r = ofSyn ? -1 : this.ts.rtt(t, now);', '1', '2', 'RttEstimator.sample returns at once for a negative sample: -2 is ignored as -1 is');
same('src/socket/tcp.ts', 'if (r >= 0) this.rtt.sample(r, expectedSamples(', 'r >= 0', 'true', 'RttEstimator.sample returns at once for a negative sample');
same('src/socket/tcp.ts', 'this.rtt.sample(now - this.rttTime);\n        this.rttTime = -1;', '1', '2', 'rttTime is only tested for >= 0 (and < 0): -2 means none as -1 does');
// afterAck, which follows every onAck but for a socket closed or in LAST-ACK, sets probes to 0;
// probes counts keep-alive probes, sent only in ESTABLISHED.
for (const [o, t] of [['this.probes = 0;', ';'], ['0', '1']]) {
  same('src/socket/tcp.ts', 'this.persistAt = -1;\n      this.probes = 0;', o, t, 'afterAck sets probes to 0 after every onAck but in LAST-ACK or CLOSED, where no keep-alive probe goes');
}
// Our FIN acknowledged: it is sent only in FIN-WAIT-1, CLOSING and LAST-ACK, and the first ACK
// past it moves the socket out of them, so a later ACK never finds it again.
same('src/socket/tcp.ts', 'else if (this.state === TcpState.LastAck) {\n          this.toClosed(0);', 'this.state === TcpState.LastAck', 'true', 'our FIN is sent only in FIN-WAIT-1, CLOSING and LAST-ACK; the first ACK past it leaves those states, so the last arm is reached only in LAST-ACK');
same('src/socket/tcp.ts', 'else if (this.state === TcpState.LastAck) {\n          this.toClosed(0);', '0', '1', 'toClosed records only negative errors: 0 and 1 both leave none');
same('src/socket/tcp.ts', 'this.toClosed(0);\n          return;\n        }\n      }\n    } else if (acked === 0', 'return;', ';', 'after toClosed the rest of onAck does nothing seen: a closed socket is not synchronized (no SACK loss check), and a visit to it sends nothing');

// onAck's call of sackShowsLoss: the scoreboard is filled only with sackOk (onSack), is empty
// before any data (not synchronized), and in recovery sndUna is below recover, which
// sackShowsLoss requires it not to be: without those clauses it finds nothing.
{
  const c = 'if (t.sackCount > 0 && this.sackOk && !this.inRecovery && this.synchronized()) this.sackShowsLoss();';
  same('src/socket/tcp.ts', c, 't.sackCount > 0 && this.sackOk', '(t.sackCount > 0)', 'without SACK the scoreboard stays empty (onSack runs only with sackOk): sackShowsLoss finds nothing');
  same('src/socket/tcp.ts', c, 't.sackCount > 0 && this.sackOk && !this.inRecovery', '(t.sackCount > 0 && this.sackOk)', 'in recovery sndUna is below recover (the recovery ends once it reaches it), and sackShowsLoss requires sndUna >= recover');
  same('src/socket/tcp.ts', c, 't.sackCount > 0 && this.sackOk && !this.inRecovery && this.synchronized()', '(t.sackCount > 0 && this.sackOk && !this.inRecovery)', 'before the connection is synchronized no data was sent: the scoreboard is empty and sackShowsLoss finds nothing');
}

// The visit asked for after an ACK when data or a FIN waits: an extra visit sends only what is
// due (sendData returns at once with nothing queued and no FIN; ACKs and timers go by their own
// flags and times).
for (const [o, t] of [['this.tx.length > 0 || (this.flags & Flag.FinQueued)', 'true'], ['>', '>='], ['&', '|']]) {
  same('src/socket/tcp.ts', 'if (this.tx.length > 0 || (this.flags & Flag.FinQueued)) this.set!.markDirty(this);\n  }', o, t, 'an extra visit sends only what is due: with nothing queued and no FIN sendData returns at once, and ACKs and timers go by their own flags and times');
}
same('src/socket/tcp.ts', 'if (this.finSeq >= 0 && seqGt(this.sndMax, this.finSeq)) this.flags |= Flag.FinSent;', 'this.finSeq >= 0 && seqGt(this.sndMax, this.finSeq)', '(this.finSeq >= 0)', 'finSeq is set when the FIN is sent, with sndMax one past it, and sndMax never goes back: finSeq >= 0 implies sndMax > finSeq');

// rtxAt / rtxEnd's starting values: rtxEnd is read only while rtxAt >= 0, and rtxAt only by
// spuriousCheck, which undoes only in recovery; every recovery starts in fastRetransmit, which sets
// rtxAt = -2 (a timeout sets -1): the value before the first recovery is never used to undo.
same('src/socket/tcp.ts', ctorLine('rtxAt'), '1', '2', 'rtxAt before the first fast retransmit is read only by spuriousCheck, which undoes only in a recovery, and fastRetransmit sets rtxAt = -2 when one starts; timing a loss probe at sndUna outside recovery only clears it again');
same('src/socket/tcp.ts', ctorLine('rtxEnd'), '0', '1', 'rtxEnd is read only while rtxAt >= 0, and is set with it');

same('src/socket/tcp.ts', 'this.cwnd = this.cwnd > acked ? this.cwnd - acked + mss : mss;', '>', '>=', 'at cwnd = acked both arms give one MSS');


same('src/socket/tcp.ts', 'private undoRecovery(): void {\n    this.sacks.rtxN = -1;', '1', '2', 'SackBoard tests rtxN < 0 (retransmitted) and <= 0 (dsack): -2 closes the record as -1 does');

same('src/socket/tcp.ts', 'private undoRecovery(): void {\n    this.sacks.rtxN = -1;', '1', '0', 'after an undo inRecovery is false, so sendData records no retransmission (rtxN 0 stays 0), dsack answers false for rtxN <= 0, and the next recovery sets rtxN = 0 itself');
for (const [o, t] of [['this.rtxAt = -1;', ';'], ['1', '2'], ['1', '0']]) {
  same('src/socket/tcp.ts', 'this.sacks.rtxN = -1;\n    this.rtxAt = -1;', o, t, 'after an undo the recovery is over: spuriousCheck (the only reader of rtxAt) undoes only in a recovery, and the next one starts in fastRetransmit, which sets rtxAt = -2');
}
same('src/socket/tcp.ts', 'if (this.cwnd < this.priorCwnd) this.cwnd = this.priorCwnd;', '<', '<=', 'at cwnd = priorCwnd both keep the same value');
same('src/socket/tcp.ts', 'if (this.ssthresh < this.priorSsthresh) this.ssthresh = this.priorSsthresh;', '<', '<=', 'at ssthresh = priorSsthresh both keep the same value');

for (const [o, t] of [['seqLt(l, this.sndUna)', 'false'], ['l = this.sndUna;', ';']]) same('src/socket/tcp.ts', 'if (seqLt(l, this.sndUna)) l = this.sndUna;', o, t, 'a range starting below sndUna reads as one starting at it everywhere: below() and hole() clamp starts to their from, high() reads ends, trim() drops by end (a partial ACK leaves such ranges in the original too)');

same('src/socket/tcp.ts', 'if (flight <= 0) {\n      this.rtoAt = -1;', '1', '2', 'rtoAt is only tested for >= 0 (or < 0): -2 means off as -1 does');

same('src/socket/tcp.ts', 'if ((!this.inRecovery || this.sackOk) && !(this.flags & Flag.TlpDone) && this.rtt.srtt > 0 && this.synchronized()) {', '(!this.inRecovery || this.sackOk) && !(this.flags & Flag.TlpDone) && this.rtt.srtt > 0 && this.synchronized()', '((!this.inRecovery || this.sackOk) && !(this.flags & Flag.TlpDone) && this.rtt.srtt > 0)', 'armTimer finds data in flight only in synchronized states: sendData sends nothing before ESTABLISHED, the SYN\'s timer is set in dispatch, and the SYN-ACK\'s ACK leaves no flight');

for (const [o, t] of [['>', '>='], ['0', '1']]) {
  same('src/socket/tcp.ts', 'if (pto > 0) {\n        this.rtoAt = now + pto;', o, t, 'probeTimeout returns -1 or at least 10');
}
same('src/socket/tcp.ts', 'this.sndNxt = seqGe(last, this.sndUna) && seqLt(last, this.sndMax) ? last : this.sndUna;', 'seqGe(last, this.sndUna) && seqLt(last, this.sndMax)', '(seqGe(last, this.sndUna))', 'lastSeq is the start of a segment of new data (or of a lone FIN) sent, and sndMax moved past it then and never goes back: lastSeq < sndMax always holds when a probe goes');
same('src/socket/tcp.ts', 'this.rttTime = -1; // Karn: the timed segment may be the one sent again', '1', '2', 'rttTime is only tested for >= 0 (and < 0): -2 means none as -1 does');

// Starting values that initSend (every open, active or passive) sets before any read: highRxt,
// lastSeq, rtxMark, cwndUsed, sndSml = the ISN; ackedBytes = 0 (with the other counters).
for (const f of ['rtxMark', 'sndSml', 'lastSeq', 'cwndUsed', 'ackedBytes']) {
  same('src/socket/tcp.ts', ctorLine(f), '0', '1', 'initSend sets it on every open (active or passive), before anything reads it');
}

// congestionOnAck's refresh of the marks left behind: it moves only recover, sndSml and cwndUsed
// that are at or behind the ACK's start, where each reads as it would at that start (seqGe(sndUna,
// recover) holds, no short segment is in flight, no later ACK grows cwnd through them); so taking
// them up one ACK sooner or later (the bound moved by one) changes nothing while they stay within
// 2^31 bytes, which a bound of 16 MiB +- 1 and windows below 2^30 keep.
for (const [o, t] of [['>', '>='], ['0x1000000', '16777217'], ['0x1000000', '16777215']]) {
  same('src/socket/tcp.ts', 'if (seqDiff(from, this.recover) > 0x1000000) {', o, t, 'the refresh moves only marks at or behind the ACK\'s start, which read there as at that start: one ACK sooner or later changes nothing while they stay within 2^31 bytes');
}

for (const t of ['2', '0']) same('src/socket/tcp.ts', ctorLine('finSeq'), '1', t, 'reset() sets finSeq = -1 on every open, before anything reads it');
same('src/socket/tcp.ts', 'this.set!.markDirty(this);\n      return;\n    }\n    // `recover` holds', 'return;', ';', 'in recovery sndUna is below recover, so the fast retransmit test after it fails, and the markDirty after it repeats the one before');

// onDupAck's visits: onAck, which calls it, ends with markDirty whenever data or a FIN waits, and a
// duplicate ACK needs something in flight (in the ring, or a FIN queued).
same('src/socket/tcp.ts', 'if (!this.sackOk) this.cwnd += mss; // NewReno inflation; with SACK the pipe counts instead\n      this.set!.markDirty(this);', 'this.set!.markDirty(this);', ';', 'onAck marks the socket dirty after it whenever data or a FIN waits, which a duplicate ACK (something in flight) implies');
same('src/socket/tcp.ts', 'this.fastRetransmit(thresh);\n    // Limited transmit (RFC 3042) lets the first two duplicates each send one new segment.\n    this.set!.markDirty(this);', 'this.set!.markDirty(this);', ';', 'onAck marks the socket dirty after it whenever data or a FIN waits, which a duplicate ACK (something in flight) implies');
same('src/socket/tcp.ts', 'return unsent > 0 && this.sndWnd - flight >= (unsent < this.sndMss ? unsent : this.sndMss);', '<', '<=', 'at unsent = MSS both arms give the same');

same('src/socket/tcp.ts', 'this.fastRetransmit(thresh);\n      this.set!.markDirty(this);', 'this.set!.markDirty(this);', ';', 'sackShowsLoss runs from onAck, which marks the socket dirty after it whenever data or a FIN waits (here data is in flight)');

same('src/socket/tcp.ts', 'this.ssthresh = Math.max(Math.floor((flight > this.cwnd ? flight : this.cwnd) * 0.7), 2 * mss);', '>', '>=', 'at flight = cwnd both arms give the same');

for (const [o, t] of [['bytes > 0', 'true'], ['>', '>=']]) {
  same('src/socket/tcp.ts', 'if (bytes > 0) this.tx.consume(bytes);', o, t, 'bytes is acked less the SYN\'s one, never negative: consume(0) does nothing');
}

same('src/socket/tcp.ts', 'if ((!this.inRecovery || this.sackOk) && !(this.flags & Flag.TlpDone) && this.rtt.srtt > 0 && this.synchronized()) {', '(!this.inRecovery || this.sackOk) && !(this.flags & Flag.TlpDone)', '((!this.inRecovery || this.sackOk))', 'TlpDone is set only by the loss probe (timerDue), which also sets rtoAt; armTimer is then called only after something clears TlpDone (an ACK of new data, fastRetransmit, the timeout) or with TlpArmed set (which the probe clears), so the clause never decides');
same('src/socket/tcp.ts', 'this.stats[TcpStat.FastRetransmits]++;\n    // The recovery has its own probe, though the flight\'s tail loss probe went already.\n    this.flags &= ~(Flag.TlpArmed | Flag.TlpDone);\n    this.rtoAt = -1;', 'this.rtoAt = -1;', ';', 'armTimer just after sets rtoAt in every branch (data is in flight in a fast retransmit)');
for (const t of ['2', '0']) same('src/socket/tcp.ts', 'this.flags &= ~(Flag.TlpArmed | Flag.TlpDone);\n    this.rtoAt = -1;', '1', t, 'armTimer just after sets rtoAt in every branch (data is in flight in a fast retransmit)');
same('src/socket/tcp.ts', 'this.sacks.rtxN = this.sacks.rtxSeen = 0; // D-SACKs of its retransmissions may undo it\n    this.rttTime = -1;', '1', '2', 'rttTime is only tested for >= 0 (and < 0): -2 means none as -1 does');

same('src/socket/tcp.ts', 'const dup = seqDiff(this.rcvNxt, seq);\n    if (dup > 0) {', '>', '>=', 'with dup 0 the trim changes nothing: n and off stay, seq is rcvNxt already');
for (const [o, t] of [['dup >= n', 'false'], ['>=', '>']]) {
  same('src/socket/tcp.ts', 'if (dup >= n) {\n        n = 0;', o, t, 'n - dup is then at most 0, which every later use treats as no data (n > 0 tests); a FIN past it is new only when dup = n');
}
for (const [o, t] of [['n < 0', 'false'], ['<', '<='], ['0', '1']]) {
  same('src/socket/tcp.ts', 'if (n < 0)', o, t, 'both later uses of n test n > 0 first: a negative n means no data as 0 does');
}

same('src/socket/tcp.ts', 'if (this.ackDelayMs === 0 || this.fullSegs >= 2 || this.ooo.count > 0) {', 'this.ackDelayMs === 0 || this.fullSegs >= 2', '(this.fullSegs >= 2)', 'with ackDelay 0 the else arm sets ackAt = now (ackAt is -1 then: only a delay > 0 sets it), and the visit onData asks for sends the ACK as due (now >= ackAt)');

for (const [o, t] of [['<', '<='], ['0', '1']]) {
  same('src/socket/tcp.ts', '} else if (this.ackAt < 0) this.ackAt = now + this.ackDelayMs;\n      }\n      if (finOk', o, t, 'ackAt is -1 or now + ackDelay with a delay above 0 (a delay of 0 takes the other arm): never 0');
}

same('src/socket/tcp.ts', '      this.sendControl(TcpFlag.Ack, this.sndNxt);\n    }\n    this.set!.markDirty(this);\n  }', 'this.set!.markDirty(this);', ';', 'what onData owes is an ACK (AckNow, which afterChange right after turns into a visit) or the delayed-ACK time (which afterChange schedules): the extra visit finds nothing else to do');

same('src/socket/tcp.ts', '} else if (this.state === TcpState.FinWait2) this.enterTimeWait(now);', 'this.state === TcpState.FinWait2', 'true', 'onData (the only caller of onFin) runs only in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2: the earlier arms take the first two');
// enterTimeWait's timer resets: TIME-WAIT is entered once our FIN is acknowledged (flight 0: armTimer
// has set rtoAt to -1, and nothing is left to probe a window for), and afterAck, which follows
// both ways in (onFin from onData, onAck's FIN check), sets idleAt again after it.
for (const [o, t] of [['this.rtoAt = this.persistAt = this.idleAt = -1;', ';'], ['1', '2'], ['1', '0']]) {
  same('src/socket/tcp.ts', 'this.state = TcpState.TimeWait;\n    this.rtoAt = this.persistAt = this.idleAt = -1;', o, t, 'TIME-WAIT comes after our FIN is acknowledged (armTimer set rtoAt to -1 then, nothing is left for the persist timer), and afterAck sets idleAt again right after');
}

same('src/socket/tcp.ts', 'const set = this.set;\n    if (set === null) return;\n    if (this.flags & (Flag.AckNow | Flag.WinUpdate)) set.markDirty(this);', 'set === null', 'false', 'afterChange runs only from process() (afterAck, the predicted path, SYN-SENT), which the set calls: set is never null there');
for (const [o, t] of [['this.flags & (Flag.AckNow | Flag.WinUpdate)', 'true'], ['&', '|']]) {
  same('src/socket/tcp.ts', 'if (this.flags & (Flag.AckNow | Flag.WinUpdate)) set.markDirty(this);\n    else set.schedule(this, this.nextTimer());', o, t, 'an extra visit sends only what is due: data by the windows, ACKs by their flags, timers by their times; and its dispatch schedules the timers');
}

// nextTimer: ackAt, persistAt and idleAt are -1 or now plus a positive delay (ackDelay > 0 where it
// is set, the RTO at least 1 ms, keepAlive > 0 where it is set): never 0; equal times give the same t.
for (const v of ['a', 'p', 'i']) {
  for (const [o, t] of [['>=', '>'], ['0', '1']]) same('src/socket/tcp.ts', 'if (' + v + ' >= 0 &&', o, t, v + ' is -1 or now plus a positive delay: never 0');
  same('src/socket/tcp.ts', '|| ' + v + ' < t)) t = ' + v + ';', '<', '<=', 'at equal times both keep the same t');
}

// nextTimer's TIME-WAIT clause: waitAt is >= 0 only in TIME-WAIT, where dispatch reads no other
// timer (its TIME-WAIT branch closes at waitAt and schedules waitAt itself): taking waitAt even when
// another timer is earlier, or at equal or positive times, changes nothing that is read.
// And every segment that reaches afterChange in TIME-WAIT went through onAck, which marks the
// socket dirty (FinQueued stays set): the visit schedules waitAt whatever nextTimer said.
for (const [o, t] of [['w >= 0 && (t < 0 || w < t)', '(w >= 0)'], ['>=', '>'], ['0', '1'], ['<', '<='], ['w >= 0 && (t < 0 || w < t)', 'false'], ['t < 0 || w < t', '(t < 0)'], ['t < 0 || w < t', '(w < t)'], ['<', '>='], ['||', '&&'], ['t = w;', ';']]) {
  same('src/socket/tcp.ts', 'if (w >= 0 && (t < 0 || w < t)) t = w;', o, t, 'waitAt is >= 0 only in TIME-WAIT, where dispatch reads no timer but waitAt and schedules it itself; every way into TIME-WAIT, and every segment processed in it (through onAck, with FinQueued set), is followed by a visit');
}

// dispatch's early return for CLOSED and LISTEN: such a socket has no timer (toClosed and listen
// clear them) and no flag (toClosed sets flags to 0; a listener answers by sendRstFor directly), and
// sendData sends nothing in either state: a visit through the rest sends nothing and schedules -1.
for (const [o, t] of [['s === TcpState.Closed || s === TcpState.Listen', 'false'], ['s === TcpState.Closed || s === TcpState.Listen', '(s === TcpState.Closed)'], ['s === TcpState.Closed || s === TcpState.Listen', '(s === TcpState.Listen)'], ['||', '&&'], ['return;', ';']]) {
  same('src/socket/tcp.ts', 'if (s === TcpState.Closed || s === TcpState.Listen) return;\n    if (s === TcpState.TimeWait) {', o, t, 'a CLOSED or LISTEN socket has no timer and no flag set, and sendData sends nothing in those states: the rest of dispatch sends nothing');
}

// dispatch in TIME-WAIT: waitAt = now + timeWait is set on entering it (> 0), and after toClosed
// (flags 0, timers -1, error unset for 0 and 1 alike) the rest of the branch sends nothing.
same('src/socket/tcp.ts', 'if (this.waitAt >= 0 && now >= this.waitAt) {', 'this.waitAt >= 0 && now >= this.waitAt', '(now >= this.waitAt)', 'in TIME-WAIT waitAt is always set, to now + timeWait');
for (const [o, t] of [['>=', '>'], ['0', '1']]) same('src/socket/tcp.ts', 'if (this.waitAt >= 0 &&', o, t, 'in TIME-WAIT waitAt is always set, to now + timeWait (> 0)');
same('src/socket/tcp.ts', 'if (this.waitAt >= 0 && now >= this.waitAt) {\n        this.toClosed(0);', '0', '1', 'toClosed records only negative errors: 0 and 1 both leave none');
same('src/socket/tcp.ts', 'this.toClosed(0);\n        return;\n      }\n      const sent = this.flags & Flag.AckNow', 'return;', ';', 'after toClosed flags are 0 (no ACK owed, so sent is 0) and waitAt -1: the rest of the branch sends nothing and schedules nothing');

same('src/socket/tcp.ts', 'if (this.rtoAt >= 0 && now >= this.rtoAt && this.timerDue(now)) return;', 'return;', ';', 'timerDue answers true after toClosed: flags 0, timers -1, state CLOSED, so the rest of dispatch sends nothing and schedules -1');
// dispatch's SYN branch in SYN-RECEIVED once the SYN-ACK went (sndNxt = iss + 1): the branch only arms
// rtoAt when it is off, and it is on then (armed when the SYN-ACK went; a timeout sets sndNxt back
// to iss); in other states sndNxt is never iss once the SYN went (SYN-SENT takes the first arm).
for (const [o, t] of [['s === TcpState.SynReceived && this.sndNxt === this.iss', '(s === TcpState.SynReceived)'], ['s === TcpState.SynReceived && this.sndNxt === this.iss', '(this.sndNxt === this.iss)'], ['&&', '||']]) {
  same('src/socket/tcp.ts', 'if (s === TcpState.SynSent || (s === TcpState.SynReceived && this.sndNxt === this.iss)) {', o, t, 'in SYN-RECEIVED after the SYN-ACK went the branch finds rtoAt armed (it only arms it when off) and sends nothing; elsewhere sndNxt is iss only before the SYN, in SYN-SENT');
}

same('src/socket/tcp.ts', 'this.sndNxt = seqAdd(this.iss, 1);\n          if (seqGt(this.sndNxt, this.sndMax)) this.sndMax = this.sndNxt;', 'seqGt(this.sndNxt, this.sndMax)', 'true', 'before the handshake ends nothing but the SYN is sent: sndMax is iss or iss + 1, never past sndNxt = iss + 1');

for (const [o, t] of [['<', '<='], ['0', '1']]) same('src/socket/tcp.ts', 'if (this.rtoAt < 0) this.rtoAt = now + this.rtt.rto;\n      this.set!.schedule(this, this.nextTimer());', o, t, 'a timer due at 0 was taken by timerDue just before in this visit (which leaves rtoAt -1 or a later time): rtoAt is never 0 here');

same('src/socket/tcp.ts', 'this.set!.schedule(this, this.nextTimer());\n      return;\n    }\n    // Nothing queued and no FIN', 'return;', ';', 'in SYN-SENT and SYN-RECEIVED the rest of dispatch sends nothing: sendData returns, no ACK is sent in SYN-RECEIVED and none is owed in SYN-SENT, keep-alive is for ESTABLISHED; it schedules the same time again');
for (const [o, t] of [['>=', '>'], ['0', '1']]) {
  same('src/socket/tcp.ts', 'if (this.ackAt >= 0 && now', o, t, 'ackAt is -1 or now + ackDelay with a delay above 0: never 0');
}

same('src/socket/tcp.ts', 'this.rtoAt = now + this.rtt.rto;\n      return false;', 'return false;', 'return undefined as any;', 'dispatch tests the answer for truth only: undefined is false as false is');
same('src/socket/tcp.ts', 'this.toClosed(SocketError.TimedOut);\n      return true;\n    }\n    this.rtt.backoff();', 'return true;', 'return undefined as any;', 'after toClosed (state CLOSED, flags 0, timers -1) the rest of dispatch sends nothing and schedules -1');
same('src/socket/tcp.ts', 'this.rtt.backoff();\n    this.rttTime = -1;', '1', '2', 'rttTime is only tested for >= 0 (and < 0): -2 means none as -1 does');

for (const [o, t] of [['this.rtxAt = -1;', ';'], ['1', '2'], ['1', '0']]) {
  same('src/socket/tcp.ts', 'this.flags |= Flag.RtoUndo;\n    }\n    this.rtxAt = -1;', o, t, 'a timeout ends any recovery (inRecovery = false just after): spuriousCheck, the only reader of rtxAt, undoes only in a recovery, and the next one starts in fastRetransmit, which sets rtxAt = -2');
}

for (const [o, t] of [['this.flags & Flag.FinSent', 'true'], ['&', '|']]) {
  same('src/socket/tcp.ts', 'if (this.flags & Flag.FinSent) this.flags &= ~Flag.FinSent;', o, t, 'clearing a flag that is not set changes nothing');
}
same('src/socket/tcp.ts', 'this.retransmitOne = false;\n    this.rtoAt = -1;', '1', '2', 'rtoAt is only tested for >= 0 (or < 0): -2 means off as -1 does');

// sendData's state guard: dispatch reaches it only in ESTABLISHED, CLOSE-WAIT, FIN-WAIT-1/2,
// CLOSING, LAST-ACK and SYN-RECEIVED once the SYN-ACK went (the other states return before);
// SYN-RECEIVED returns on the next line, and in FIN-WAIT-2 (all acknowledged, the FIN sent) the
// loop finds nothing to send.
{
  const guard = 's !== TcpState.Established && s !== TcpState.CloseWait && s !== TcpState.FinWait1 &&\n      s !== TcpState.Closing && s !== TcpState.LastAck && s !== TcpState.SynReceived';
  same('src/socket/tcp.ts', guard, guard, 'false', 'dispatch reaches sendData only in the listed states, SYN-RECEIVED (which returns on the next line) and FIN-WAIT-2, where everything is acknowledged and the FIN sent: the loop sends nothing');
  same('src/socket/tcp.ts', guard, guard, '(s !== TcpState.Established && s !== TcpState.CloseWait && s !== TcpState.FinWait1 &&\n      s !== TcpState.Closing && s !== TcpState.LastAck)', 'SYN-RECEIVED returns on the next line instead');
  same('src/socket/tcp.ts', guard + ') return;', 'return;', ';', 'dispatch reaches sendData only in the listed states, SYN-RECEIVED (which returns on the next line) and FIN-WAIT-2, where everything is acknowledged and the FIN sent: the loop sends nothing');
}

same('src/socket/tcp.ts', 's !== TcpState.LastAck && s !== TcpState.SynReceived) return;', '!==', '===', 'the flipped test is on SYN-RECEIVED, which returns on the next line; the other states it lets through (FIN-WAIT-2) find nothing to send');
same('src/socket/tcp.ts', 'if (s === TcpState.SynReceived) return; // data waits for the handshake to finish', 's === TcpState.SynReceived', 'false', 'in SYN-RECEIVED cwnd is still 0 (established() sets it when the handshake completes): the loop sends nothing, and the peer\'s window is open, so no persist timer either');

// sendData's NextSeg: highRxt <= sndUna there only right after fastRetransmit or a partial ACK
// (both set retransmitOne, which skips this) or after the lost-retransmission clause set it to
// sndUna (from is sndUna either way); hole() returns -1 for a from at or past the highest SACKed
// byte, and only h >= 0 is tested.
same('src/socket/tcp.ts', 'const from = seqGt(this.highRxt, this.sndUna) ? this.highRxt : this.sndUna;', 'seqGt(this.highRxt, this.sndUna)', 'true', 'with retransmitOne clear, highRxt is below sndUna never and equal to it only after the lost-retransmission clause: from is sndUna either way');
for (const [o, t] of [['seqLt(from, high)', 'true'], ['1', '2']]) {
  same('src/socket/tcp.ts', 'const h = seqLt(from, high) ? this.sacks.hole(from) : -1;', o, t, 'hole() returns -1 for a from at or past the highest SACKed byte, and only h >= 0 is tested');
}

for (const [o, t] of [['!this.inRecovery && this.dupAcks > 0', '(!this.inRecovery)'], ['>', '>=']]) same('src/socket/tcp.ts', 'const cw = this.cwnd + (!this.inRecovery && this.dupAcks > 0 && this.dupAcks < 3 ? this.dupAcks * mss : 0);', o, t, 'with no duplicate the arm adds dupAcks x MSS = 0, as the other does');

// sendData's plain path (its full loop's entries above, in the plain path's words).
{
  same('src/socket/tcp.ts', 'if ((s === TcpState.Established || s === TcpState.CloseWait) &&\n      !this.inRecovery', 's === TcpState.Established || s === TcpState.CloseWait', '(s === TcpState.Established)', 'CLOSE-WAIT then takes the full loop, which sends the same');
}
same('src/socket/tcp.ts', 'const room = (sw < cw ? sw : cw) - sent;', '<', '<=', 'at sw = cw both arms give the same');
same('src/socket/tcp.ts', 'if (this.flags & Flag.TlpArmed) this.rtoAt = -1;\n        }', '1', '2', 'rtoAt is only tested for >= 0 (or < 0): -2 means off as -1 does, and armTimer just after re-arms it');
for (const [o, t] of [['<', '<='], ['0', '1']]) same('src/socket/tcp.ts', 'if (this.rtoAt < 0) this.armTimer(now);\n        this.persistAt = -1;', o, t, 'rtoAt is never 0 here: -1 or now plus a positive time (a timer due at 0 was taken by timerDue)');
same('src/socket/tcp.ts', 'const wnd = this.sndWnd < cw ? this.sndWnd : cw;', '<', '<=', 'at sndWnd = cw both arms give the same');
same('src/socket/tcp.ts', 'room = holeLen < mss ? holeLen : mss;', 'holeLen < mss', 'true', 'a segment is at most one MSS anyway (n = min(unsent, MSS)): a room of a hole longer than an MSS limits nothing more');

same('src/socket/tcp.ts', 'if (out > 0 && out < room) room = out;', '<', '<=', 'at out = room both keep the same room');
same('src/socket/tcp.ts', 'let n = unsent < mss ? unsent : mss;', '<', '<=', 'at unsent = MSS both arms give the same');
same('src/socket/tcp.ts', 'if (n > room) n = room > 0 ? room : 0;', '>', '>=', 'at n = room the assignment gives n again (room > 0 then, or both 0)');

same('src/socket/tcp.ts', 'n = room > 0 ? room : 0;', '>', '>=', 'at room = 0 both arms give 0');

same('src/socket/tcp.ts', 'this.highRxt = this.sndUna;\n        this.rtxMark = this.sndMax;', 'this.rtxMark = this.sndMax;', ';', 'with highRxt set to sndUna the clause is off until the next retransmission at sndUna, which the hole search picks at once (from = sndUna) and which sets rtxMark = sndMax itself');

for (const [o, t] of [['>=', '>'], ['0', '1']]) {
  same('src/socket/tcp.ts', 'if (this.persistAt >= 0 &&', o, t, 'persistAt is -1 or now plus an RTO (at least 1 ms): never 0');
}

same('src/socket/tcp.ts', 'now >= this.persistAt && this.tx.length > sent) {', '>', '>=', 'persistAt is armed only with data waiting (tx.length > sent), and a window probe does not move sndNxt, so that stays true until an ACK of new data, which also clears persistAt');

same('src/socket/tcp.ts', 'if (seqGt(seqAdd(this.sndNxt, 1), this.sndMax)) this.sndMax', '1', '2', 'the probe byte is the only one past sndNxt (a window probe goes with nothing else in flight, sndMax = sndNxt or sndNxt + 1): sndNxt + 2 is past sndMax exactly when sndNxt + 1 is not behind it');

same('src/socket/tcp.ts', 'if (this.flags & Flag.TlpArmed) this.rtoAt = -1;\n      }', '1', '2', 'rtoAt is only tested for >= 0 (or < 0): -2 means off as -1 does, and armTimer just after re-arms it');
for (const [o, t] of [['<', '<='], ['0', '1']]) same('src/socket/tcp.ts', 'if (this.rtoAt < 0) this.armTimer(now);\n      this.persistAt = -1;', o, t, 'rtoAt is never 0 here: -1 or now plus a positive time (a timer due at 0 was taken by timerDue earlier in this visit)');

same('src/socket/tcp.ts', 'if (n < 0) n = 0;', 'n = 0;', ';', 'both later uses of n test n > 0 first: a negative n means no data as 0 does');
same('src/socket/tcp.ts', 'if (set === null) return;\n    if (this.flags & (Flag.AckNow', 'return;', ';', 'afterChange runs only from process(), which the set calls: set is never null there');
same('src/socket/tcp.ts', 'if (s === TcpState.SynReceived) return; // data waits for the handshake to finish', 'return;', ';', 'in SYN-RECEIVED cwnd is still 0 (established() sets it when the handshake completes): the loop sends nothing, and the peer\'s window is open, so no persist timer either');

same('src/socket/tcp.ts', 'if (this.rtoAt < 0) this.armTimer(now);\n      this.persistAt = -1;\n      if (this.retransmitOne) this.retransmitted', '1', '2', 'persistAt is only tested for >= 0 (or < 0): -2 means off as -1 does');
for (const [o, t] of [['finNow', 'false'], ['break;', ';']]) {
  same('src/socket/tcp.ts', '      if (finNow) break;\n    }\n  }\n\n  // sendData', o, t, 'after the FIN went, FinSent is set and nothing is left unsent (unsent = -1): the next pass finds n <= 0, no FIN due and no persist to arm, and breaks');
}


// Second run (2026-12-02, lines 821-1506).
// The lost-retransmission clause's inRecovery and highRxt tests: highRxt and rtxMark are read only
// in recovery, and every recovery starts in fastRetransmit, which sets highRxt = sndUna. In
// recovery highRxt is at or below sndUna only while a retransmission at sndUna is still to go
// (after fastRetransmit or a partial ACK, both with retransmitOne; after this clause, the hole
// search starts at sndUna): raising highRxt to sndUna changes nothing, and that retransmission
// sets rtxMark = sndMax itself before highRxt can pass sndUna again.
{
  const c = 'if (this.inRecovery && seqGt(this.highRxt, this.sndUna) && ack === this.sndUna && seqGt(this.sacks.high(ack), this.rtxMark)) {';
  const why = 'highRxt and rtxMark are read only in recovery, which fastRetransmit starts with highRxt = sndUna; at or below sndUna highRxt means a retransmission at sndUna still to go, which sets rtxMark = sndMax itself before highRxt passes sndUna again';
  for (const t of ['(this.inRecovery)', '(seqGt(this.highRxt, this.sndUna))']) same('src/socket/tcp.ts', c, 'this.inRecovery && seqGt(this.highRxt, this.sndUna)', t, why);
  same('src/socket/tcp.ts', c, 'this.inRecovery && seqGt(this.highRxt, this.sndUna) && ack === this.sndUna', '(ack === this.sndUna)', why);
  same('src/socket/tcp.ts', 'if (this.inRecovery && seqGt(this.highRxt', '&&', '||', why);
}

// Starting values read only after the code that sets them: rtxAt 0 before any fast retransmit
// makes the first ACK of new data call spuriousCheck outside recovery, which only sets it to -1
// (until then the header prediction test sends ACKs down the full path, which does the same);
// tlpSeq is read only with TlpNew set (probeShows) or to clear TlpNew, and TlpNew is set with it.
same('src/socket/tcp.ts', ctorLine('rtxAt'), '1', '0', 'rtxAt 0 before any fast retransmit: spuriousCheck, called outside recovery, undoes nothing and sets -1; until then only the header prediction test reads it, and the full path does the same');
same('src/socket/tcp.ts', ctorLine('tlpSeq'), '0', '1', 'tlpSeq is read with TlpNew set, which the loss probe sets together with it, or to decide whether to clear TlpNew, which clearing changes nothing when unset');
same('src/socket/tcp.ts', ctorLine('tlpSeq'), 'this.tlpSeq = 0;', ';', 'without it the field is made when a loss probe first sends new data (test/tcp/fields.test.mjs sees every other field made late); before that it is read only to clear TlpNew, which is unset then, and NaN | 0 is 0');
// spuriousCheck's timing rule with no RTT sample (min 0): (now - rtxAt) * 4 < 0 never holds, since
// rtxAt is a time already past (the code changed since the entries above: two lines now).
{
  const c = '((min > 0 && (now - this.rtxAt) * 4 < min * 3) ||';
  same('src/socket/tcp.ts', c, 'min > 0 && (now - this.rtxAt) * 4 < min * 3', '((now - this.rtxAt) * 4 < min * 3)', 'with min 0 the test (now - rtxAt) * 4 < 0 never holds (rtxAt is a past time)');
  same('src/socket/tcp.ts', c, '>', '>=', 'with min 0 the test (now - rtxAt) * 4 < 0 never holds (rtxAt is a past time)');
}
// spuriousCheck leaving rtxAt set (or at 0) after its check: the next ACK at or past rtxEnd checks
// again, and finds no undo the first check did not: the timing rule only gets further from true
// (now grows, minRtt only falls), highRxt only grows in a recovery, a new recovery sets rtxAt = -2
// itself, and a receiver's echo never goes back (TS.Recent only moves forward, RFC 7323 4.3);
// rtxAt 0 reads as a retransmission at time 0, older than every ACK and echo.
for (const [o, t] of [['this.rtxAt = -1;', ';'], ['1', '0']]) {
  same('src/socket/tcp.ts', 'this.ts.spurious(t, this.ts.clock(this.rtxAt))))) this.undoRecovery();\n    this.rtxAt = -1;', o, t, 'a later check finds no undo the first did not: the timing rule only gets further from true, highRxt only grows in a recovery, a new recovery sets rtxAt = -2, and a receiver\'s echo never goes back (RFC 7323); rtxAt 0 is older than every ACK and echo');
}

// nextTimer's first comparison: t is rtoAt there, -1 or now plus a positive time (the RTO is at
// least minRto, and an option of 0 takes the default 200 ms; a probe timeout is at least 10 ms):
// never 0. (The later lines can meet an ackAt of 0, a refused ACK at time 0: test/tcp/time-zero.)
for (const [o, t] of [['<', '<='], ['0', '1']]) same('src/socket/tcp.ts', '(t < 0 || a < t)) t = a;', o, t, 't is rtoAt here: -1 or now plus a positive RTO or probe timeout, never 0');
// TIME-WAIT's return after toClosed: toClosed leaves flags 0 and every timer -1, so the rest of the
// block sends no ACK and schedules -1, as toClosed did.
same('src/socket/tcp.ts', 'if (this.waitAt >= 0 && now >= this.waitAt) {\n        this.toClosed(0);\n        return;', 'return;', ';', 'after toClosed (flags 0, timers -1) the rest of the TIME-WAIT block sends nothing and schedules -1, as toClosed did');

// The SYN's emit: with no payload (n 0) emit reads no byte of the ring, so its ring position is unused.
same('src/socket/tcp.ts', 'this.emit(flags, this.iss, 0,', '0', '1', 'with a payload of 0 bytes emit reads nothing from the ring: the position argument is unused');

// The idle timer turned off when due outside ESTABLISHED: -2 reads as off as -1 does (only
// idleAt >= 0 is tested).
same('src/socket/tcp.ts', 'if (this.state !== TcpState.Established) this.idleAt = -1;', '1', '2', 'idleAt is only tested for >= 0: -2 means off as -1 does');

// The window probe's tests: persistAt is armed only with data waiting and a zero window, and any
// send or ACK of new data turns it off; in the n <= 0 branch with it armed (sent 0) the window is
// still 0 and data waits. The probe byte is the only byte past sndNxt, so sndMax is sndNxt or
// sndNxt + 1 there: setting it to sndNxt + 1 unconditionally gives the same.
{
  const c = 'if (this.persistAt >= 0 && now >= this.persistAt && this.tx.length > sent) {';
  const why = 'persistAt is armed only with data waiting and a zero window and is turned off by any send or ACK of new data: with it armed here the window is still 0 and data waits';
  same('src/socket/tcp.ts', c, 'this.persistAt >= 0 && now >= this.persistAt && this.tx.length > sent', '(this.persistAt >= 0 && now >= this.persistAt)', why);
  same('src/socket/tcp.ts', 'if (seqGt(seqAdd(this.sndNxt, 1), this.sndMax)) this.sndMax', 'seqGt(seqAdd(this.sndNxt, 1), this.sndMax)', 'true', 'the probe byte is the only byte past sndNxt (a probe goes with nothing else in flight): sndMax is sndNxt or sndNxt + 1, and both set it to sndNxt + 1');
}

// The retransmission timed for spuriousCheck: after fastRetransmit (rtxAt -2) the next segment
// with retransmitOne is the one at sndUna (sndNxt = sndUna; a refusal keeps it, a partial ACK moves
// sndNxt to the new sndUna with retransmitOne again), so seq === sndUna holds whenever rtxAt is -2.
same('src/socket/tcp.ts', 'if (this.rtxAt === -2 && seq === this.sndUna) {', 'this.rtxAt === -2 && seq === this.sndUna', '(this.rtxAt === -2)', 'while rtxAt is -2 the next retransmission is the one at sndUna (fastRetransmit and partial ACKs set sndNxt = sndUna with retransmitOne; a refusal keeps it)');

// src/socket/tcp.ts: the last open lines
// onData's clamp of n at 0: onData runs only after step 1 of process() accepted the segment with
// wnd = rx.free(), the same as onData's room (nothing between reads or writes rx): a segment with
// bytes starts in [rcvNxt, rcvNxt + wnd) or ends there (then it is trimmed to start at rcvNxt), one
// without starts within it, so seqDiff(seq, rcvNxt) <= room and room - seqDiff is never below 0.
same('src/socket/tcp.ts', 'if (n < 0) n = 0;', '0', '1', 'onData runs only on a segment step 1 accepted with wnd = rx.free(), its room: after the trim it starts within [rcvNxt, rcvNxt + room], so n = room - seqDiff(seq, rcvNxt) is never below 0');

// dispatch's owed ACK outside SYN-RECEIVED: there the line is reached only with our SYN-ACK sent
// (sndNxt past iss; else the SYN-ACK branch returns before it). AckNow is then set only by a
// retransmitted SYN, which also makes rtoAt due now: the same visit's timeout goes back to iss and
// the SYN-ACK branch returns (or the connection gives up). Segments past step 4 leave SYN-RECEIVED
// first, and WinUpdate needs bytes read, which only ESTABLISHED and later take in.
same('src/socket/tcp.ts', 'if ((this.flags & (Flag.AckNow | Flag.WinUpdate)) && this.state !== TcpState.SynReceived) {', '(this.flags & (Flag.AckNow | Flag.WinUpdate)) && this.state !== TcpState.SynReceived', '((this.flags & (Flag.AckNow | Flag.WinUpdate)))', 'in SYN-RECEIVED with the SYN-ACK sent, AckNow comes only from a retransmitted SYN, which makes the timeout due in the same visit: it goes back to iss and the SYN-ACK branch returns first; WinUpdate needs bytes read, taken only from ESTABLISHED on');

// The closed window's switch to the persist timer: persistAt is -1 or now plus an RTO (at least
// 1 ms), never 0; the retransmission timer's -1 is only ever compared with 0 (rtoAt >= 0 / < 0),
// and until something sets rtoAt again persistAt is armed beside it, so nextTimer() answers that.
for (const [o, t] of [['<', '<='], ['0', '1']]) {
  same('src/socket/tcp.ts', 'this.persistAt < 0 && this.tx', o, t, 'persistAt is -1 or now plus an RTO (at least 1 ms) here: never 0');
}
same('src/socket/tcp.ts', 'this.rtoAt = -1;\n      this.sndNxt = this.sndUna;\n      this.flags &= ~(Flag.FinSent | Flag.TlpArmed);', '1', '2', 'rtoAt is read only as rtoAt >= 0 or < 0 (nowhere outside tcp.ts), and nextTimer() answers persistAt, armed on the next line, until rtoAt is set again');

// predicted()'s rtxAt test at 0: rtxAt is 0 only for a fast retransmission sent at time 0, when
// everything before it happened at time 0 too: no positive RTT sample (minRtt 0) and one TSval for
// every segment, so spuriousCheck cannot undo that recovery. The shortcut skipping it leaves rtxAt
// at 0 where spuriousCheck would set -1; rtxAt is read only by spuriousCheck again (the same
// answer, or outside a recovery just the reset) and replaced by the next fastRetransmit (-2) or
// timeout (-1) before another recovery reads it.
for (const [o, t] of [['>=', '>'], ['0', '1']]) {
  same('src/socket/tcp.ts', 'this.rtxAt >= 0 || (this.flags & (Flag.RtoUndo', o, t, 'rtxAt is 0 only for a retransmission at time 0, with minRtt 0 and one TSval for all: spuriousCheck cannot undo it, and the 0 left is read only by spuriousCheck and replaced (-2, -1) before a recovery reads it');
}

// The window probe's test of the persist timer: the arming just above it sets persistAt (to now
// plus an RTO) whenever the window is 0 with data in the ring, and unsent > 0 means data in the
// ring, so with the rest of the condition true persistAt is never -1 there.
same('src/socket/tcp.ts', 'if (this.persistAt >= 0 && now >= this.persistAt && this.tx.length > sent) {', 'this.persistAt >= 0 && now >= this.persistAt', '(now >= this.persistAt)', 'the arming just above sets persistAt >= 0 whenever the window is 0 with data in the ring (unsent > 0): with the rest true it is never -1 here');

// pipe()'s clamp of highRxt at sndUna: highRxt falls below sndUna only when an ACK passes it, and
// that ACK either ends the recovery (full ACK, or an undo) or is a partial ACK, which sets
// retransmitOne whenever highRxt is not above sndUna (congestionOnAck; the shortcut calls it too).
// The retransmission then sent raises highRxt above sndUna; refused, it stays set for the next
// visit. So pipe() sees highRxt below sndUna only in sendData iterations that send a
// retransmission: the hole search is skipped there, and its value feeds only byPipe, whose room the
// retransmission replaces and whose cwndBound marks cwndUsed only for new data.
same('src/socket/tcp.ts', 'x = seqLt(r, una) ? una : seqLt(r, high) ? r : high;', 'seqLt(r, una)', 'false', 'highRxt is below sndUna only after a partial ACK that set retransmitOne (a full ACK or an undo ends the recovery): pipe() is then read only for a retransmission\'s room, which the retransmission replaces, and its cwndBound, which marks cwndUsed only for new data');

// dispatch's test before sendData: a short cut only (its comment says so). With nothing queued and
// no FIN there is nothing in flight either (sent bytes stay in the ring until acknowledged), and
// no recovery (its full ACK ended it): sendData's loop finds n = 0, no FIN due, no persist to arm
// (the ring is empty) and no probe to send, and leaves the timers as they are.
for (const [o, t] of [['this.tx.length !== 0 || (this.flags & Flag.FinQueued)', 'true'], ['&', '|']]) same('src/socket/tcp.ts', 'if (this.tx.length !== 0 || (this.flags & Flag.FinQueued)) this.sendData(now);', o, t, 'a short cut only: with nothing queued and no FIN, sendData finds nothing to send, no persist to arm and no probe, and leaves the timers as they are');

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
