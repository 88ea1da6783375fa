// The interface fuzz campaign: a fuzzed Interface (F, 10.0.0.1) with sockets of every kind talks over a
// scripted wire to a peer Interface (P, 10.0.0.2) of the same build. Each step is one of: a random API
// call on F or P (bind, listen, connect, send, recv, close, abort, unbind, remove, re-add, stale
// handles), a delivery of what both emitted (sometimes mutated, dropped, duplicated or reordered), an
// injection of generated frames into F (kernel fixtures rewritten to our addresses, frames from the
// corpus of what both stacks emitted, mutated by flips, truncation, extension, splices and field
// edits, with checksums recomputed or kept, and segments crafted against F's live connections), or a
// time jump. After every step the invariant checker (invariants.mjs) looks at both interfaces.
//
// Everything is driven by one seeded PRNG: runCampaign(lib, { seed, frames }) is reproducible, and a
// failure names the seed, episode and step.
import { loadFixtures } from '../wire/helpers.mjs';
import { checkInterface, snapshotSizes, checkSizes } from './invariants.mjs';

/** xorshift128+-free and fast enough: mulberry32. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.chance = (p) => next() < p;
  next.u32 = () => Math.floor(next() * 4294967296) >>> 0;
  return next;
}

export const MAC_F = 0x020000000001, MAC_P = 0x020000000002, MAC_GW = 0x0200000000fe, MAC_X = 0x020000000033;
const IP = (s) => s.split('.').reduce((a, p) => a * 256 + Number(p), 0) >>> 0;
export const IP_F = IP('10.0.0.1'), IP_P = IP('10.0.0.2'), IP_X = IP('10.0.0.3'), IP_GW = IP('10.0.0.254'),
  IP_FAR = IP('8.8.8.8'), IP_BCAST = IP('10.0.0.255');

// ---- checksums (independent of src/wire) -------------------------------------------------------

function sum(b, off, len, s) {
  let i = 0;
  for (; i + 1 < len; i += 2) s += (b[off + i] << 8) | b[off + i + 1];
  if (i < len) s += b[off + i] << 8;
  return s;
}
function fold(s) {
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
  return ~s & 0xffff;
}

/** Recomputes the IPv4 header checksum and, for an unfragmented TCP / UDP / ICMP packet whose length
 *  fields fit the frame, the layer-4 checksum. Leaves anything it cannot make sense of alone. */
export function fixChecksums(f) {
  if (f.length < 34 || f[12] !== 8 || f[13] !== 0) return;
  const ihl = (f[14] & 15) * 4;
  if (ihl < 20 || 14 + ihl > f.length) return;
  f[24] = 0; f[25] = 0;
  const c = fold(sum(f, 14, ihl, 0));
  f[24] = c >> 8; f[25] = c & 255;
  const total = (f[16] << 8) | f[17];
  if (total < ihl || 14 + total > f.length) return;
  if ((f[20] & 0x3f) !== 0 || f[21] !== 0) return; // fragment
  const off = 14 + ihl, len = total - ihl, proto = f[23];
  let at;
  if (proto === 6) at = off + 16;
  else if (proto === 17) at = off + 6;
  else if (proto === 1) at = off + 2;
  else return;
  if (at + 2 > off + len) return;
  f[at] = 0; f[at + 1] = 0;
  let s = 0;
  if (proto !== 1) {
    s = ((f[26] << 8) | f[27]) + ((f[28] << 8) | f[29]) + ((f[30] << 8) | f[31]) + ((f[32] << 8) | f[33]) + proto + len;
  }
  let v = fold(sum(f, off, len, s));
  if (proto === 17 && v === 0) v = 0xffff;
  f[at] = v >> 8; f[at + 1] = v & 255;
}

// ---- frames -------------------------------------------------------------------------------------

const put48 = (b, at, v) => { for (let i = 5; i >= 0; i--) { b[at + i] = v % 256; v = Math.floor(v / 256); } };
const put32 = (b, at, v) => { b[at] = v >>> 24; b[at + 1] = (v >>> 16) & 255; b[at + 2] = (v >>> 8) & 255; b[at + 3] = v & 255; };
const get32 = (b, at) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/** The kernel fixtures with 10.77.0.1 / 02:00:00:77:00:01 (side A) as the peer and 10.77.0.2 (side B)
 *  as F, so that they reach F's sockets (TCP 8080, UDP 5000). Checksums recomputed. */
export function rewrittenFixtures() {
  const A = IP('10.77.0.1'), B = IP('10.77.0.2');
  const MA = 0x020000770001, MB = 0x020000770002;
  const mapIp = (v) => (v === A ? IP_P : v === B ? IP_F : v);
  const mapMac = (v) => (v === MA ? MAC_P : v === MB ? MAC_F : v);
  const get48 = (b, at) => { let v = 0; for (let i = 0; i < 6; i++) v = v * 256 + b[at + i]; return v; };
  return loadFixtures().map(({ name, bytes }) => {
    const f = bytes.slice();
    put48(f, 0, mapMac(get48(f, 0)));
    put48(f, 6, mapMac(get48(f, 6)));
    if (f[12] === 8 && f[13] === 6) {
      put48(f, 22, mapMac(get48(f, 22))); put32(f, 28, mapIp(get32(f, 28)));
      put48(f, 32, mapMac(get48(f, 32))); put32(f, 38, mapIp(get32(f, 38)));
    } else if (f[12] === 8 && f[13] === 0) {
      put32(f, 26, mapIp(get32(f, 26))); put32(f, 30, mapIp(get32(f, 30)));
      fixChecksums(f);
    }
    return { name, bytes: f, orig: bytes };
  });
}

