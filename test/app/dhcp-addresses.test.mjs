// Which addresses the DHCP client takes: an offer or an ACK naming a multicast address (224/4) or
// the limited broadcast is ignored and counted, as an address of 0 is: such an address cannot be
// ours (the interface refuses it), and it comes from the wire.
// Both builds, against the scripted server of servers.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { VirtualWire } from '../net/virtual-wire.mjs';
import { DhcpServer } from './servers.mjs';
import { advance } from './run.mjs';

const MAC_C = 0x02000000000c, MAC_S = 0x020000000005;

function setup(lib, script) {
  const wire = new VirtualWire({ seed: 3 });
  const C = new lib.iface.Interface({ device: wire.port(MAC_C), seed: 11, sockets: 12 });
  const S = new lib.iface.Interface({ device: wire.port(MAC_S), ip: '10.0.0.1', prefix: 24, seed: 12, sockets: 12 });
  const server = new DhcpServer(lib, S, script);
  const dhcp = new lib.app.DhcpClient(C, { probes: 0 });
  return { wire, C, S, server, dhcp, ifaces: [C, S] };
}

for (const { name, lib } of builds) {
  const ip = (s) => lib.wire.parseIpv4Address(s);
  const state = (d) => lib.app.DHCP_STATES[d.state];

  describe(name + ': DHCP client, addresses it takes', () => {
    for (const bad of ['255.255.255.255', '224.0.0.5', '239.255.255.255']) {
      test('an offer of ' + bad + ' is ignored: no request, no address', () => {
        const t = setup(lib, { pool: bad });
        assert.equal(t.dhcp.start(), 0);
        advance(t.wire, t.ifaces, 6000);
        assert.equal(state(t.dhcp), 'Selecting');
        assert.ok(t.dhcp.ignored >= 1);
        assert.equal(t.dhcp.offers, 0);
        assert.equal(t.C.ipAddr, 0);
        assert.ok(t.server.seen.length >= 1 && t.server.seen.every((m) => m.type === lib.wire.DHCP_TYPES.Discover), 'only DISCOVERs');
      });
    }

    test('a renewal ACK naming 255.255.255.255 is ignored: the lease keeps its address', () => {
      const t = setup(lib, { lease: 20, t1: 10, t2: 16 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 3000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      const ignored = t.dhcp.ignored;
      t.server.script.pool = '255.255.255.255';
      advance(t.wire, t.ifaces, 8500);
      assert.ok(t.server.seen.length >= 3, 'the renewal went out');
      assert.ok(t.dhcp.ignored > ignored, 'its ACK ignored');
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.notEqual(state(t.dhcp), 'Bound', 'not renewed by it');
    });

    for (const good of ['223.255.255.254', '240.0.0.1', '255.255.255.254']) {
      test('an offer of ' + good + ', next to the refused ranges, is taken', () => {
        const t = setup(lib, { pool: good, router: '' });
        t.dhcp.start();
        advance(t.wire, t.ifaces, 3000);
        assert.equal(state(t.dhcp), 'Bound');
        assert.equal(t.C.ipAddr, ip(good));
      });
    }
  });
}
