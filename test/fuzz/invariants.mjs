// Invariants of an Interface, its SocketSet and its sockets, checked by the fuzz campaign after every
// step. Each check throws an Error saying what broke. Only properties are read (terser keeps them).
//
// - counters add up: every frame taken from the device is counted under exactly one result;
// - the dispatch tables agree with a linear scan over set.sockets (findUdp, findListener, findTcp,
//   findIcmp, nextRaw), no endpoint is held twice, a socket's table fits its kind and TCP state;
// - default build: every registered socket is in exactly one hash chain, the one of its table;
// - the dirty ring and the deadline heap hold only live sockets, once each, heap-ordered; parked
//   flags only on live slots;
// - ByteRing / PacketRing / Assembler keep their byte accounting, TCP sequence variables are ordered;
// - sizes: no typed array or slot array is replaced or resized (NO_ALLOC: nothing at all; default:
//   the set only when it grew past its capacity).

const K = { None: 0, Udp: 1, TcpListen: 2, TcpTuple: 3, Raw: 4, Icmp: 5 };
const KIND_TABLES = { 1: [K.None, K.Udp], 2: [K.None, K.TcpListen, K.TcpTuple], 3: [K.None, K.Raw], 4: [K.None, K.Icmp] };
const seqDiff = (a, b) => (a - b) | 0;

function fail(name, msg) {
  throw new Error(`${name}: ${msg}`);
}

/** The socket a lookup must return, by a plain scan: exact address at the lowest slot, else the
 *  wildcard at the lowest slot. */
function refEndpoint(set, table, addr, port) {
  let exact = null, wild = null;
  for (let i = 0; i < set.capacity; i++) {
    const o = set.sockets[i];
    if (o === null || o.table !== table || o.localPort !== port) continue;
    if (o.localAddr === addr) { if (exact === null) exact = o; }
    else if (o.localAddr === 0 && wild === null) wild = o;
  }
  return exact !== null ? exact : wild;
}

function refTcp(set, la, lp, ra, rp) {
  let found = null;
  for (let i = 0; i < set.capacity; i++) {
    const o = set.sockets[i];
    if (o !== null && o.table === K.TcpTuple && o.localAddr === la && o.localPort === lp && o.remoteAddr === ra && o.remotePort === rp) {
      if (found !== null) return 'two';
      found = o;
    }
  }
  return found;
}

const PROBE_ADDRS = [0x0a000001, 0x0a000003, 0xffffffff, 0];