/** Builds frames with the bundle's emitters. */
function builder(lib) {
  const w = lib.wire;
  const eth = w.createEthernetRepr(), ip = w.createIpv4Repr(), tcp = w.createTcpRepr(), udp = w.createUdpRepr(),
    icmp = w.createIcmpv4Repr(), arp = w.createArpRepr();
  const scratch = new Uint8Array(1600);
  function finish(dstMac, srcMac, src, dst, proto, l4len, o = {}) {
    ip.src = src; ip.dst = dst; ip.protocol = proto; ip.payloadLen = l4len; ip.ttl = 64; ip.tos = 0;
    ip.ident = o.ident || 0; ip.dontFrag = !!o.df; ip.moreFrags = !!o.mf; ip.fragOffset = o.fragOffset || 0;
    w.emitIpv4(ip, scratch, 14);
    eth.dst = dstMac; eth.src = srcMac; eth.ethertype = 0x0800;
    w.emitEthernet(eth, scratch, 0);
    return scratch.slice(0, 34 + l4len);
  }
  return {
    tcp(o) {
      tcp.srcPort = o.sport; tcp.dstPort = o.dport; tcp.seq = o.seq >>> 0; tcp.ack = o.ack >>> 0; tcp.flags = o.flags;
      tcp.window = o.window; tcp.urgent = 0; tcp.mss = o.mss || 0; tcp.wscale = o.wscale === undefined ? -1 : o.wscale;
      tcp.sackPermitted = !!o.sackPermitted; tcp.hasTimestamp = !!o.ts; tcp.tsVal = 1; tcp.tsEcr = 0; tcp.sackCount = 0;
      tcp.payloadLen = o.len;
      const hl = w.tcpHeaderLen(tcp);
      for (let i = 0; i < o.len; i++) scratch[34 + hl + i] = (o.fill + i) & 255;
      const n = w.emitTcp(tcp, scratch, 34, o.src, o.dst);
      return finish(o.dstMac, o.srcMac, o.src, o.dst, 6, n);
    },
    udp(o) {
      udp.srcPort = o.sport; udp.dstPort = o.dport; udp.payloadLen = o.len;
      for (let i = 0; i < o.len; i++) scratch[42 + i] = (o.fill + i) & 255;
      const n = w.emitUdp(udp, scratch, 34, o.src, o.dst);
      return finish(o.dstMac, o.srcMac, o.src, o.dst, 17, n, o);
    },
    icmp(o) {
      icmp.type = o.type; icmp.code = o.code || 0; icmp.ident = o.ident; icmp.seq = o.seq; icmp.mtu = 0; icmp.payloadLen = o.len;
      for (let i = 0; i < o.len; i++) scratch[42 + i] = (o.fill + i) & 255;
      const n = w.emitIcmpv4(icmp, scratch, 34);
      return finish(o.dstMac, o.srcMac, o.src, o.dst, 1, n, o);
    },
    raw(o) {
      for (let i = 0; i < o.len; i++) scratch[34 + i] = (o.fill + i) & 255;
      return finish(o.dstMac, o.srcMac, o.src, o.dst, o.proto, o.len, o);
    },
    arp(o) {
      arp.op = o.op; arp.senderMac = o.senderMac; arp.senderIp = o.senderIp; arp.targetMac = o.targetMac || 0; arp.targetIp = o.targetIp;
      w.emitArp(arp, scratch, 14);
      eth.dst = o.dstMac; eth.src = o.senderMac; eth.ethertype = 0x0806;
      w.emitEthernet(eth, scratch, 0);
      return scratch.slice(0, 42);
    },
  };
}

// ---- the wire: a Device whose inbox the campaign fills ------------------------------------------

function device(mac, onTransmit) {
  return {
    mac,
    maxFrame: 1514,
    inbox: [],
    given: 0,
    accepted: 0,
    refused: 0,
    down: false,
    receive(buf, off) {
      if (this.inbox.length === 0) return 0;
      let f = this.inbox.shift();
      // The chip never hands over more than maxFrame bytes: a longer frame arrives cut.
      if (f.length > this.maxFrame) f = f.subarray(0, this.maxFrame);
      buf.set(f, off);
      this.given++;
      return f.length;
    },
    transmit(buf, off, len) {
      if (this.down) { this.refused++; return -1; }
      this.accepted++;
      onTransmit(buf.slice(off, off + len));
      return 0;
    },
    linkUp() { return !this.down; },
  };
}

// ---- sockets ------------------------------------------------------------------------------------

const F_TCP_PORTS = [80, 81, 8080, 1234];
const P_TCP_PORTS = [80, 81, 22];
const UDP_PORTS = [53, 68, 5000, 7];
const RAW_PROTOS = [50, 1, 6, 17, 99];

