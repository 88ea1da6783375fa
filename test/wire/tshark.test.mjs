// One frame of every kind the stack emits, built by the bundles' emit functions, checked by tshark
// with checksum validation on: no malformed packet, no bad checksum, and the fields decode to what
// was emitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { builds } from '../helpers/bundles.mjs';
import { PcapWriter } from '../helpers/pcap.mjs';
import { tsharkFindings } from '../interop/tshark.mjs';
import { ip4, mac } from './helpers.mjs';

const haveTshark = spawnSync('sh', ['-c', 'command -v tshark && command -v capinfos']).status === 0;

const HOST = ip4('192.168.7.2');
const PEER = ip4('192.168.7.1');
const ROUTER = ip4('192.168.7.254');
const HOST_MAC = mac('02:12:34:56:78:9a');
const PEER_MAC = mac('02:00:00:00:00:01');

/** The frames, in order, each { kind, bytes }: what the stack sends, built with the wire module `w`. */
function frames(w) {
  const out = [];
  const frame = (kind, ethertype, dst, build) => {
    const b = new Uint8Array(1514);
    w.emitEthernet(Object.assign(w.createEthernetRepr(), { dst, src: HOST_MAC, ethertype }), b, 0);
    out.push({ kind, bytes: b.slice(0, 14 + build(b, 14)) });
  };
  const ipv4 = (b, o, src, dst, protocol, l4) => {
    w.emitIpv4(Object.assign(w.createIpv4Repr(), { src, dst, protocol, ident: 0x1234 + out.length, dontFrag: true, payloadLen: l4 }), b, o);
    return 20 + l4;
  };
  const arp = (op, targetMac) => (b, o) =>
    w.emitArp(Object.assign(w.createArpRepr(), { op, senderMac: HOST_MAC, senderIp: HOST, targetMac, targetIp: PEER }), b, o);
  const icmp = (fields, payload, src = HOST) => (b, o) => {
    b.set(payload, o + 28);
    const n = w.emitIcmpv4(Object.assign(w.createIcmpv4Repr(), fields, { payloadLen: payload.length }), b, o + 20);
    return ipv4(b, o, src, PEER, 1, n);
  };
  const tcp = (fields, payload = new Uint8Array(0)) => (b, o) => {
    const r = Object.assign(w.createTcpRepr(), { srcPort: 80, dstPort: 50123, window: 4096 }, fields, { payloadLen: payload.length });
    if (fields.sacks) { r.sackCount = fields.sacks.length / 2; r.sackBlocks.set(fields.sacks); }
    b.set(payload, o + 20 + w.tcpHeaderLen(r));
    return ipv4(b, o, HOST, PEER, 6, w.emitTcp(r, b, o + 20, HOST, PEER));
  };
  // The datagram an ICMP error quotes: its IPv4 header and first 8 bytes (RFC 792).
  const quote = (protocol) => {
    const q = new Uint8Array(64);
    let l4;
    if (protocol === 17) {
      q.set(Buffer.from('query?'), 28);
      l4 = w.emitUdp(Object.assign(w.createUdpRepr(), { srcPort: 40000, dstPort: 9, payloadLen: 6 }), q, 20, PEER, HOST);
    } else {
      l4 = w.emitTcp(Object.assign(w.createTcpRepr(), { srcPort: 50123, dstPort: 80, seq: 1000, flags: 2, window: 1024, mss: 536 }), q, 20, PEER, ip4('10.9.9.9'));
    }
    w.emitIpv4(Object.assign(w.createIpv4Repr(), { src: PEER, dst: protocol === 17 ? HOST : ip4('10.9.9.9'), protocol, ttl: 1, payloadLen: l4 }), q, 0);
    return q.slice(0, 28);
  };
  const data = Uint8Array.from({ length: 32 }, (_, i) => 0x20 + i);

  frame('arp-request', 0x0806, 0xffffffffffff, arp(1, 0));
  frame('arp-reply', 0x0806, PEER_MAC, arp(2, PEER_MAC));
  frame('icmp-echo-request', 0x0800, PEER_MAC, icmp({ type: 8, code: 0, ident: 0x4242, seq: 7 }, data));
  frame('icmp-echo-reply', 0x0800, PEER_MAC, icmp({ type: 0, code: 0, ident: 0x4242, seq: 7 }, data));
  frame('icmp-port-unreachable', 0x0800, PEER_MAC, icmp({ type: 3, code: 3 }, quote(17)));
  frame('icmp-frag-needed', 0x0800, PEER_MAC, icmp({ type: 3, code: 4, mtu: 1400 }, quote(17)));
  frame('icmp-time-exceeded', 0x0800, PEER_MAC, icmp({ type: 11, code: 0 }, quote(6), ROUTER));
  frame('udp', 0x0800, PEER_MAC, (b, o) => {
    b.set(Buffer.from('hello over udp'), o + 28);
    return ipv4(b, o, HOST, PEER, 17, w.emitUdp(Object.assign(w.createUdpRepr(), { srcPort: 49152, dstPort: 49153, payloadLen: 14 }), b, o + 20, HOST, PEER));
  });
  frame('tcp-syn', 0x0800, PEER_MAC, tcp({ flags: 2, seq: 0xfffffff0, window: 65535, mss: 1460, wscale: 7, sackPermitted: true, hasTimestamp: true, tsVal: 123456789, tsEcr: 0 }));
  frame('tcp-data-sack', 0x0800, PEER_MAC, tcp({ flags: 0x18, seq: 5000, ack: 9000, hasTimestamp: true, tsVal: 123456999, tsEcr: 42, sacks: [10000, 11000, 12000, 12500, 14000, 14100, 16000, 16001] }, Buffer.from('HTTP/1.0 200 OK\r\n\r\n')));
  frame('tcp-rst', 0x0800, PEER_MAC, tcp({ flags: 0x14, seq: 0, ack: 777, window: 0 }));
  return out;
}

