// Defects found by the interface fuzz campaign (test/fuzz/campaign.mjs), each minimised to a named
// scenario on both builds. The comment of each test gives the campaign run that found it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { tcpPair, bytesOf, drain, MAC_A, MAC_B } from '../tcp/pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': fuzz regressions', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const W = lib.wire;
    const state = (s) => ST[s.state];
    /** A pair whose neighbours are known, so that the first poll already sends the SYN. */
    function pair(opts) {
      const p = tcpPair(lib, opts);
      p.A.neighbors.fill(p.ipB, MAC_B, 0);
      p.B.neighbors.fill(p.ipA, MAC_A, 0);
      return p;
    }

    /** A server on B port 80 and a client on A connecting to it (the SYN not sent yet). */
    function connecting(p, opts, isn) {
      const srv = new lib.socket.TcpSocket(opts), cli = new lib.socket.TcpSocket(opts);
      if (isn !== undefined) cli.isnOverride = isn;
      p.B.add(srv);
      p.A.add(cli);
      srv.listen(80);
      cli.connect(p.ipB, 80);
      return { srv, cli };
    }

    /** Every TCP segment on the wire parses (a FIN of payload length -1 made a 19-byte TCP header). */
    function recordSegments(p) {
      const bad = [];
      for (const port of p.wire.ports) {
        const tx = port.transmit;
        port.transmit = function (buf, off, len) {
          const f = buf.slice(off, off + len);
          const ip = W.createIpv4Repr();
          if (f[12] === 8 && f[13] === 0 && W.parseIpv4(f, 14, len - 14, ip) === 0 && ip.protocol === 6) {
            const t = W.createTcpRepr();
            const c = W.parseTcp(f, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, t);
            if (c !== 0) bad.push(`TCP segment from ${port.mac.toString(16)} does not parse: code ${c}, IP payload ${ip.payloadLen}`);
          }
          return tx.call(this, buf, off, len);
        };
      }
      return bad;
    }

    // fuzz default seed 2 episode 12 (invariant: a TCP socket with something outstanding has a timer):
    // close() in SYN-RECEIVED after the SYN-ACK went out sent a FIN of payload length -1 at the
    // SYN's sequence number, took the peer's ACK of the SYN as the ACK of that FIN (FIN-WAIT-2), and
    // the peer never learnt of the close.
    test('close() in SYN-RECEIVED after the SYN-ACK: the FIN follows the handshake and the peer sees it', () => {
      const p = pair();
      const bad = recordSegments(p);
      const { srv, cli } = connecting(p, { timeWait: 1000 });
      p.A.poll(p.wire.now); // SYN out
      p.B.poll(p.wire.now); // SYN in, SYN-ACK out
      assert.equal(state(srv), 'SynReceived');
      srv.close();
      p.B.poll(p.wire.now); // the server's egress runs before the client's ACK arrives
      p.run({ idleAfterMs: 5000 });
      assert.deepEqual(bad, []);
      assert.equal(cli.recv(new Uint8Array(10), 0, 10), E.Closed, 'the client saw the FIN');
      assert.equal(state(cli), 'CloseWait');
      cli.close();
      p.run({ idleAfterMs: 5000 });
      assert.equal(state(cli), 'Closed');
      assert.equal(state(srv), 'Closed');
    });

    // The same close() before the SYN-ACK was sent (the SYN arrived, no poll yet): the socket went
    // to FIN-WAIT-1 and sent a FIN in place of its SYN-ACK.
    test('close() in SYN-RECEIVED before the SYN-ACK: the SYN-ACK still goes first', () => {
      const p = pair();
      const bad = recordSegments(p);
      const { srv, cli } = connecting(p, { timeWait: 1000 });
      p.A.poll(p.wire.now); // SYN out
      const port = p.wire.ports[1];
      const f = port.inbox.shift().bytes;
      p.B.processEthernet(f, 0, f.length, p.wire.now); // SYN in, nothing sent yet
      assert.equal(state(srv), 'SynReceived');
      srv.close();
      p.run({ idleAfterMs: 5000 });
      assert.deepEqual(bad, []);
      assert.equal(cli.recv(new Uint8Array(10), 0, 10), E.Closed, 'the client connected and saw the FIN');
    });

    // fuzz default seed 2 (after the fix above): a retransmission timeout whose segment the device
    // refused (DeviceError: busy, link down) left the socket with no timer and nothing dirty: the
    // data in flight was never sent again.
    test('a retransmission the device refuses is tried again at the next timeout', () => {
      const p = pair();
      const { srv, cli } = connecting(p);
      p.run({ idleAfterMs: 5000 });
      assert.equal(state(cli), 'Established');
      const [portA, portB] = p.wire.ports;
      cli.send(bytesOf('hello'), 0, 5);
      p.A.poll(p.wire.now);
      portB.inbox.length = 0; // the segment is lost
      portA.up = false; // and the retransmission is refused
      const rto = p.A.pollAt(p.wire.now);
      assert.ok(rto > p.wire.now);
      p.wire.now = rto;
      p.A.poll(p.wire.now);
      portA.up = true;
      assert.ok(p.A.pollAt(p.wire.now) >= 0, 'a timer is armed for the data still in flight');
      p.run({ idleAfterMs: 120000 });
      const got = [];
      drain(srv, got);
      assert.equal(Buffer.from(got).toString(), 'hello');
    });
    // fuzz noalloc seed 20261201 episode 11 (invariant: every emitted frame parses): a fast
    // retransmission the device refused was still pending when the retransmission timer fired; the
    // timer forgot the FIN was sent, the pending retransmission then jumped sndNxt past the FIN, and
    // once the data was acknowledged the FIN went out again with payload length -1.
    test('a retransmission timeout cancels a pending fast retransmission (no FIN of length -1)', () => {
      const p = pair({ mtu: 576 });
      const bad = recordSegments(p);
      const { srv, cli } = connecting(p, undefined, 1000);
      p.run({ idleAfterMs: 5000 });
      assert.equal(state(cli), 'Established');
      const [portA, portB] = p.wire.ports;
      const data = new Uint8Array(4 * cli.sndMss).fill(7); // 536 less the timestamp option
      assert.equal(cli.send(data, 0, data.length), data.length);
      cli.close();
      p.A.poll(p.wire.now); // four segments, the FIN on the last
      const segs = portB.inbox.splice(0);
      assert.equal(segs.length, 4);
      for (const f of segs.slice(1)) { // the first is lost: three duplicate ACKs
        p.B.processEthernet(f.bytes, 0, f.bytes.length, p.wire.now);
        p.B.poll(p.wire.now);
      }
      portA.up = false;
      p.A.poll(p.wire.now); // fast retransmit, refused by the device
      p.wire.now = p.A.pollAt(p.wire.now); // the retransmission timer
      portA.up = true;
      p.run({ idleAfterMs: 120000 });
      assert.deepEqual(bad, []);
      const got = [];
      assert.equal(drain(srv, got), E.Closed);
      assert.equal(got.length, data.length);
    });
  });
}
