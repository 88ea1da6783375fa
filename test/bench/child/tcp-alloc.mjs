// Child process of the TCP bench: V8 young-generation growth per TCP data segment in the NO_ALLOC
// build, in steady state (young-growth.mjs: the slope between windows of 4 and 8 MiB, median of 6
// pairs). The transfer loop is written out here without the test helpers' buffers (which
// allocate), so that what grows is the stack's own allocation.
import { youngGrowth } from './young-growth.mjs';
import { builds } from '../../helpers/bundles.mjs';
import { session } from '../parts/tcp.mjs';

const lib = builds.find((b) => b.lib.noAlloc).lib;
const s = session(lib);
const chunk = new Uint8Array(65536).map((_, i) => i & 255);
const sink = new Uint8Array(65536);
let now = s.wire.now;

// The virtual wire copies each frame (slice) as a real cable would: that copy is the test's, not
// the stack's. Replace the wire with two fixed rings of preallocated frames and byte loops, so
// that only the stack can show up in the measurement.
const RING = 1024;
for (const port of s.wire.ports) {
  port.mem = new Uint8Array(RING * 1514);
  port.lens = new Int32Array(RING);
  port.head = 0;
  port.count = 0;
}
for (const port of s.wire.ports) {
  const other = s.wire.ports[0] === port ? s.wire.ports[1] : s.wire.ports[0];
  port.transmit = function (buf, off, len) {
    if (other.count === RING) return -1;
    const i = (other.head + other.count) % RING, base = i * 1514;
    for (let k = 0; k < len; k++) other.mem[base + k] = buf[off + k];
    other.lens[i] = len;
    other.count++;
    return 0;
  };
  port.receive = function (buf, off) {
    if (this.count === 0) return 0;
    const i = this.head, base = i * 1514, len = this.lens[i];
    for (let k = 0; k < len; k++) buf[off + k] = this.mem[base + k];
    this.head = (i + 1) % RING;
    this.count--;
    return len;
  };
}

function pump(bytes) {
  let sent = 0, got = 0;
  while (got < bytes) {
    if (sent < bytes) sent += s.cli.send(chunk, 0, Math.min(65536, bytes - sent));
    now += 1;
    s.A.poll(now);
    s.B.poll(now);
    for (;;) {
      const n = s.srv.recv(sink, 0, 65536);
      if (n <= 0) break;
      got += n;
    }
  }
}
pump(32 << 20); // warm up
const WINDOW = 4 << 20;
const r = youngGrowth((scale) => {
  const before = s.A.counters[lib.iface.RESULTS.TxFrames];
  pump(WINDOW * scale);
  return s.A.counters[lib.iface.RESULTS.TxFrames] - before;
});
console.log(JSON.stringify({ segments: r.units, bytesPerSegment: r.perUnit, pairs: r.pairs, scavenges: r.scavenges }));