const perBuild = builds.map((b) => ({ name: b.name, frames: frames(b.lib.wire) }));
const TCP_TSHARK_ARGS = ['ip', 'udp', 'tcp'].flatMap((p) => ['-o', `${p}.check_checksum:TRUE`]);

test('both builds emit the same bytes for every frame', () => {
  const [a, b] = perBuild;
  assert.deepEqual(a.frames.map((f) => f.kind), b.frames.map((f) => f.kind));
  a.frames.forEach((f, i) => assert.deepEqual(b.frames[i].bytes, f.bytes, f.kind));
});

test('tshark finds no malformed frame and no bad checksum in what each build emits', (t) => {
  if (!haveTshark) { t.skip('tshark/capinfos not installed'); return; }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wire-tshark-'));
  try {
    const pcap = new PcapWriter();
    for (const b of perBuild) for (const f of b.frames) pcap.add(f.bytes);
    const file = path.join(dir, 'emitted.pcap');
    pcap.save(file);
    const r = tsharkFindings(file);
    assert.equal(r.frames, perBuild.length * perBuild[0].frames.length);
    assert.deepEqual(r.findings, []);

    // And tshark really checked the checksums (status 1 = good) and decodes what was emitted.
    const fields = ['frame.number', 'arp.opcode', 'ip.checksum.status', 'icmp.checksum.status', 'udp.checksum.status',
      'tcp.checksum.status', 'icmp.type', 'icmp.code', 'icmp.mtu', 'tcp.flags', 'tcp.options.mss_val', 'tcp.options.wscale.shift',
      'tcp.options.sack_perm', 'tcp.options.timestamp.tsval', 'tcp.options.sack.count', 'tcp.options.sack_le', 'tcp.len', 'udp.length'];
    const res = spawnSync('tshark', ['-n', '-r', file, ...TCP_TSHARK_ARGS, '-o', 'tcp.relative_sequence_numbers:FALSE',
      '-T', 'fields', '-E', 'occurrence=f', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const rows = res.stdout.trim().split('\n').map((l) => Object.fromEntries(l.split('\t').map((v, i) => [fields[i], v])));
    const n = perBuild[0].frames.length;
    perBuild.forEach((b, k) => b.frames.forEach((f, i) => {
      const row = rows[k * n + i];
      const at = `${b.name} ${f.kind}`;
      if (f.kind.startsWith('arp')) {
        assert.equal(row['arp.opcode'], f.kind === 'arp-request' ? '1' : '2', at);
        return;
      }
      assert.equal(row['ip.checksum.status'], '1', `${at}: IPv4 checksum`);
      if (f.kind.startsWith('icmp')) assert.equal(row['icmp.checksum.status'], '1', `${at}: ICMP checksum`);
      if (f.kind === 'udp') assert.deepEqual([row['udp.checksum.status'], row['udp.length']], ['1', '22'], at);
      if (f.kind.startsWith('tcp')) assert.equal(row['tcp.checksum.status'], '1', `${at}: TCP checksum`);
    }));
    const row = (kind) => rows[perBuild[0].frames.findIndex((f) => f.kind === kind)];
    assert.deepEqual(['icmp-echo-request', 'icmp-echo-reply', 'icmp-port-unreachable', 'icmp-time-exceeded'].map((k) => [row(k)['icmp.type'], row(k)['icmp.code']]),
      [['8', '0'], ['0', '0'], ['3', '3'], ['11', '0']]);
    assert.equal(row('icmp-frag-needed')['icmp.mtu'], '1400');
    const syn = row('tcp-syn');
    assert.deepEqual([syn['tcp.flags'], syn['tcp.options.mss_val'], syn['tcp.options.wscale.shift'], syn['tcp.options.timestamp.tsval']],
      ['0x0002', '1460', '7', '123456789']);
    assert.notEqual(syn['tcp.options.sack_perm'], '', 'SACK-permitted present');
    const sack = row('tcp-data-sack');
    assert.deepEqual([sack['tcp.flags'], sack['tcp.options.sack.count'], sack['tcp.options.timestamp.tsval'], sack['tcp.len']],
      ['0x0018', '3', '123456999', '19'], 'three of the four SACK blocks fit beside the timestamps');
    assert.equal(sack['tcp.options.sack_le'], '10000');
    assert.equal(row('tcp-rst')['tcp.flags'], '0x0014');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