function makePool(lib, r, n, small) {
  const S = lib.socket;
  const pool = [];
  const tcpOpts = () => ({
    txBytes: r.pick([256, 1024, 4096]), rxBytes: r.pick([256, 1024, 4096, 70000]), oooRanges: r.pick([1, 2, 4]),
    nagle: r.chance(0.5), ackDelay: r.pick([0, 40, 200]), timeWait: r.pick([500, 5000, 60000]),
    keepAlive: r.pick([0, 0, 2000]), keepAliveInterval: 1000, keepAliveProbes: 3,
    minRto: 200, initialRto: r.pick([300, 1000]), maxRto: 8000, maxRetries: r.pick([3, 6]),
  });
  const dg = () => ({ rxPackets: r.pick([1, 2, 4]), txPackets: r.pick([1, 2, 4]), rxBytes: r.pick([64, 700, 2048]), txBytes: r.pick([64, 700, 2048]) });
  for (let i = 0; i < n.tcp; i++) pool.push(new S.TcpSocket(tcpOpts()));
  for (let i = 0; i < n.udp; i++) pool.push(new S.UdpSocket(dg()));
  for (let i = 0; i < (n.raw || 0); i++) pool.push(new S.RawSocket(dg()));
  for (let i = 0; i < (n.icmp || 0); i++) pool.push(new S.IcmpSocket(dg()));
  return pool;
}

// ---- the campaign ---------------------------------------------------------------------------------

const E = { AlreadyInUse: -1, Exhausted: -2, StaleHandle: -4 };

/**
 * Runs the campaign on one build until F has received `frames` frames (or `steps` steps ran).
 * Returns the figures. Throws an Error naming seed / episode / step on the first broken invariant
 * or escaped exception.
 */
