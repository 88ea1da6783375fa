// poll runs egress only when a socket is dirty or the earliest deadline is due (Interface.poll
// tests the set's dirty count and its earliest deadline itself: the default build's heap top,
// NO_ALLOC's bound): a timer fires at its time whatever later timers other sockets hold; a poll
// after a cancelled timer's time does nothing and says so; and the round-robin start moves by one
// at every poll, idle or not. Two connections of ours to a crafted peer, each owing a delayed ACK;
// two UDP sockets sending in the same poll. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from '../tcp/peer.mjs';
import { captureDevice, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': poll and the sockets\' timers', () => {
    const F = lib.wire.TCP_FLAGS;

    /** Two connections; the peer sends 100 bytes to the first at t1 and to the second at t2. */
    function twoOwingAcks(t1, t2) {
      const p = craftedPeer(lib);
      const c = [p.connect({ sockOpts: { ackDelay: 40 } }), p.connect({ irs: 19000, sockOpts: { ackDelay: 40 } })];
      const start = p.now;
      const data = new Uint8Array(100).fill(7);
      for (const [k, t] of [[0, t1], [1, t2]].sort((a, b) => a[1] - b[1])) {
        p.now = start + t;
        p.send({ sport: 80, dport: c[k].port, seq: c[k].rcv, ack: c[k].snd, flags: F.Ack | F.Psh, data });
      }
      assert.equal(p.out().length, 0, 'no ACK at once (delayed)');
      return { p, c, start };
    }

    /** Polls every ms from..to (relative to start) and returns when each connection's ACK left. */
    function ackTimes(p, c, start, to) {
      const at = [-1, -1];
      for (let t = p.now - start; t <= to; t++) {
        p.now = start + t;
        p.poll();
        for (const s of p.out()) {
          const k = c.findIndex((x) => x.port === s.sport);
          assert.ok(k >= 0 && s.flags & F.Ack && s.data.length === 0, 'a pure ACK of one of ours');
          assert.equal(at[k], -1, 'one ACK per connection');
          at[k] = t;
        }
      }
      return at;
    }

    test('the earlier delayed ACK leaves at its time while the other connection\'s is later', () => {
      const { p, c, start } = twoOwingAcks(0, 10);
      assert.deepEqual(ackTimes(p, c, start, 100), [40, 50]);
    });

    test('the same with the connections\' timers the other way round (the earliest in either slot)', () => {
      const { p, c, start } = twoOwingAcks(10, 0);
      assert.deepEqual(ackTimes(p, c, start, 100), [50, 40]);
    });

    test('the same with both due in the same poll', () => {
      const { p, c, start } = twoOwingAcks(0, 0);
      assert.deepEqual(ackTimes(p, c, start, 100), [40, 40]);
    });

    test('a poll at the time of a timer that was cancelled does nothing, and says so', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { nagle: false, initialRto: 1000 } });
      assert.equal(c.sock.send(new Uint8Array(100).fill(1), 0, 100), 100);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1, 'the data segment');
      const armed = p.iface.pollAt(p.now);
      assert.ok(armed > p.now, 'a retransmission timer is armed');
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: (c.snd + 100) >>> 0, flags: F.Ack });
      assert.equal(p.iface.pollAt(p.now), -1, 'all acknowledged: no timer left');
      for (const t of [armed, armed + 1]) assert.equal(p.iface.poll(t), false, 'poll at ' + t + ' found work');
      assert.equal(p.out().length, 0);
    });

    test('the round-robin start moves by one at every poll, idle or not', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 3, sockets: 2 });
      const peer = lib.wire.parseIpv4Address('10.0.0.2');
      iface.neighbors.fill(peer, MAC_PEER, 0);
      const u = [new lib.socket.UdpSocket(), new lib.socket.UdpSocket()];
      u.forEach((s, k) => { iface.add(s); assert.equal(s.bind(7000 + k), 0); });
      let polls = 0;
      const firsts = [];
      for (const idle of [0, 1, 2, 3, 1]) {
        for (let k = 0; k < idle; k++, polls++) assert.equal(iface.poll(polls), false);
        for (const s of u) assert.ok(s.sendTo(Uint8Array.of(1), 0, 1, peer, 9) > 0);
        dev.sent.length = 0;
        assert.equal(iface.poll(polls), true);
        // The first datagram's source port (bytes 34-35): the socket visited first.
        firsts.push([polls % 2, dev.sent[0][34] * 256 + dev.sent[0][35]]);
        polls++;
      }
      for (const [start, port] of firsts) assert.equal(port, 7000 + start, 'slot ' + start + ' first after ' + JSON.stringify(firsts));
    });
  });
}
