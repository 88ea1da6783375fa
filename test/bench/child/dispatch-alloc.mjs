// Child process of the dispatch bench: V8 young-generation growth per packet in the NO_ALLOC build,
// in steady state: a datagram in (processEthernet), read out (recvFrom), one sent back (sendTo +
// poll). Run with --max-semi-space-size large enough that no scavenge happens during the count
// (young-growth.mjs: the slope between windows of 25,000 and 50,000 packets, median of 6 pairs).
import { youngGrowth } from './young-growth.mjs';
import { builds } from '../../helpers/bundles.mjs';
import { captureDevice, frameBuilder } from '../../iface/frames.mjs';

const lib = builds.find((b) => b.lib.noAlloc).lib;
const dev = captureDevice();
dev.transmit = () => 0;
const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, sockets: 16, seed: 5 });
const F = frameBuilder(lib);
// The lifetime first: fill() stamps the expiry with it (after, the entry would expire at 60 s of
// virtual time and every later datagram would wait for an ARP reply that never comes).
iface.neighbors.lifetime = 1e12;
iface.neighbors.fill(F.A('10.0.0.2'), 0x020000000002, 0);
const s = new lib.socket.UdpSocket();
iface.add(s);
s.bind(7);
const frame = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, sport: 9, data: new Uint8Array(64) });
const out = new Uint8Array(128);
const len = frame.length;
const dst = F.A('10.0.0.2');

function step(i) {
  iface.processEthernet(frame, 0, len, i);
  const n = s.recvFrom(out, 0, 128);
  s.sendTo(out, 0, n, dst, 9);
  iface.poll(i);
}
for (let i = 0; i < 50000; i++) step(i); // warm up: let the optimiser settle
const PACKETS = 25000;
let next = 50000;
const r = youngGrowth((scale) => {
  for (let i = 0; i < PACKETS * scale; i++) step(next++);
  return PACKETS * scale;
});
console.log(JSON.stringify({ packets: r.units, bytesPerPacket: r.perUnit, pairs: r.pairs, scavenges: r.scavenges }));