export function runCampaign(lib, { seed = 1, frames = 10000, steps = Infinity, episodeSteps = 3000, log = null, stopAt = null, trace = null } = {}) {
  const t0 = Date.now();
  const W = lib.wire;
  const TF = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 };
  const RES = lib.iface.RESULTS, NAMES = lib.iface.RESULT_NAMES, DROP_FIRST = lib.iface.DROP_FIRST;
  const STATES = lib.socket.TCP_STATES;
  const fixtures = rewrittenFixtures();
  const B = builder(lib);
  const stats = {
    build: lib.noAlloc ? 'noalloc' : 'default', seed, frames: 0, framesPeer: 0, steps: 0, episodes: 0, apiCalls: 0,
    sources: { peer: 0, fixture: 0, corpus: 0, crafted: 0, synthetic: 0 }, mutated: 0, checksumsFixed: 0,
    results: {}, dropReasons: [], deliveredTo: { tcp: 0, udp: 0, raw: 0, icmp: 0 },
    tcpSegmentsInState: {}, tcpStatesReached: [], tcpTransitions: 0, apiResults: {}, ms: 0,
  };
  const segInState = new Array(STATES.length).fill(0);
  const statesReached = new Set();
  const transitions = new Set();
  const apiResults = new Map();
  const counted = new Float64Array(NAMES.length);

  // The ISN secret is made once per bundle, from the first interface that connects: make it from a
  // fixed one so that every run of a seed is the same.
  {
    const d = device(0x02000000aaaa, () => {});
    const i = new lib.iface.Interface({ device: d, ip: '10.9.9.9', seed: 99 });
    const t = new lib.socket.TcpSocket();
    i.add(t);
    t.connect(IP('10.9.9.8'), 9);
  }

  const master = rng(seed);
  let episode = -1;
  let ep = null;

  function newEpisode() {
    episode++;
    stats.episodes++;
    const epSeed = master.u32();
    const r = rng(epSeed);
    const corpus = [];
    const toP = [], toF = [];
    const record = (f, dir) => {
      if (corpus.length < 256) corpus.push(f); else corpus[r.int(256)] = f;
      dir.push(f);
    };
    // Raw sockets send whatever the application gives them: only their IPv4 header is checked.
    const devF = device(MAC_F, (f) => { wellFormed(f, 'F', ep && ep.F.set.current !== null && ep.F.set.current.kind === 3); record(f, toP); });
    const devP = device(MAC_P, (f) => { wellFormed(f, 'P', false); record(f, toF); });
    const cap = r.pick([6, 12, 16]);
    const F = new lib.iface.Interface({ device: devF, ip: '10.0.0.1', prefix: 24, gateway: '10.0.0.254', sockets: cap, mtu: r.pick([576, 1000, 1500, 1500]),
      seed: epSeed | 1, framesPerPoll: r.pick([1, 4, 32]), arpCacheSize: r.pick([2, 4, 8]), arpRetryMs: 500,
      arpLifetimeMs: r.pick([3000, 60000]), icmpErrorsPerSecond: r.pick([0, 2, 10]) });
    const P = new lib.iface.Interface({ device: devP, ip: '10.0.0.2', prefix: 24, sockets: 10, seed: (epSeed ^ 0x5555) | 1, mtu: r.pick([576, 1500]) });
    if (r.chance(0.7)) F.neighbors.fill(IP_P, MAC_P, 0);
    if (r.chance(0.7)) P.neighbors.fill(IP_F, MAC_F, 0);
    const poolF = makePool(lib, r, { tcp: r.pick([3, 5, 7]), udp: 3, raw: 1, icmp: 1 });
    const poolP = makePool(lib, r, { tcp: 4, udp: 1, icmp: 1 });
    // Wrap ingress to count which socket kind and TCP state each packet reached.
    for (const s of poolF) {
      if (s.kind === 2) {
        const proc = s.process;
        s.process = function (now, ip, t, buf) { segInState[this.state]++; stats.deliveredTo.tcp++; return proc.call(this, now, ip, t, buf); };
      } else {
        const del = s.deliver;
        const k = s.kind === 1 ? 'udp' : s.kind === 3 ? 'raw' : 'icmp';
        s.deliver = function (...a) { stats.deliveredTo[k]++; return del.apply(this, a); };
      }
    }
    const handlesF = [], handlesP = [];
    for (const s of poolF) if (r.chance(0.8)) { const h = F.add(s); if (h >= 0) handlesF.push(h); }
    for (const s of poolP) { const h = P.add(s); if (h >= 0) handlesP.push(h); }
    // The peer starts with listeners; F with some.
    for (const s of poolP) if (s.kind === 2 && r.chance(0.5) && s.set) s.listen(r.pick(P_TCP_PORTS));
    for (const s of poolF) if (s.kind === 2 && r.chance(0.4) && s.set) s.listen(r.pick(F_TCP_PORTS), r.chance(0.8) ? 0 : IP_F);
    ep = {
      r, F, P, devF, devP, toP, toF, corpus, poolF, poolP, handlesF, handlesP, now: r.int(1000), step: 0,
      sizesF: snapshotSizes(F, poolF), sizesP: snapshotSizes(P, poolP), capF: cap, length: r.pick([episodeSteps >> 2, episodeSteps, episodeSteps * 3]), lastState: new Map(),
    };
    for (const s of poolF) if (s.kind === 2) ep.lastState.set(s, s.state);
  }

  // ---- every frame either stack emits parses at every layer, checksums included ----
  const pe = W.createEthernetRepr(), pa = W.createArpRepr(), pi = W.createIpv4Repr(), pt = W.createTcpRepr(),
    pu = W.createUdpRepr(), pm = W.createIcmpv4Repr();
  const malformed = [];
  function wellFormed(f, who, raw) {
    let c = W.parseEthernet(f, 0, f.length, pe), what = 'Ethernet';
    if (c === 0 && pe.ethertype === 0x0806) { what = 'ARP'; c = W.parseArp(f, 14, f.length - 14, pa); }
    else if (c === 0) {
      what = 'IPv4';
      c = W.parseIpv4(f, 14, f.length - 14, pi);
      const o = 14 + pi.headerLen, n = pi.payloadLen;
      if (raw) { /* the application's bytes */ }
      else if (c === 0 && pi.protocol === 6) { what = 'TCP'; c = W.parseTcp(f, o, n, pi.src, pi.dst, pt); }
      else if (c === 0 && pi.protocol === 17) { what = 'UDP'; c = W.parseUdp(f, o, n, pi.src, pi.dst, pu); }
      else if (c === 0 && pi.protocol === 1) { what = 'ICMP'; c = W.parseIcmpv4(f, o, n, pm); }
    }
    if (c !== 0 && malformed.length < 4) malformed.push(`${who} emitted a ${what} frame that does not parse (code ${c}, ${f.length} bytes)`);
  }

  // ---- API calls ----

  const buf = new Uint8Array(4096);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 7) & 255;
  const out = new Uint8Array(4096);

  function api(side) {
    const { r } = ep;
    const iface = side === 'F' ? ep.F : ep.P;
    const pool = side === 'F' ? ep.poolF : ep.poolP;
    const handles = side === 'F' ? ep.handlesF : ep.handlesP;
    const peerIp = side === 'F' ? IP_P : IP_F;
    const ports = side === 'F' ? P_TCP_PORTS.concat(F_TCP_PORTS) : F_TCP_PORTS;
    stats.apiCalls++;
    // Mostly sockets that are in the set (the others can only be added back).
    let s = r.pick(pool);
    for (let k = 0; k < 3 && s.set === null; k++) s = r.pick(pool);
    const note = (name, v) => {
      const k = name + ':' + (v < 0 ? v : v === 0 ? 0 : '+');
      apiResults.set(k, (apiResults.get(k) || 0) + 1);
    };
    const x = r();
    if (x < 0.03) {
      // remove a live or stale handle
      if (handles.length === 0) return;
      const h = r.pick(handles);
      const live = iface.get(h);
      const res = iface.remove(h);
      note('remove', res);
      if (live !== null && res !== 0) throw new Error(`remove of live handle ${h} returned ${res}`);
      if (live === null && res !== E.StaleHandle) throw new Error(`remove of stale handle ${h} returned ${res}`);
      if (iface.get(h) !== null) throw new Error(`handle ${h} still resolves after remove`);
      return;
    }
    if (x < 0.08 || s.set === null) {
      // (re-)add a socket not in a set
      if (s.set !== null) return;
      const res = iface.add(s);
      note('add', res);
      if (res >= 0) {
        handles.push(res);
        if (handles.length > 64) handles.splice(0, 1);
        if (iface.get(res) !== s) throw new Error('a new handle does not resolve to its socket');
      } else if (res !== E.Exhausted || !lib.noAlloc && iface.set.growable) {
        throw new Error(`add returned ${res} with ${iface.set.count}/${iface.set.capacity} slots`);
      }
      return;
    }
    if (x < 0.10) {
      // stale handles must resolve to nothing
      for (const h of handles) {
        const g = iface.get(h);
        if (g !== null && g.handle !== h) throw new Error(`handle ${h} resolves to a socket with handle ${g.handle}`);
      }
      note('get', iface.get(r.u32()) === null ? 0 : 1);
      return;
    }
    if (x < 0.105 && side === 'F') {
      // The address goes away and comes back (a DHCP lease ending).
      iface.dropAddress();
      note('dropAddress', 0);
      if (r.chance(0.9)) iface.setAddress('10.0.0.1', 24, '10.0.0.254');
      return;
    }
    if (x < 0.11 && side === 'F') {
      iface.setAddress('10.0.0.1', 24, '10.0.0.254');
      ep.devF.down = !ep.devF.down && r.chance(0.3);
      note('link', ep.devF.down ? 1 : 0);
      return;
    }
    if (s.kind === 2) {
      // Mostly what fits the state (so connections live long enough to go deep), sometimes anything.
      let y = r.int(9);
      if (r.chance(0.7)) {
        if (s.state === 0) y = r.pick([0, 1, 2]);
        else if (s.state === 1) y = r.pick([3, 5, 7, 8, 0]);
        else y = r.pick([3, 3, 4, 5, 5, 6, 7, 8]);
      }
      let res;
      switch (y) {
        case 0: res = s.listen(r.chance(0.9) ? r.pick(ports) : r.int(70000) - 1000, r.chance(0.8) ? 0 : r.pick([iface.ipAddr, IP_X])); note('listen', res); break;
        case 1: case 2: {
          const dst = r.chance(0.8) ? peerIp : r.pick([IP_X, IP_FAR, IP_BCAST, 0]);
          res = s.connect(dst, r.chance(0.9) ? r.pick(ports) : r.int(66000), r.chance(0.7) ? 0 : r.pick([40000, 40001, 80]));
          note('connect', res);
          break;
        }
        case 3: case 4: res = s.send(buf, r.int(100), r.pick([0, 1, 10, 500, 1460, 3000])); note('send', res); break;
        case 5: case 6: res = s.recv(out, 0, r.pick([1, 100, 4096])); note('recv', res); break;
        case 7: s.close(); note('close', 0); break;
        case 8: s.abort(); note('abort', 0); break;
      }
    } else if (s.kind === 1) {
      const y = r.int(6);
      let res;
      if (y === 0) { res = s.bind(r.chance(0.9) ? r.pick(UDP_PORTS) : r.int(70000) - 1000, r.chance(0.7) ? 0 : r.pick([iface.ipAddr, IP_X])); note('udp.bind', res); }
      else if (y === 1) { s.unbind(); note('udp.unbind', 0); }
      else if (y <= 3) {
        const dst = r.chance(0.8) ? peerIp : r.pick([IP_X, IP_FAR, IP_BCAST, 0xffffffff, 0]);
        res = s.sendTo(buf, 0, r.pick([0, 1, 100, 700, 1472, 1473, 3000]), dst, r.chance(0.9) ? r.pick(UDP_PORTS) : r.int(70000));
        note('udp.sendTo', res);
      } else { res = s.recvFrom(out, 0, r.pick([1, 100, 4096])); note('udp.recvFrom', res); }
    } else if (s.kind === 3) {
      const y = r.int(3);
      let res;
      if (y === 0) { res = s.bind(r.chance(0.9) ? 4 : 6, r.chance(0.9) ? r.pick(RAW_PROTOS) : r.int(300)); note('raw.bind', res); }
      else if (y === 1) { res = s.send(buf, 0, r.pick([0, 20, 1480, 1481]), r.pick([peerIp, IP_X, IP_FAR])); note('raw.send', res); }
      else { res = s.recv(out, 0, r.pick([10, 4096])); note('raw.recv', res); }
    } else {
      const y = r.int(3);
      let res;
      if (y === 0) { res = s.bind(r.chance(0.9) ? r.int(4) : r.int(70000)); note('icmp.bind', res); }
      else if (y === 1) { res = s.sendEcho(r.pick([peerIp, peerIp, IP_X, IP_FAR]), r.int(70000), buf, 0, r.pick([0, 8, 56, 1472, 1473])); note('icmp.sendEcho', res); }
      else { res = s.recv(out, 0, r.pick([10, 4096])); note('icmp.recv', res); }
    }
  }

  // ---- frames for F ----

  function mutate(f0) {
    const { r, corpus } = ep;
    let f = f0.slice();
    const n = 1 + r.int(3);
    for (let k = 0; k < n; k++) {
      const m = r.int(10);
      if (m === 0 || m === 1) {
        // bit flips, mostly in the headers
        const at = r.int(r.chance(0.7) ? Math.min(f.length, 64) : f.length);
        f[at] ^= 1 << r.int(8);
      } else if (m === 2) {
        f[r.int(f.length)] = r.pick([0, 1, 0x7f, 0x80, 0xff]);
      } else if (m === 3) {
        // truncate
        f = f.slice(0, r.int(f.length + 1));
        if (f.length === 0) return f;
      } else if (m === 4) {
        // extend with garbage (Ethernet padding or a longer frame)
        const extra = r.chance(0.7) ? r.int(30) : r.int(1514 - Math.min(1514, f.length) + 1);
        const g = new Uint8Array(Math.min(1514, f.length + extra));
        g.set(f.subarray(0, g.length));
        for (let i = f.length; i < g.length; i++) g[i] = r.chance(0.5) ? 0 : r.int(256);
        f = g;
      } else if (m === 5 && corpus.length) {
        // splice a range from another emitted frame at the same offset
        const o = r.pick(corpus);
        const at = r.int(Math.min(f.length, o.length));
        const len = Math.min(r.int(24) + 1, o.length - at, f.length - at);
        f.set(o.subarray(at, at + len), at);
      } else if (m === 6 && f.length >= 54) {
        // TCP seq / ack nudged, or a field from the header set to an edge
        const at = r.pick([38, 42]);
        put32(f, at, (get32(f, at) + r.pick([1, -1, 2, 1000, -1000, 65536, 0x7fffffff, 0x80000000])) >>> 0);
      } else if (m === 7 && f.length >= 48) {
        f[47] = r.pick([0x02, 0x12, 0x10, 0x18, 0x11, 0x04, 0x14, 0x01, 0x00, 0xff, 0x03, 0x06]); // TCP flags
      } else if (m === 8 && f.length >= 34) {
        // an IPv4 header field: total length, IHL, flags/fragment, protocol, ttl
        const which = r.int(5);
        if (which === 0) { const v = r.pick([0, 19, 20, f.length - 14, f.length - 13, 0xffff]); f[16] = (v >> 8) & 255; f[17] = v & 255; }
        else if (which === 1) f[14] = 0x40 | r.int(16);
        else if (which === 2) { f[20] = r.pick([0x20, 0x40, 0x00, 0x80, 0x1f]); f[21] = r.int(256); }
        else if (which === 3) f[23] = r.pick([1, 6, 17, 50, 0, 255]);
        else f[22] = r.int(2);
      } else if (m === 9 && f.length >= 14) {
        // addresses: broadcast / multicast MAC, our IP or another one as destination or source
        const which = r.int(4);
        if (which === 0) put48(f, 0, r.pick([0xffffffffffff, 0x01005e000001, MAC_P, MAC_F]));
        else if (which === 1 && f.length >= 34) put32(f, 30, r.pick([IP_F, IP_BCAST, 0xffffffff, IP('224.0.0.1'), IP_X, 0]));
        else if (which === 2 && f.length >= 30) put32(f, 26, r.pick([IP_P, IP_X, 0, 0xffffffff, IP_F, IP('224.0.0.5')]));
        else if (f.length >= 14) { f[12] = r.pick([8, 0x86, 0x81, 5]); f[13] = r.pick([0, 6, 0xdd]); }
      }
    }
    stats.mutated++;
    if (r.chance(0.75)) { fixChecksums(f); stats.checksumsFixed++; }
    return f;
  }

  /** A segment aimed at one of F's connections or listeners, from its peer's side. */
  function crafted() {
    const { r, poolF, F } = ep;
    const tcps = poolF.filter((s) => s.kind === 2 && s.set !== null && s.state !== 0);
    const flags = r.pick([TF.ACK, TF.ACK | TF.PSH, TF.FIN | TF.ACK, TF.RST, TF.RST | TF.ACK, TF.SYN, TF.SYN | TF.ACK, TF.FIN, 0, 0xff & ~0xc0, TF.SYN | TF.FIN]);
    const len = r.chance(0.5) ? 0 : r.pick([1, 10, 536, 1460, r.int(1461)]);
    if (tcps.length === 0 || r.chance(0.1)) {
      // a SYN (or anything) to a port that may or may not have a listener
      return B.tcp({ src: r.chance(0.8) ? IP_P : IP_X, dst: IP_F, srcMac: r.chance(0.8) ? MAC_P : MAC_X, dstMac: MAC_F,
        sport: 30000 + r.int(8), dport: r.pick(F_TCP_PORTS.concat([9])), seq: r.u32(), ack: r.chance(0.5) ? 0 : r.u32(),
        flags: r.chance(0.7) ? TF.SYN : flags, window: r.pick([0, 1000, 65535]), mss: r.pick([0, 536, 1460, 1]), wscale: r.pick([-1, 0, 7, 14, 15]),
        len: 0, fill: r.int(256) });
    }
    const s = r.pick(tcps);
    if (s.state === 1) {
      return B.tcp({ src: r.chance(0.7) ? IP_P : IP_X, dst: s.localAddr || F.ipAddr || IP_F, srcMac: MAC_P, dstMac: MAC_F,
        sport: 30000 + r.int(4), dport: s.localPort, seq: r.u32(), ack: r.u32(), flags: r.chance(0.7) ? TF.SYN : flags,
        window: r.pick([0, 512, 65535]), mss: r.pick([0, 100, 1460, 9000]), wscale: r.pick([-1, 0, 2, 14]), len: r.chance(0.9) ? 0 : 10, fill: 1 });
    }
    const seqBase = r.chance(0.8) ? s.rcvNxt : r.u32();
    const ackBase = r.pick([s.sndNxt, s.sndUna, s.sndMax, s.iss, r.u32()]);
    const d = r.pick([0, 0, 0, 1, -1, 100, -100, 4096, 70000, 0x80000000]);
    return B.tcp({ src: s.remoteAddr, dst: s.localAddr, srcMac: MAC_P, dstMac: MAC_F, sport: s.remotePort, dport: s.localPort,
      seq: (seqBase + d) >>> 0, ack: (ackBase + r.pick([0, 0, 1, -1, 2, 1000])) >>> 0, flags, window: r.pick([0, 1, 100, 4096, 65535]),
      mss: flags & TF.SYN ? 1460 : 0, wscale: flags & TF.SYN ? r.pick([-1, 3]) : -1, len, fill: r.int(256) });
  }

  /** Datagrams, pings, raw protocols, ARP, fragments: the other paths. */
  function synthetic() {
    const { r } = ep;
    const src = r.chance(0.8) ? IP_P : r.pick([IP_X, IP_GW, 0, IP_BCAST, IP('224.0.0.9'), IP_FAR]);
    const bc = r.chance(0.15);
    const dst = bc ? r.pick([IP_BCAST, 0xffffffff, IP('224.0.0.1')]) : r.chance(0.9) ? IP_F : IP_X;
    const dstMac = bc ? 0xffffffffffff : MAC_F;
    const srcMac = r.chance(0.8) ? MAC_P : MAC_X;
    const k = r.int(6);
    const frag = r.chance(0.05) ? { mf: true } : {};
    if (k === 0) return B.udp({ src, dst, srcMac, dstMac, sport: 1 + r.int(60000), dport: r.chance(0.8) ? r.pick(UDP_PORTS) : 1 + r.int(65535), len: r.pick([0, 1, 64, 700, 1472]), fill: r.int(256), ...frag });
    if (k === 1) return B.icmp({ src, dst, srcMac, dstMac, type: r.pick([0, 0, 8, 3, 11, 5, 13]), code: r.chance(0.9) ? 0 : r.int(4), ident: r.int(5), seq: r.int(65536), len: r.pick([0, 8, 56, 1472]), fill: r.int(256), ...frag });
    if (k === 2) return B.raw({ src, dst, srcMac, dstMac, proto: r.pick(RAW_PROTOS.concat([47, 2])), len: r.pick([0, 4, 100, 1480]), fill: r.int(256), ...frag });
    if (k === 3 || k === 4) {
      const who = r.pick([IP_P, IP_X, IP_GW, IP('10.0.0.' + (10 + r.int(20))), 0]);
      return B.arp({ op: r.pick([1, 2, 2]), senderMac: r.pick([MAC_P, MAC_X, MAC_GW, 0x020000000100 + r.int(30), 0xffffffffffff]), senderIp: who,
        targetIp: r.chance(0.8) ? IP_F : r.pick([IP_X, IP_P]), targetMac: r.chance(0.5) ? MAC_F : 0, dstMac: r.chance(0.5) ? 0xffffffffffff : MAC_F });
    }
    return crafted();
  }

  function injectOne() {
    const { r, devF } = ep;
    const x = r();
    let f;
    if (x < 0.15) { const fx = r.pick(fixtures); f = r.chance(0.1) ? fx.orig : fx.bytes; stats.sources.fixture++; if (r.chance(0.6)) f = mutate(f); }
    else if (x < 0.45 && ep.corpus.length) { f = r.pick(ep.corpus); stats.sources.corpus++; if (r.chance(0.85)) f = mutate(f); }
    else if (x < 0.75) { f = crafted(); stats.sources.crafted++; if (r.chance(0.2)) f = mutate(f); }
    else { f = synthetic(); stats.sources.synthetic++; if (r.chance(0.2)) f = mutate(f); }
    // A device never hands over an empty frame (0 means: nothing waiting).
    if (f.length > 0 && devF.inbox.length < 64) devF.inbox.push(f);
  }

  /** The scripted side of the peer: keeps listeners up, opens connections to F, reads what
   *  arrives, sends some, and closes now and then (so that F's connections see every close). */
  function peerScript() {
    const { r, poolP, P } = ep;
    for (const s of poolP) {
      if (s.set === null) continue;
      if (s.kind === 2) {
        if (s.state === 0) {
          if (r.chance(0.2)) {
            if (r.chance(0.5)) s.listen(r.pick(P_TCP_PORTS));
            else s.connect(IP_F, r.pick(F_TCP_PORTS));
          }
        } else if (s.state !== 1) {
          while (s.recv(out, 0, out.length) > 0);
          if (r.chance(0.2)) s.send(buf, 0, r.pick([1, 100, 1000, 3000]));
          if (r.chance(0.03)) s.close();
          else if (s.state === 7 && r.chance(0.3)) s.close(); // CloseWait: F closed first
          else if (r.chance(0.005)) s.abort();
        }
      } else if (s.kind === 1) {
        if (!s.isBound()) s.bind(r.pick(UDP_PORTS));
        // echo
        for (let n; (n = s.recvFrom(out, 0, out.length)) >= 0;) s.sendTo(out, 0, n, s.fromAddr, s.fromPort);
        if (r.chance(0.05)) s.sendTo(buf, 0, r.int(200), IP_F, r.pick(UDP_PORTS));
      } else if (s.kind === 4) {
        if (s.table === 0) s.bind(r.int(4));
        while (s.recv(out, 0, out.length) >= 0);
        if (r.chance(0.05)) s.sendEcho(IP_F, r.int(65536), buf, 0, r.int(100));
      }
    }
  }

  function deliver() {
    const { r, toF, toP, devF, devP } = ep;
    if (r.chance(0.5)) peerScript();
    // P -> F: what the peer emitted, with faults.
    const batch = toF.splice(0, toF.length);
    if (r.chance(0.1)) batch.reverse();
    for (const f of batch) {
      stats.sources.peer++;
      const y = r();
      if (y < 0.03) continue; // lost
      const g = y < 0.12 ? mutate(f) : f;
      if (g.length > 0 && devF.inbox.length < 64) devF.inbox.push(g);
      if (y > 0.97 && devF.inbox.length < 64) devF.inbox.push(f); // duplicated
    }
    // F -> P: mostly faithful.
    const b2 = toP.splice(0, toP.length);
    for (const f of b2) {
      if (r.chance(0.03)) continue;
      if (devP.inbox.length < 64) devP.inbox.push(f);
    }
  }

  function poll(iface) {
    try {
      iface.poll(ep.now);
      iface.pollAt(ep.now);
    } catch (e) {
      e.message = `poll threw: ${e.message}`;
      throw e;
    }
  }

  // ---- the loop ----

  let checkErr = null;
  const check = () => {
    if (malformed.length) throw new Error(malformed.join('; '));
    checkInterface(lib, ep.F, 'F');
    checkInterface(lib, ep.P, 'P');
    checkSizes(lib, ep.F, ep.poolF, ep.sizesF, 'F');
    checkSizes(lib, ep.P, ep.poolP, ep.sizesP, 'P');
    if (ep.devF.given !== ep.F.counters[RES.Frames]) throw new Error(`F took ${ep.devF.given} frames from the device but counted ${ep.F.counters[RES.Frames]}`);
    if (ep.devF.accepted !== ep.F.counters[RES.TxFrames]) throw new Error(`F transmitted ${ep.devF.accepted} frames but counted ${ep.F.counters[RES.TxFrames]}`);
    if (ep.devF.refused !== ep.F.counters[RES.TxDeviceError]) throw new Error(`the device refused ${ep.devF.refused} frames but F counted ${ep.F.counters[RES.TxDeviceError]}`);
    if (ep.devP.given !== ep.P.counters[RES.Frames]) throw new Error('P frame count differs from its device');
  };

  function finishEpisode() {
    if (!ep) return;
    for (let i = 0; i < NAMES.length; i++) counted[i] += ep.F.counters[i];
    stats.framesPeer += ep.P.counters[RES.Frames];
  }

  newEpisode();
  let framesBefore = 0; // frames of finished episodes
  for (;;) {
    const framesNow = framesBefore + ep.F.counters[RES.Frames];
    if (framesNow >= frames || stats.steps >= steps) break;
    if (ep.step >= ep.length) {
      framesBefore += ep.F.counters[RES.Frames];
      finishEpisode();
      newEpisode();
    }
    const { r } = ep;
    ep.step++;
    stats.steps++;
    if (stopAt && stopAt(episode, ep.step)) return { stats, ep, episode };
    try {
      const x = r();
      if (x < 0.22) api('F');
      else if (x < 0.27) api('P');
      else if (x < 0.6) { deliver(); poll(ep.F); poll(ep.P); }
      else if (x < 0.94) { const k = 1 + r.int(4); for (let i = 0; i < k; i++) injectOne(); poll(ep.F); }
      else {
        ep.now += r.pick([1, 40, 200, 200, 1000, 1000, 3000, 20000, 70000]) + r.int(50);
        poll(ep.F); poll(ep.P);
      }
      if (r.chance(0.3)) { ep.now += r.int(20); }
      if (trace) trace(ep, episode);
      check();
      for (const s of ep.poolF) {
        if (s.kind !== 2) continue;
        const was = ep.lastState.get(s);
        if (was !== s.state) { transitions.add(was * 16 + s.state); ep.lastState.set(s, s.state); }
        statesReached.add(s.state);
      }
    } catch (e) {
      const err = new Error(`fuzz ${stats.build} seed ${seed} episode ${episode} step ${ep.step}: ${e.message}`);
      err.stack = err.message + '\n' + e.stack;
      err.episode = episode;
      err.step = ep.step;
      throw err;
    }
    if (log && stats.steps % 200000 === 0) log(`${stats.build}: ${framesNow} frames, ${stats.steps} steps, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  finishEpisode();
  stats.frames = counted[RES.Frames];
  for (let i = 0; i < NAMES.length; i++) if (counted[i] > 0) stats.results[NAMES[i]] = counted[i];
  stats.dropReasons = NAMES.filter((n, i) => i >= DROP_FIRST && i <= RES.TcpRejected && counted[i] > 0);
  stats.dropReasonsMissed = NAMES.filter((n, i) => i >= DROP_FIRST && i <= RES.TcpRejected && counted[i] === 0);
  for (let i = 0; i < STATES.length; i++) if (segInState[i]) stats.tcpSegmentsInState[STATES[i]] = segInState[i];
  stats.tcpStatesReached = [...statesReached].sort((a, b) => a - b).map((i) => STATES[i]);
  stats.tcpTransitions = transitions.size;
  stats.apiResults = Object.fromEntries([...apiResults].sort());
  stats.ms = Date.now() - t0;
  return stats;
}
