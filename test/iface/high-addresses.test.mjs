// Addresses of 128.0.0.0 and above (192.168.x.x), whose 32-bit value does not fit a signed int:
// the datagram rings keep each packet's address as an int32, and every reader must give it back
// unsigned. UDP, ping and raw sockets between two hosts on 192.168.1.0/24, both ways, and each
// socket's empty and in-order reads; on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { runUntilIdle } from '../net/virtual-wire.mjs';
import { tcpPair } from '../tcp/pair.mjs';

const A_IP = 0xc0a80101, B_IP = 0xc0a80102; // 192.168.1.1, 192.168.1.2
const pair = (lib) => tcpPair(lib, { addrs: ['192.168.1.1', '192.168.1.2'] });

const bytes = (s) => Uint8Array.from(Buffer.from(s));

for (const { name, lib } of builds) {
  const E = lib.socket.SOCKET_ERRORS;

  describe(name + ': addresses above 2^31', () => {
    test('UDP: the sender\'s address and port as recvFrom gives them, and a reply to them', () => {
      const { wire, A, B } = pair(lib);
      const a = new lib.socket.UdpSocket(), b = new lib.socket.UdpSocket();
      A.add(a);
      B.add(b);
      assert.equal(a.bind(5000), 0);
      assert.equal(b.bind(7), 0);
      const out = new Uint8Array(32);
      assert.equal(b.recvFrom(out, 0, 32), E.Empty, 'nothing yet');
      assert.equal(a.sendTo(bytes('hello'), 0, 5, B_IP, 7), 5);
      runUntilIdle(wire, [A, B]);
      assert.equal(b.recvFrom(out, 0, 32), 5);
      assert.deepEqual([b.fromAddr, b.fromPort], [A_IP, 5000]);
      assert.equal(b.sendTo(bytes('back'), 0, 4, b.fromAddr, b.fromPort), 4);
      runUntilIdle(wire, [A, B]);
      assert.equal(a.recvFrom(out, 0, 32), 4);
      assert.deepEqual([a.fromAddr, a.fromPort], [B_IP, 7]);
      assert.equal(Buffer.from(out.subarray(0, 4)).toString(), 'back');
    });

    test('ping: the echo goes to the address and the reply says where it came from', () => {
      const { wire, A, B } = pair(lib);
      const p = new lib.socket.IcmpSocket();
      A.add(p);
      assert.equal(p.bind(0x4321), 0);
      const data = bytes('ping');
      assert.equal(p.sendEcho(B_IP, 9, data, 0, 4), 4);
      runUntilIdle(wire, [A, B]);
      const out = new Uint8Array(16);
      assert.equal(p.recv(out, 0, 16), 4, 'the reply came back');
      assert.deepEqual([p.fromAddr, p.seq], [B_IP, 9]);
    });

    test('raw: IP payloads to the address, and the packets as received, in order, with their source', () => {
      const { wire, A, B } = pair(lib);
      const ra = new lib.socket.RawSocket(), rb = new lib.socket.RawSocket();
      A.add(ra);
      B.add(rb);
      assert.equal(ra.bind(4, 99), 0);
      assert.equal(rb.bind(4, 99), 0);
      const out = new Uint8Array(64);
      assert.equal(rb.recv(out, 0, 64), E.Empty, 'nothing yet');
      assert.equal(ra.send(Uint8Array.of(1, 2, 3), 0, 3, B_IP), 3);
      assert.equal(ra.send(Uint8Array.of(4, 5), 0, 2, B_IP), 2);
      runUntilIdle(wire, [A, B]);
      for (const payload of [[1, 2, 3], [4, 5]]) {
        assert.equal(rb.recv(out, 0, 64), 20 + payload.length);
        assert.deepEqual([...out.subarray(20, 20 + payload.length)], payload);
        assert.deepEqual([(out[12] << 24 | out[13] << 16 | out[14] << 8 | out[15]) >>> 0, out[9]], [A_IP, 99], 'source and protocol in the header');
        assert.equal(rb.fromAddr, A_IP);
      }
      assert.equal(rb.recv(out, 0, 64), E.Empty, 'both read, once each');
    });
  });
}
