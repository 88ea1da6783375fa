// `npm run demo` (virtual cable, no root): exits 0 after the host's ARP, pings and status request
// succeed, and its pcap is clean for tshark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from './harness.mjs';
import { tsharkFindings } from './tshark.mjs';

const haveTshark = spawnSync('sh', ['-c', 'command -v tshark && command -v capinfos']).status === 0;

for (const chip of ['enc28j60', 'w5500']) {
  test(`demo on the virtual cable (board on ${chip}) exits 0 and writes a clean pcap`, { skip: haveTshark ? false : 'tshark/capinfos not installed' }, (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
    try {
      const pcap = path.join(dir, 'demo.pcap');
      const r = spawnSync(process.execPath, [path.join(root, 'boards', 'node-sim', 'demo.mjs'), `--chip=${chip}`, `--pcap=${pcap}`], { encoding: 'utf8', timeout: 30000 });
      assert.equal(r.status, 0, `demo failed:\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, /ping 192\.168\.7\.2 seq=3 time=/);
      assert.match(r.stdout, /"board":"node-sim\//);
      const ts = tsharkFindings(pcap);
      assert.ok(ts.frames >= 10, `pcap has ${ts.frames} frames`);
      assert.deepEqual(ts.findings, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
