// DNS client against scripted servers on the virtual wire: A records, CNAME chains, NXDOMAIN, wrong
// id / question / source, truncated answers, server failover and timeouts, random ids and ports, the
// TTL-bounded cache; on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { VirtualWire } from '../net/virtual-wire.mjs';
import { DnsServer, dnsResponse } from './servers.mjs';
import { advance } from './run.mjs';

function setup(lib, answer1, answer2 = () => null, options = {}) {
  const wire = new VirtualWire({ seed: 5 });
  const C = new lib.iface.Interface({ device: wire.port(0x020000000001), ip: '10.0.0.10', prefix: 24, seed: 21, sockets: 12 });
  const S1 = new lib.iface.Interface({ device: wire.port(0x020000000002), ip: '10.0.0.53', prefix: 24, seed: 22, sockets: 4 });
  const S2 = new lib.iface.Interface({ device: wire.port(0x020000000003), ip: '10.0.0.54', prefix: 24, seed: 23, sockets: 4 });
  const s1 = new DnsServer(lib, S1, answer1), s2 = new DnsServer(lib, S2, answer2);
  const dns = new lib.app.DnsClient(C, { servers: ['10.0.0.53', '10.0.0.54'], ...options });
  return { wire, C, dns, s1, s2, ifaces: [C, S1, S2] };
}

/** Resolves name and runs the wire until the callback ran (or ms passed); returns [err, addr]. */
function lookup(t, name, ms = 30000) {
  let got = null;
  const r = t.dns.resolve(name, (err, addr) => (got = [err, addr]));
  if (r !== 0) return [r, 0];
  for (let waited = 0; got === null && waited < ms; waited += 100) advance(t.wire, t.ifaces, 100);
  return got;
}