export function checkInterface(lib, iface, name) {
  const set = iface.set;
  const c = iface.counters;
  const R = lib.iface.RESULTS;
  // ---- counters
  let sum = 0;
  for (let i = 1; i <= R.TcpRejected; i++) sum += c[i];
  if (sum !== c[R.Frames]) fail(name, `results add up to ${sum}, frames received ${c[R.Frames]}`);
  if (c[R.IcmpErrorSent] > c[R.TxFrames]) fail(name, 'more ICMP errors sent than frames transmitted');
  if (c[R.ArpRequestSent] > c[R.TxFrames] + c[R.TxDeviceError]) fail(name, 'more ARP requests than transmit attempts');
  if (set.current !== null) fail(name, 'set.current left set outside poll');

  // ---- slots
  const cap = set.capacity;
  if (set.sockets.length !== cap) fail(name, `sockets.length ${set.sockets.length} != capacity ${cap}`);
  let live = 0;
  for (let i = 0; i < cap; i++) {
    const s = set.sockets[i];
    if (s === null) continue;
    live++;
    if (s.slot !== i || s.set !== set) fail(name, `slot ${i} holds a socket that thinks it is at ${s.slot}`);
    if (s.handle !== set.gen[i] * 65536 + i) fail(name, `slot ${i} handle ${s.handle} != gen ${set.gen[i]}`);
    const ok = KIND_TABLES[s.kind];
    if (!ok || ok.indexOf(s.table) < 0) fail(name, `socket of kind ${s.kind} in table ${s.table}`);
    if (s.kind === 2) {
      const want = s.state === 0 ? K.None : s.state === 1 ? K.TcpListen : K.TcpTuple;
      if (s.table !== want) fail(name, `TCP socket in state ${s.state} is in table ${s.table}`);
    }
    if (s.table === K.Udp && !(s.localPort >= 1 && s.localPort <= 65535)) fail(name, `UDP bound to port ${s.localPort}`);
  }
  if (live !== set.count) fail(name, `count ${set.count} but ${live} live slots`);

  // ---- the tables against a linear scan, and no endpoint held twice
  for (let i = 0; i < cap; i++) {
    const s = set.sockets[i];
    if (s === null || s.table === K.None) continue;
    for (let j = i + 1; j < cap; j++) {
      const o = set.sockets[j];
      if (o === null || o.table !== s.table || o.localPort !== s.localPort) continue;
      if (s.table === K.Udp && o.localAddr === s.localAddr) fail(name, `UDP endpoint ${s.localAddr}:${s.localPort} held twice`);
      if (s.table === K.Icmp) fail(name, `ICMP identifier ${s.localPort} held twice`);
      if (s.table === K.TcpTuple && o.localAddr === s.localAddr && o.remoteAddr === s.remoteAddr && o.remotePort === s.remotePort) {
        fail(name, `TCP 4-tuple held by slots ${i} and ${j}`);
      }
    }
    if (s.table === K.Udp || s.table === K.TcpListen) {
      const find = s.table === K.Udp ? (a, p) => set.findUdp(a, p) : (a, p) => set.findListener(a, p);
      for (const a of PROBE_ADDRS.concat([s.localAddr, iface.ipAddr])) {
        const want = refEndpoint(set, s.table, a, s.localPort), got = find(a, s.localPort);
        if (got !== want) fail(name, `table ${s.table} lookup (${a}, ${s.localPort}) gives slot ${got && got.slot}, a scan gives ${want && want.slot}`);
      }
    } else if (s.table === K.TcpTuple) {
      const got = set.findTcp(s.localAddr, s.localPort, s.remoteAddr, s.remotePort);
      if (got !== s) fail(name, `findTcp misses slot ${i}`);
      const other = set.findTcp(s.localAddr, s.localPort, s.remoteAddr, (s.remotePort % 65535) + 1);
      if (other !== refTcp(set, s.localAddr, s.localPort, s.remoteAddr, (s.remotePort % 65535) + 1)) fail(name, 'findTcp of a neighbouring tuple disagrees with a scan');
    } else if (s.table === K.Icmp) {
      if (set.findIcmp(s.localPort) !== refEndpoint(set, K.Icmp, 0, s.localPort)) fail(name, `findIcmp(${s.localPort}) disagrees with a scan`);
    } else if (s.table === K.Raw) {
      let after = -1, n = 0;
      for (let j = 0; j < cap; j++) {
        const o = set.sockets[j];
        if (o === null || o.table !== K.Raw || o.localPort !== s.localPort) continue;
        const got = set.nextRaw(s.localPort, after);
        if (got !== o) fail(name, `nextRaw(${s.localPort}, ${after}) gives slot ${got && got.slot}, a scan gives ${j}`);
        after = j;
        n++;
      }
      if (set.nextRaw(s.localPort, after) !== null) fail(name, 'nextRaw goes past the last raw socket');
    }
  }
  // Lookups for endpoints nobody holds return nothing.
  for (const p of [9, 65535]) {
    if (set.findUdp(iface.ipAddr, p) !== refEndpoint(set, K.Udp, iface.ipAddr, p)) fail(name, `findUdp(${p}) disagrees`);
    if (set.findListener(iface.ipAddr, p) !== refEndpoint(set, K.TcpListen, iface.ipAddr, p)) fail(name, `findListener(${p}) disagrees`);
  }

  // ---- hash chains (default build): every registered socket once, in its own table's region
  if (!lib.noAlloc) {
    const nb = set.mask + 1;
    const seen = new Uint8Array(cap);
    for (let b = 0; b < set.heads.length; b++) {
      let i = set.heads[b], guard = 0;
      while (i >= 0) {
        if (++guard > cap) fail(name, `hash chain ${b} has a cycle`);
        const s = set.sockets[i];
        if (s === null) fail(name, `hash chain ${b} holds empty slot ${i}`);
        if (seen[i]) fail(name, `slot ${i} is in two hash chains (or twice in one)`);
        seen[i] = 1;
        // Row r holds table r + 1 (None has no row).
        if (Math.floor(b / nb) + 1 !== s.table) fail(name, `slot ${i} (table ${s.table}) is chained in table ${Math.floor(b / nb) + 1}`);
        if (set.bucketOf[i] !== b) fail(name, `slot ${i} bucketOf ${set.bucketOf[i]} but chained in ${b}`);
        i = set.link[i];
      }
    }
    for (let i = 0; i < cap; i++) {
      const s = set.sockets[i];
      if (s !== null && s.table !== K.None && !seen[i]) fail(name, `slot ${i} is in table ${s.table} but in no chain`);
    }
  }

  // ---- egress structures
  let parked = 0;
  for (let i = 0; i < cap; i++) {
    const s = set.sockets[i];
    if (set.parked[i]) parked++;
    if (s === null) {
      if (set.dirty[i]) fail(name, `empty slot ${i} is dirty`);
      if (set.deadline[i] !== -1) fail(name, `empty slot ${i} has deadline ${set.deadline[i]}`);
      if (set.parked[i]) fail(name, `empty slot ${i} is parked`);
    } else if (s.kind === 2 && s.state === 0 && set.deadline[i] >= 0) {
      fail(name, `closed TCP socket in slot ${i} has deadline ${set.deadline[i]}`);
    }
  }
  if (parked !== set.parkedCount) fail(name, `parkedCount ${set.parkedCount} but ${parked} parked flags`);
  if (!lib.noAlloc) {
    if (set.ringLen < 0 || set.ringLen > cap) fail(name, `ringLen ${set.ringLen}`);
    const inRing = new Uint8Array(cap);
    for (let k = 0; k < set.ringLen; k++) {
      const slot = set.ring[(set.ringHead + k) % cap];
      if (inRing[slot]) fail(name, `slot ${slot} twice in the dirty ring`);
      inRing[slot] = 1;
      if (set.sockets[slot] === null) fail(name, `dead slot ${slot} in the dirty ring`);
      if (!set.dirty[slot]) fail(name, `slot ${slot} in the ring but not flagged dirty`);
    }
    for (let i = 0; i < cap; i++) if (set.dirty[i] && !inRing[i]) fail(name, `slot ${i} dirty but not in the ring`);
    if (set.heapLen < 0 || set.heapLen > cap) fail(name, `heapLen ${set.heapLen}`);
    const inHeap = new Uint8Array(cap);
    for (let p = 0; p < set.heapLen; p++) {
      const slot = set.heap[p];
      if (inHeap[slot]) fail(name, `slot ${slot} twice in the heap`);
      inHeap[slot] = 1;
      if (set.heapPos[slot] !== p) fail(name, `heapPos[${slot}] ${set.heapPos[slot]} != ${p}`);
      if (set.sockets[slot] === null) fail(name, `dead slot ${slot} in the deadline heap`);
      if (!(set.deadline[slot] >= 0)) fail(name, `slot ${slot} in the heap with deadline ${set.deadline[slot]}`);
      if (p > 0 && set.deadline[set.heap[(p - 1) >> 1]] > set.deadline[slot]) fail(name, `heap order broken at ${p}`);
    }
    for (let i = 0; i < cap; i++) {
      if (!inHeap[i] && (set.heapPos[i] !== -1 || set.deadline[i] !== -1)) fail(name, `slot ${i} not in the heap but heapPos ${set.heapPos[i]} deadline ${set.deadline[i]}`);
    }
  }

  // ---- no lost wake-up: pollAt says now when a socket is dirty, and never later than a deadline;
  // a TCP socket with something outstanding has a timer, a visit pending, or waits for ARP.
  const now = iface.now;
  const at = iface.pollAt(now);
  if (at !== -1 && at < now) fail(name, `pollAt(${now}) = ${at}, in the past`);
  for (let i = 0; i < cap; i++) {
    const s = set.sockets[i];
    if (s === null) continue;
    if (set.dirty[i] && at !== now) fail(name, `slot ${i} is dirty but pollAt(${now}) = ${at}`);
    const d = set.deadline[i];
    if (d >= 0 && (at < 0 || at > Math.max(d, now))) fail(name, `slot ${i} due at ${d} but pollAt(${now}) = ${at}`);
    if (s.kind === 2 && s.state >= 2) {
      const waiting = d >= 0 || set.dirty[i] || set.parked[i];
      const outstanding = s.state === 2 || s.state === 3 || s.state === 10 || seqDiff(s.sndMax, s.sndUna) > 0;
      if (outstanding && !waiting) {
        fail(name, `TCP slot ${i} in state ${s.state} with ${seqDiff(s.sndMax, s.sndUna)} unacknowledged has no timer, no visit pending and is not parked`);
      }
    }
  }

  // ---- the sockets' own state
  for (let i = 0; i < cap; i++) {
    const s = set.sockets[i];
    if (s !== null) checkSocket(s, name + ' slot ' + i);
  }
}

