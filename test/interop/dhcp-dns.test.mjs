// DHCP and DNS against dnsmasq on the TAP (the kernel side of the interop namespace): both builds,
// the stack on the TAP directly and through the ENC28J60 driver and emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { interopSkipReason, runScenario } from './harness.mjs';
import { tsharkFindings } from './tshark.mjs';

const noDnsmasq = spawnSync('sh', ['-c', 'command -v dnsmasq'], { encoding: 'utf8' }).status !== 0;
const skip = interopSkipReason() || (noDnsmasq ? 'needs dnsmasq (Debian package dnsmasq-base)' : false);

for (const [build, chip] of [['default', null], ['noalloc', 'enc28j60']]) {
  test(`interop ${build}/${chip || 'tap'}: DHCP lease after ARP probes, renewal, release; DNS names from dnsmasq`, { skip }, async (t) => {
    const r = await runScenario('dhcp-dns', { build, chip }, { timeoutMs: 90000 });
    assert.equal(r.error, undefined, r.error + '\n' + (r.dnsmasqLog || []).join('\n'));
    t.diagnostic(`lease: ${JSON.stringify(r.lease)}; renewal: ${JSON.stringify(r.renewal)}`);
    t.diagnostic(`names: ${JSON.stringify(r.names)}; counters: ${JSON.stringify(r.counters)}`);
    t.diagnostic(`probe: ${JSON.stringify(r.probe)}; release: ${JSON.stringify(r.release)}`);
    assert.equal(r.lease.state, 'Bound');
    assert.deepEqual(r.probe, { probes: 3, conflicts: 0, declines: 0, probedBeforeUse: true }, 'the kernel has no claim on the offered address');
    assert.ok(r.lease.ms >= 3000, 'the lease waited for the probes: ' + r.lease.ms + ' ms');
    assert.match(r.lease.address, /^10\.0\.0\.(5\d|60)$/);
    assert.equal(r.lease.prefix, 24);
    assert.equal(r.lease.gateway, '10.0.0.1');
    assert.deepEqual(r.lease.dns, ['10.0.0.1']);
    assert.equal(r.lease.leaseMs, 120000);
    assert.equal(r.lease.t1Ms, 8000);
    assert.ok(r.leaseFile.includes(r.lease.address) && r.leaseFile.includes('simboard'), 'dnsmasq recorded the lease: ' + r.leaseFile);
    assert.deepEqual(r.names, {
      'board.test': '10.0.0.77', 'alias.test': '10.0.0.77', 'simboard.test': r.lease.address, simboard: r.lease.address, 'nothing.test': -16,
    });
    assert.equal(r.kernelPing.code, 0, r.kernelPing.summary);
    assert.equal(r.renewal.state, 'Bound');
    assert.equal(r.renewal.address, r.lease.address);
    assert.ok(r.renewal.extendedMs >= 5000, 'the renewal moved the expiry: ' + r.renewal.extendedMs);
    assert.equal(r.counters.announces, 2);
    assert.ok(r.release.released, 'dnsmasq logged the RELEASE and dropped the lease: ' + JSON.stringify(r.release));
    assert.match(r.release.logLine, new RegExp('DHCPRELEASE\\(tapdhcp0\\) ' + r.lease.address.replace(/\./g, '\\.') + ' '));
    assert.equal(r.release.address, '0.0.0.0', 'the address left after the release');
    assert.equal(r.release.releases, 1);
    const ts = tsharkFindings(r.pcap);
    assert.equal(ts.frames, r.recorded);
    assert.deepEqual(ts.findings, [], 'tshark: no malformed frame, no bad checksum');
  });
}