for (const { name, lib } of builds) {
  const E = lib.socket.SOCKET_ERRORS;
  const ip = (s) => lib.wire.parseIpv4Address(s);
  const A = (n, data, ttl) => ({ name: n, type: 'A', data, ttl });
  const CN = (n, data, ttl) => ({ name: n, type: 'CNAME', data, ttl });

  describe(name + ': DNS client', () => {
    test('an A record answers; the cache answers again without a query until the TTL ends', () => {
      const t = setup(lib, (q) => dnsResponse(q, { answers: [A('@', '10.1.2.3', 60)] }));
      assert.deepEqual(lookup(t, 'Board.Example'), [0, ip('10.1.2.3')]);
      assert.equal(t.s1.seen.length, 1);
      assert.equal(t.s1.seen[0].name, 'board.example');
      assert.deepEqual(lookup(t, 'board.example'), [0, ip('10.1.2.3')]);
      assert.equal(t.s1.seen.length, 1, 'second lookup from the cache');
      assert.equal(t.dns.cacheHits, 1);
      advance(t.wire, t.ifaces, 61000);
      assert.deepEqual(lookup(t, 'board.example'), [0, ip('10.1.2.3')]);
      assert.equal(t.s1.seen.length, 2, 'expired entry asked again');
    });

    test('a query made after a long idle spell waits its whole timeout from the poll that sends it', () => {
      const t = setup(lib, () => null, undefined, { timeoutMs: 1000 });
      advance(t.wire, t.ifaces, 10);
      t.wire.now += 5000; // nobody polled for 5 s: the interface's clock is that old
      t.dns.resolve('idle.example', () => {});
      advance(t.wire, t.ifaces, 900);
      assert.equal(t.s1.seen.length + t.s2.seen.length, 1, 'asked once, not resent at the first poll');
      advance(t.wire, t.ifaces, 200);
      assert.equal(t.s1.seen.length + t.s2.seen.length, 2, 'resent once the timeout passed');
    });

    test('a dotted address is answered without a query, from a later poll', () => {
      const t = setup(lib, () => null);
      let got = null;
      t.dns.resolve('192.168.4.5', (e, a) => (got = [e, a]));
      assert.equal(got, null, 'never called back from inside resolve');
      advance(t.wire, t.ifaces, 1);
      assert.deepEqual(got, [0, ip('192.168.4.5')]);
      assert.equal(t.s1.seen.length + t.s2.seen.length, 0);
    });

    test('a CNAME chain is followed inside the answer (compressed names, records out of order)', () => {
      const t = setup(lib, (q) => dnsResponse(q, {
        answers: [A('c.example', '10.9.9.9', 100), CN('b.example', 'c.example', 50), A('other.example', '10.6.6.6'), CN('@', 'b.example', 200)],
      }));
      assert.deepEqual(lookup(t, 'www.example'), [0, ip('10.9.9.9')]);
    });

    test('a CNAME loop or an answer with no A record for the name is not an address', () => {
      const loop = setup(lib, (q) => dnsResponse(q, { answers: [CN('@', 'x.example'), CN('x.example', 'www.example')] }));
      const r = lookup(loop, 'www.example');
      assert.equal(r[0], E.TimedOut, 'a looping answer is ignored (every server, every attempt)');
      const other = setup(lib, (q) => dnsResponse(q, { answers: [A('elsewhere.example', '10.6.6.6'), { name: '@', type: 'AAAA' }] }));
      assert.deepEqual(lookup(other, 'www.example'), [E.NotFound, 0]);
    });

    test('NXDOMAIN is NotFound at once (no other server asked)', () => {
      const t = setup(lib, (q) => dnsResponse(q, { rcode: 3 }));
      assert.deepEqual(lookup(t, 'nothing.example'), [E.NotFound, 0]);
      assert.equal(t.s2.seen.length, 0);
    });

    test('a wrong id, a different question, or a truncated message is ignored; the right answer counts', () => {
      const bad = [
        (q) => dnsResponse(q, { id: ((q[0] << 8) | q[1]) ^ 1, answers: [A('@', '10.6.6.6')] }),
        (q) => dnsResponse(q, { question: 'evil.example', answers: [A('@', '10.6.6.6')] }),
        (q) => dnsResponse(q, { answers: [A('@', '10.6.6.6')], truncateTo: 40 }),
      ];
      for (const b of bad) {
        // Server 1 answers its first query badly and the next one well; server 2 is silent.
        const t = setup(lib, (q, n, count) => (count === 1 ? b(q) : dnsResponse(q, { answers: [A('@', '10.1.1.1')] })));
        assert.deepEqual(lookup(t, 'www.example'), [0, ip('10.1.1.1')]);
        assert.equal(t.dns.ignored, 1);
        assert.deepEqual([t.s1.seen.length, t.s2.seen.length], [2, 1]);
      }
    });

    test('no answer: attempts rotate over the servers with a doubling wait, then TimedOut', () => {
      const t = setup(lib, () => null, () => null);
      const r = lookup(t, 'slow.example', 60000);
      assert.deepEqual(r, [E.TimedOut, 0]);
      const seen = [...t.s1.seen, ...t.s2.seen].sort((a, b) => a.at - b.at);
      assert.deepEqual(seen.map((s) => s.from === undefined ? 0 : 1).length, 4);
      assert.deepEqual([t.s1.seen.length, t.s2.seen.length], [2, 2]);
      const gaps = seen.slice(1).map((s, i) => Math.round(s.at - seen[i].at));
      assert.deepEqual(gaps, [1000, 1000, 2000]);
    });

    test('a server that fails (SERVFAIL) hands over to the next at once', () => {
      const t = setup(lib, (q) => dnsResponse(q, { rcode: 2 }), (q) => dnsResponse(q, { answers: [A('@', '10.2.2.2')] }));
      assert.deepEqual(lookup(t, 'www.example'), [0, ip('10.2.2.2')]);
      assert.ok(t.s2.seen[0].at - t.s1.seen[0].at < 100);
    });

    test('answers from the wrong address or port are ignored', () => {
      // Whenever server 1 gets a query, a host that is not a configured server, and server 1 from
      // another port, send the right answer to the client's port; server 1 itself stays silent.
      let t = null;
      const spoof = (q) => {
        const last = t.s1.seen[t.s1.seen.length - 1];
        const r = dnsResponse(q, { answers: [A('@', '10.6.6.6')] });
        t.rogue.sendTo(r, 0, r.length, last.from, last.port);
        t.side.sendTo(r, 0, r.length, last.from, last.port);
        return null;
      };
      t = setup(lib, spoof, () => null);
      t.rogue = new lib.socket.UdpSocket();
      t.ifaces[2].add(t.rogue);
      t.rogue.bind(53);
      t.side = new lib.socket.UdpSocket();
      t.ifaces[1].add(t.side);
      t.side.bind(5353);
      t.s2.sock.unbind(); // so that the rogue host owns port 53 on 10.0.0.54...
      t.dns.setServers(['10.0.0.53']); // ...which is no longer a server
      assert.deepEqual(lookup(t, 'www.example'), [E.TimedOut, 0]);
      assert.equal(t.s1.seen.length, 4);
      assert.equal(t.dns.ignored, 8, 'two spoofed answers per query');
    });

    test('every name gets its own random id and source port', () => {
      const t = setup(lib, (q) => dnsResponse(q, { answers: [A('@', '10.1.1.1', 0)] }));
      for (let i = 0; i < 20; i++) assert.equal(lookup(t, 'n' + i + '.example')[0], 0);
      const ids = new Set(t.s1.seen.map((s) => s.id)), ports = new Set(t.s1.seen.map((s) => s.port));
      assert.ok(ids.size >= 19 && ports.size >= 19, ids.size + ' ids, ' + ports.size + ' ports');
      assert.ok(t.s1.seen.every((s) => s.port >= 49152));
    });

    test('bad names are refused; busy slots say Exhausted', () => {
      const t = setup(lib, () => null, () => null, { pending: 1 });
      assert.equal(t.dns.resolve('a..b', () => {}), E.BadArgument);
      assert.equal(t.dns.resolve('x'.repeat(64) + '.example', () => {}), E.BadArgument);
      assert.equal(t.dns.resolve('ok.example', () => {}), 0);
      assert.equal(t.dns.resolve('second.example', () => {}), E.Exhausted);
    });
  });
}
