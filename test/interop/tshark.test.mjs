// The tshark checker itself: clean frames (one with a TCP checksum 0xFFFF, as Linux sends a zero
// checksum) give no finding; a bad UDP checksum, a bad IPv4 header checksum and a truncated IPv4
// packet are each reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { builds } from '../helpers/bundles.mjs';
import { PcapWriter } from '../helpers/pcap.mjs';
import { tsharkFindings } from './tshark.mjs';

const haveTshark = spawnSync('sh', ['-c', 'command -v tshark && command -v capinfos']).status === 0;

function udpFrame(w) {
  const b = new Uint8Array(14 + 20 + 8 + 5);
  const eth = w.createEthernetRepr();
  eth.dst = 0x020000000001; eth.src = 0x020000000002; eth.ethertype = 0x0800;
  w.emitEthernet(eth, b, 0);
  b.set([104, 101, 108, 108, 111], 42);
  const u = w.createUdpRepr();
  u.srcPort = 1000; u.dstPort = 2000; u.payloadLen = 5;
  const src = w.parseIpv4Address('10.0.0.2');
  const dst = w.parseIpv4Address('10.0.0.1');
  const ul = w.emitUdp(u, b, 34, src, dst);
  const ip = w.createIpv4Repr();
  ip.src = src; ip.dst = dst; ip.protocol = 17; ip.payloadLen = ul;
  w.emitIpv4(ip, b, 14);
  return b;
}

// A TCP segment whose checksum computes to 0 and is sent as 0xFFFF, as Linux does
// (skb_checksum_help writes CSUM_MANGLED_0): valid, though tshark flags it.
function tcpFrameChecksumFFFF(w) {
  const b = new Uint8Array(14 + 20 + 20 + 2);
  const eth = w.createEthernetRepr();
  eth.dst = 0x020000000001; eth.src = 0x020000000002; eth.ethertype = 0x0800;
  w.emitEthernet(eth, b, 0);
  const src = w.parseIpv4Address('10.0.0.2');
  const dst = w.parseIpv4Address('10.0.0.1');
  const t = w.createTcpRepr();
  t.srcPort = 44870; t.dstPort = 80; t.seq = 86; t.ack = 1000; t.flags = 0x18; t.window = 100; t.payloadLen = 2;
  w.emitTcp(t, b, 34, src, dst);
  b[54] = b[50]; b[55] = b[51]; // the checksum as the payload makes the sum come out 0...
  b[50] = 0xff; b[51] = 0xff; // ...which goes out as 0xFFFF
  const ip = w.createIpv4Repr();
  ip.src = src; ip.dst = dst; ip.protocol = 6; ip.payloadLen = 22;
  w.emitIpv4(ip, b, 14);
  return b;
}

test('tsharkFindings reports bad checksums and malformed frames, and nothing on a clean frame', { skip: haveTshark ? false : 'tshark/capinfos not installed' }, () => {
  const w = builds[0].lib.wire;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tshark-'));
  try {
    const clean = new PcapWriter();
    clean.add(udpFrame(w));
    clean.add(tcpFrameChecksumFFFF(w));
    fs.writeFileSync(path.join(dir, 'clean.pcap'), clean.toBuffer());
    const ok = tsharkFindings(path.join(dir, 'clean.pcap'));
    assert.equal(ok.frames, 2);
    assert.deepEqual(ok.findings, []);

    const bad = new PcapWriter();
    const f1 = udpFrame(w); f1[40] ^= 0x55; // UDP checksum
    const f2 = udpFrame(w); f2[24] ^= 0x55; // IPv4 header checksum
    const f3 = udpFrame(w).slice(0, 30); // IPv4 header cut short
    bad.add(f1); bad.add(f2); bad.add(f3);
    fs.writeFileSync(path.join(dir, 'bad.pcap'), bad.toBuffer());
    const r = tsharkFindings(path.join(dir, 'bad.pcap'));
    assert.deepEqual(r.findings.map((f) => f.frame), [1, 2, 3]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