export function checkByteRing(b, what) {
  if (!(b.length >= 0 && b.length <= b.capacity) || b.length !== Math.floor(b.length)) fail(what, `ByteRing length ${b.length} of ${b.capacity}`);
  if (!(b.head >= 0 && b.head < b.capacity)) fail(what, `ByteRing head ${b.head} of ${b.capacity}`);
}

/** Where a packet's numbers sit in PacketRing.meta, from the index push and peek return, and how
 *  many there are per packet (Meta in src/storage/packet-ring.ts, a const enum the bundles fold). */
export const PACKET_META = { off: 0, len: 1, addr: 2, port: 3, extra: 4, size: 5 };

export function checkPacketRing(p, what) {
  if (!(p.count >= 0 && p.count <= p.packets)) fail(what, `PacketRing count ${p.count} of ${p.packets}`);
  if (!(p.head >= 0 && p.head < p.packets)) fail(what, `PacketRing head ${p.head}`);
  if (p.count === 0) {
    if (p.wr !== 0 || p.wrapped) fail(what, `empty PacketRing with wr ${p.wr} wrapped ${p.wrapped}`);
    return;
  }
  const spans = [];
  let total = 0, last = -1;
  for (let k = 0; k < p.count; k++) {
    const i = (p.head + k) % p.packets;
    const at = i * PACKET_META.size, o = p.meta[at + PACKET_META.off], n = p.meta[at + PACKET_META.len];
    if (!(o >= 0 && n >= 0 && o + n <= p.bytes)) fail(what, `PacketRing packet ${k} at ${o}+${n} outside ${p.bytes}`);
    spans.push([o, o + n]);
    total += n;
    last = i;
  }
  if (total > p.bytes) fail(what, `PacketRing holds ${total} bytes in ${p.bytes}`);
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k][0] < spans[k - 1][1]) fail(what, `PacketRing payloads overlap: ${spans[k - 1]} and ${spans[k]}`);
  }
  if (p.wr !== p.meta[last * PACKET_META.size + PACKET_META.off] + p.meta[last * PACKET_META.size + PACKET_META.len]) fail(what, `PacketRing wr ${p.wr} is not the end of the newest packet`);
}

