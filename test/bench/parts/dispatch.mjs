// Dispatch bench: time per ingress UDP packet with 1, 10, 100, 1000 bound sockets (the packet goes
// to one of them), time of one poll with N idle sockets and one dirty one, for each build; and the
// heap the NO_ALLOC build allocates per packet in steady state (measured in a child process).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { captureDevice, frameBuilder } from '../../iface/frames.mjs';

const COUNTS = [1, 10, 100, 1000];

function setup(lib, n) {
  const dev = captureDevice();
  dev.transmit = () => 0; // a sink: the bench times the stack, not the capture
  const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, sockets: n + 1, seed: 5 });
  const F = frameBuilder(lib);
  iface.neighbors.lifetime = 1e12; // before fill(), which stamps the expiry with it
  iface.neighbors.fill(F.A('10.0.0.2'), 0x020000000002, 0);
  const socks = [];
  for (let i = 0; i < n; i++) {
    const s = new lib.socket.UdpSocket({ rxPackets: 2, txPackets: 2 });
    iface.add(s);
    s.bind(10000 + i);
    socks.push(s);
  }
  return { iface, socks, F };
}

/** ns per packet: frames to a socket in the middle of the set, drained each time. */
export function ingress(lib, n, packets) {
  const { iface, socks, F } = setup(lib, n);
  const target = socks[n >> 1];
  const frame = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: target.localPort, data: new Uint8Array(64) });
  const out = new Uint8Array(128);
  const len = frame.length;
  for (let i = 0; i < 20000; i++) { iface.processEthernet(frame, 0, len, 0); target.recvFrom(out, 0, 128); }
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < packets; i++) { iface.processEthernet(frame, 0, len, 0); target.recvFrom(out, 0, 128); }
  return Number(process.hrtime.bigint() - t0) / packets;
}

/** ns per poll with n idle sockets and one that has a datagram to send. */
export function egress(lib, n, polls) {
  const { iface, socks, F } = setup(lib, n);
  const s = socks[n >> 1];
  const data = new Uint8Array(64), dst = F.A('10.0.0.2');
  for (let i = 0; i < 20000; i++) { s.sendTo(data, 0, 64, dst, 9); iface.poll(i); }
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < polls; i++) { s.sendTo(data, 0, 64, dst, 9); iface.poll(i); }
  return Number(process.hrtime.bigint() - t0) / polls;
}

function best(f, tries) {
  let b = Infinity;
  for (let i = 0; i < tries; i++) b = Math.min(b, f());
  return b;
}

export default async function ({ builds }) {
  const rows = [], json = {};
  for (const { name, lib } of builds) {
    const inT = {}, outT = {};
    for (const n of COUNTS) {
      inT[n] = best(() => ingress(lib, n, 100000), 3);
      outT[n] = best(() => egress(lib, n, lib.noAlloc && n >= 1000 ? 20000 : 100000), 3);
      rows.push([name + ' ingress, ' + n + ' sockets', inT[n].toFixed(0), 'ns/packet']);
      rows.push([name + ' poll, ' + n + ' idle + 1 dirty', outT[n].toFixed(0), 'ns/poll']);
    }
    const p = lib.noAlloc ? 'noalloc_' : '';
    json[p + 'ingress_ratio_1000'] = +(inT[1000] / inT[1]).toFixed(3);
    json[p + 'egress_ratio_1000'] = +(outT[1000] / outT[1]).toFixed(3);
    rows.push([name + ' ingress ratio 1000/1', json[p + 'ingress_ratio_1000'], '']);
    rows.push([name + ' egress ratio 1000/1', json[p + 'egress_ratio_1000'], '']);
  }
  // Allocation: a child process with a 512 MB young generation (no scavenge during the run).
  const child = fileURLToPath(new URL('../child/dispatch-alloc.mjs', import.meta.url));
  const out = execFileSync(process.execPath, ['--max-semi-space-size=512', '--expose-gc', child], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop());
  json.noalloc_alloc_bytes_per_packet = r.bytesPerPacket;
  rows.push(['noalloc heap growth per packet (ingress + recv + send + poll)', r.bytesPerPacket, 'bytes (slope between windows of 25,000 and 50,000 packets, median of ' +
    r.pairs.length + ' pairs, ' + r.scavenges + ' scavenges; window bytes ' + r.pairs.map((p) => p.join('/')).join(' ') + ')']);
  return { title: 'Dispatch (issue 3)', rows, json };
}
