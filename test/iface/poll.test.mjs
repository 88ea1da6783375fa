// poll's answer (was anything done) and pollAt's choice among the sockets' times, the ARP retry
// of parked sockets and the services' times, at their boundaries (issue 17's mutation run of
// interface.ts). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': poll and pollAt', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const A = F.A;
    function setup(extra = {}) {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, ...extra });
      iface.neighbors.fill(A('10.0.0.2'), MAC_PEER, 0);
      return { dev, iface };
    }

    test('a poll that only sends (no frame in) is busy; one with nothing to do is not', () => {
      const { iface, dev } = setup();
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(iface.poll(0), false);
      assert.ok(u.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.2'), 9) > 0);
      assert.equal(iface.poll(1), true);
      assert.equal(dev.sent.length, 1);
      assert.equal(iface.poll(2), false);
    });

    test('a 14-byte frame (a header and nothing else) reaches the IPv4 parser, which finds it malformed', () => {
      const { iface } = setup();
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 9 }).slice(0, 14);
      assert.equal(iface.processEthernet(f, 0, 14, 0), R.IpMalformed);
      assert.equal(iface.processEthernet(f, 0, 13, 0), R.EthTruncated);
    });

    test('pollAt: a socket with work now wins over a later ARP retry; the retry wins over no socket time', () => {
      const { iface } = setup();
      const parked = new lib.socket.UdpSocket();
      iface.add(parked);
      assert.ok(parked.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.6'), 9) > 0);
      iface.poll(0);
      assert.equal(iface.set.parkedCount, 1);
      assert.equal(iface.pollAt(0), 1000, 'the ARP retry');
      assert.equal(iface.pollAt(1000), 1000, 'due now');
      const busy = new lib.socket.UdpSocket();
      iface.add(busy);
      assert.ok(busy.sendTo(Uint8Array.of(2), 0, 1, A('10.0.0.2'), 9) > 0);
      assert.equal(iface.pollAt(5), 5, 'the socket with work, not the later retry');
      // A service earlier than the retry, and one at time 0.
      iface.poll(5);
      const svc = { at: 700, poll() {}, pollAt() { return this.at; } };
      iface.attach(svc);
      assert.equal(iface.pollAt(6), 700);
      svc.at = 0;
      assert.equal(iface.pollAt(0), 0, 'a service due at time 0');
    });

    test('the parked socket is retried at the ARP retry time, not before', () => {
      const { iface, dev } = setup();
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.ok(u.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.6'), 9) > 0);
      iface.poll(0);
      assert.equal(dev.sent.length, 1, 'the first ARP request');
      const pending = iface.counters[R.TxNeighborPending];
      iface.poll(999);
      assert.equal(iface.counters[R.TxNeighborPending], pending, 'not retried before the retry time');
      assert.equal(dev.sent.length, 1);
      iface.poll(1000);
      assert.equal(iface.counters[R.TxNeighborPending], pending + 1, 'retried at it');
      assert.equal(dev.sent.length, 2, 'the second ARP request');
      assert.equal(iface.pollAt(1000), 2000);
    });

    test('an ARP packet that resolves nothing pending wakes no parked socket', () => {
      const { iface } = setup();
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.ok(u.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.6'), 9) > 0);
      iface.poll(0);
      const pending = iface.counters[R.TxNeighborPending];
      const reply = F.arp({ op: 2, ethDst: 0x020000000001, senderMac: 0x020000000007, senderIp: '10.0.0.7', targetIp: '10.0.0.1', targetMac: 0x020000000001 });
      assert.equal(iface.processEthernet(reply, 0, reply.length, 10), R.ArpReplyLearned);
      iface.poll(10);
      assert.equal(iface.counters[R.TxNeighborPending], pending, 'still parked, not retried');
      assert.equal(iface.set.parkedCount, 1);
    });

    test('pollAt at time 0: a socket due now beats the ARP retry and a service; a later service does not move an earlier time', () => {
      const { iface } = setup();
      const parked = new lib.socket.UdpSocket();
      iface.add(parked);
      assert.ok(parked.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.6'), 9) > 0);
      iface.poll(0);
      const svc = { at: 1500, poll() {}, pollAt() { return this.at; } };
      iface.attach(svc);
      assert.equal(iface.pollAt(0), 1000, 'the retry, not the later service');
      const busy = new lib.socket.UdpSocket();
      iface.add(busy);
      assert.ok(busy.sendTo(Uint8Array.of(2), 0, 1, A('10.0.0.2'), 9) > 0);
      svc.at = 700;
      assert.equal(iface.pollAt(0), 0, 'the socket due at 0');
    });

    test('pollAt: an ARP retry earlier than a socket\'s timer comes first', () => {
      const { iface } = setup();
      const c = new lib.socket.TcpSocket({ initialRto: 5000 });
      iface.add(c);
      assert.equal(c.connect(A('10.0.0.2'), 80), 0);
      const parked = new lib.socket.UdpSocket();
      iface.add(parked);
      assert.ok(parked.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.6'), 9) > 0);
      iface.poll(0);
      assert.equal(iface.set.parkedCount, 1);
      assert.equal(iface.pollAt(0), 1000);
    });
  });
}