function checkSocket(s, what) {
  if (s.kind === 2) {
    checkByteRing(s.tx, what + ' tx');
    checkByteRing(s.rx, what + ' rx');
    const a = s.ooo;
    if (!(a.count >= 0 && a.count <= a.max)) fail(what, `assembler count ${a.count} of ${a.max}`);
    if (!(s.state >= 0 && s.state <= 10)) fail(what, `TCP state ${s.state}`);
    if (s.state >= 2) {
      if (seqDiff(s.sndNxt, s.sndUna) < 0) fail(what, `sndNxt ${s.sndNxt} before sndUna ${s.sndUna} in state ${s.state}`);
      if (seqDiff(s.sndMax, s.sndNxt) < 0) fail(what, `sndMax ${s.sndMax} before sndNxt ${s.sndNxt} in state ${s.state}`);
      if (seqDiff(s.sndMax, s.sndUna) > s.tx.length + 2) fail(what, `${seqDiff(s.sndMax, s.sndUna)} sequence numbers in flight, ${s.tx.length} bytes queued (state ${s.state})`);
      const room = s.rx.capacity - s.rx.length;
      for (let k = 0; k < a.count; k++) {
        if (!(seqDiff(a.end[k], a.start[k]) > 0)) fail(what, `empty out-of-order range ${k}`);
        if (k > 0 && !(seqDiff(a.start[k], a.end[k - 1]) > 0)) fail(what, `out-of-order ranges ${k - 1} and ${k} overlap or touch`);
        if (!(seqDiff(a.start[k], s.rcvNxt) > 0)) fail(what, `out-of-order range starts at or before rcvNxt (state ${s.state})`);
        if (seqDiff(a.end[k], s.rcvNxt) > room) fail(what, `out-of-order range ends ${seqDiff(a.end[k], s.rcvNxt)} past rcvNxt, room ${room} (state ${s.state})`);
      }
    }
  } else {
    checkPacketRing(s.rx, what + ' rx');
    checkPacketRing(s.tx, what + ' tx');
  }
}

