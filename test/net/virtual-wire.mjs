// A virtual Ethernet segment for tests and benches: any number of ports (each a Device as in
// src/phy/device.ts), virtual time in ms, and seeded faults per sending port: loss, reordering
// (extra random delay), duplication, corruption (one flipped byte) and fixed delay.
//
//   const wire = new VirtualWire({ seed: 1 });
//   const a = wire.port(0x020000000001), b = wire.port(0x020000000002, { loss: 0.1 });
//   ... new lib.iface.Interface({ device: a, ip: '10.0.0.1' }) ...
//   runUntilIdle(wire, [ifaceA, ifaceB]);       // poll everyone, advancing virtual time
import { PcapWriter } from '../helpers/pcap.mjs';

/** Small seeded PRNG (mulberry32) so that every faulty run can be replayed. */
export function prng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NO_FAULTS = { loss: 0, reorder: 0, duplicate: 0, corrupt: 0, delayMs: 0, reorderMs: 5 };

export class VirtualWire {
  constructor(options = {}) {
    this.random = prng(options.seed === undefined ? 1 : options.seed);
    this.now = 0;
    this.ports = [];
    this.defaults = { ...NO_FAULTS, ...options };
    this.pcap = options.pcap ? new PcapWriter() : null;
    this.stats = { sent: 0, delivered: 0, lost: 0, duplicated: 0, corrupted: 0, reordered: 0 };
  }

  /** Adds a port with a MAC (48-bit number) and optional faults for frames it sends. */
  port(mac, faults = {}) {
    const wire = this;
    const p = {
      mac,
      maxFrame: 1514,
      up: true,
      inbox: [], // { at, seq, bytes } sorted by at, then seq
      faults: { ...this.defaults, ...faults },
      sent: 0,
      received: 0,
      receive(buf, off) {
        const f = this.inbox[0];
        if (!f || f.at > wire.now) return 0;
        this.inbox.shift();
        buf.set(f.bytes, off);
        this.received++;
        return f.bytes.length;
      },
      transmit(buf, off, len) {
        if (!this.up) return -2;
        if (len > this.maxFrame) return -4;
        this.sent++;
        wire.carry(this, buf.slice(off, off + len));
        return 0;
      },
      linkUp() {
        return this.up;
      },
    };
    this.ports.push(p);
    return p;
  }

  /** Changes the faults of frames sent by port p. */
  setFaults(p, faults) {
    p.faults = { ...p.faults, ...faults };
  }

  carry(from, bytes) {
    const f = from.faults, r = this.random;
    this.stats.sent++;
    if (this.pcap) this.pcap.add(bytes, 0, bytes.length, this.now);
    if (f.loss > 0 && r() < f.loss) {
      this.stats.lost++;
      return;
    }
    let copies = 1;
    if (f.duplicate > 0 && r() < f.duplicate) {
      copies = 2;
      this.stats.duplicated++;
    }
    for (let c = 0; c < copies; c++) {
      let b = bytes;
      if (f.corrupt > 0 && r() < f.corrupt) {
        b = bytes.slice();
        b[Math.floor(r() * b.length)] ^= 1 << Math.floor(r() * 8);
        this.stats.corrupted++;
      }
      let at = this.now + f.delayMs;
      if (f.reorder > 0 && r() < f.reorder) {
        at += 0.001 + r() * f.reorderMs;
        this.stats.reordered++;
      }
      for (const p of this.ports) {
        if (p === from || !p.up) continue;
        const item = { at, seq: this.stats.sent * 4 + c, bytes: b };
        let i = p.inbox.length;
        while (i > 0 && p.inbox[i - 1].at > at) i--;
        p.inbox.splice(i, 0, item);
        this.stats.delivered++;
      }
    }
  }

  /** Earliest time a queued frame becomes receivable, or -1. */
  nextArrival() {
    let t = -1;
    for (const p of this.ports) if (p.inbox.length && (t < 0 || p.inbox[0].at < t)) t = p.inbox[0].at;
    return t;
  }

  savePcap(path) {
    if (!this.pcap) throw new Error('create the wire with { pcap: true } to record it');
    this.pcap.save(path);
  }
}

/**
 * Polls every interface at wire.now until nothing is in flight and no interface has work due,
 * advancing virtual time to the next frame arrival or deadline. `until` (optional) stops early when
 * it returns true. Returns the virtual time reached. Throws when maxMs of virtual time pass or
 * maxSteps polls happen without reaching idle, so a livelock fails loudly.
 */
export function runUntilIdle(wire, ifaces, { maxMs = 600000, maxSteps = 5e6, until = null, idleAfterMs = 0 } = {}) {
  const start = wire.now;
  for (let step = 0; step < maxSteps; step++) {
    let busy = false;
    for (const i of ifaces) if (i.poll(wire.now)) busy = true;
    if (until && until()) return wire.now;
    if (busy) continue;
    let t = wire.nextArrival();
    for (const i of ifaces) {
      const d = i.pollAt(wire.now);
      if (d >= 0 && (t < 0 || d < t)) t = d;
    }
    if (t < 0) return wire.now;
    if (idleAfterMs > 0 && t - wire.now > idleAfterMs && wire.nextArrival() < 0) return wire.now;
    if (t > wire.now) wire.now = t;
    if (wire.now - start > maxMs) throw new Error('runUntilIdle: still busy after ' + maxMs + ' ms of virtual time');
  }
  throw new Error('runUntilIdle: no idle state after ' + maxSteps + ' polls');
}

/** Polls every interface while advancing virtual time by ms, in steps of at most stepMs. */
export function runFor(wire, ifaces, ms, stepMs = 1) {
  const end = wire.now + ms;
  while (wire.now < end) {
    let busy = true;
    while (busy) {
      busy = false;
      for (const i of ifaces) if (i.poll(wire.now)) busy = true;
    }
    wire.now = Math.min(end, wire.now + stepMs);
  }
  for (const i of ifaces) i.poll(wire.now);
}