/** Every buffer and table the interface, its set and the given sockets own, by identity and size. */
export function snapshotSizes(iface, pool) {
  const set = iface.set;
  const setArrays = ['sockets', 'gen', 'link', 'bucketOf', 'heads', 'dirty', 'ring', 'deadline', 'heap', 'heapPos', 'parked', 'visit'];
  const n = iface.neighbors;
  const fixed = [iface.counters, iface.txBuf, iface.rxBuf, n.ip, n.mac, n.state, n.time, n.since];
  for (const s of pool) {
    if (s.kind === 2) fixed.push(s.tx.mem, s.rx.mem, s.ooo.start, s.ooo.end);
    else for (const r of [s.rx, s.tx]) fixed.push(r.mem, r.meta);
  }
  return {
    capacity: set.capacity,
    set: setArrays.map((k) => [k, set[k], set[k].length]),
    fixed: fixed.map((a) => [a, a.length]),
    services: iface.services.length,
  };
}

export function checkSizes(lib, iface, pool, snap, name) {
  for (const [a, len] of snap.fixed) if (a.length !== len) fail(name, `a buffer changed size from ${len} to ${a.length}`);
  for (const s of pool) {
    const bufs = s.kind === 2 ? [s.tx.mem, s.rx.mem, s.ooo.start, s.ooo.end] : [s.rx.mem, s.tx.mem, s.rx.meta, s.tx.meta];
    for (const b of bufs) if (!snap.fixed.some(([a]) => a === b)) fail(name, 'a socket buffer was replaced');
  }
  const set = iface.set;
  if (iface.txBuf !== snap.fixed[1][0] || iface.rxBuf !== snap.fixed[2][0] || iface.counters !== snap.fixed[0][0]) fail(name, 'an interface buffer was replaced');
  if (iface.services.length !== snap.services) fail(name, 'services changed');
  if (set.capacity !== snap.capacity) {
    if (lib.noAlloc) fail(name, `NO_ALLOC set grew from ${snap.capacity} to ${set.capacity}`);
    if (set.count <= snap.capacity) fail(name, `set grew to ${set.capacity} holding only ${set.count}`);
    const fresh = snapshotSizes(iface, pool);
    snap.capacity = fresh.capacity;
    snap.set = fresh.set;
    return;
  }
  for (const [k, a, len] of snap.set) {
    if (set[k] !== a || a.length !== len) fail(name, `set.${k} replaced or resized (${len} -> ${set[k].length})`);
  }
}
