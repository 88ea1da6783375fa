// DNS messages where the stack really has them and at their limits: a query emitted at an offset
// into a used buffer, a response parsed at an offset (compression pointers count from the message's
// start, not the buffer's) with bytes after it, pointers to offsets of 256 and more, reserved label
// types, a pointer at or past the message's end, an owner name of 255 and 256 bytes, the bounds on
// CNAME links, answer records and addresses, and a chain of pointers at the hop limit. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { dnsResponse } from '../app/servers.mjs';

for (const { name, lib } of builds) {
  describe(name + ': DNS messages at an offset', () => {
    const w = lib.wire;
    const E = w.WIRE_ERRORS;
    const qname = (host) => {
      const qn = new Uint8Array(256);
      return { qn, qlen: w.encodeDnsName(host, qn) };
    };

    test('a query emitted at an offset: the same bytes, its length, nothing written around it', () => {
      const { qn, qlen } = qname('ab.c');
      const buf = new Uint8Array(100).fill(0xee);
      const n = w.emitDnsQuery(0xbeef, qn, qlen, buf, 30);
      assert.equal(n, 12 + 6 + 4);
      assert.deepEqual([...buf.subarray(30, 30 + n)], [0xbe, 0xef, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 97, 98, 1, 99, 0, 0, 1, 0, 1]);
      assert.ok(buf.subarray(0, 30).every((b) => b === 0xee) && buf.subarray(30 + n).every((b) => b === 0xee), 'only its own bytes');
    });

    test('a response parsed at an offset, with bytes after it, reads as at offset 0', () => {
      const { qn, qlen } = qname('www.example.com');
      const q = new Uint8Array(64);
      const ql = w.emitDnsQuery(0x4242, qn, qlen, q, 0);
      const resp = dnsResponse(q.subarray(0, ql), { answers: [
        { name: '@', type: 'CNAME', data: 'a.example.net', ttl: 900 },
        { name: 'a.example.net', data: '198.51.100.9', ttl: 500 },
        { name: 'a.example.net', data: '198.51.100.10', ttl: 300 },
      ] });
      // The answers' owner '@' is a pointer to offset 12 of the message.
      const at0 = w.createDnsRepr();
      assert.equal(w.parseDnsResponse(resp, 0, resp.length, qn, qlen, at0), E.Ok);
      for (const off of [1, 42, 300]) {
        const buf = new Uint8Array(off + resp.length + 40);
        // Before the message: a copy of it (a pointer counted from the buffer would land in it), after it junk.
        buf.set(resp.subarray(0, Math.min(off, resp.length)), 0);
        buf.fill(0xc0, off + resp.length);
        buf.set(resp, off);
        const r = w.createDnsRepr();
        assert.equal(w.parseDnsResponse(buf, off, resp.length, qn, qlen, r), E.Ok, 'at ' + off);
        assert.deepEqual([r.id, r.cnames, r.ttl, r.addrCount, ...r.addrs.slice(0, r.addrCount)], [0x4242, 1, 300, 2, 0xc6336409, 0xc633640a], 'at ' + off);
        assert.deepEqual([r.id, r.cnames, r.ttl, r.addrCount], [at0.id, at0.cnames, at0.ttl, at0.addrCount]);
        assert.equal(w.parseDnsResponse(buf, off, resp.length - 1, qn, qlen, r), E.Truncated, 'its last byte cut, at ' + off);
      }
    });

    test('the bounds: 8 CNAME links followed, 9 Malformed; 16 answer records looked at; 4 addresses kept', () => {
      const { qn, qlen } = qname('www.example.com');
      const q = new Uint8Array(64);
      const query = q.subarray(0, w.emitDnsQuery(1, qn, qlen, q, 0));
      const parse = (answers) => {
        const m = dnsResponse(query, { answers });
        const r = w.createDnsRepr();
        return [w.parseDnsResponse(m, 0, m.length, qn, qlen, r), r];
      };
      const chain = (links) => {
        const answers = [];
        for (let i = 0; i < links; i++) answers.push({ name: i === 0 ? '@' : 'c' + i + '.example', type: 'CNAME', data: 'c' + (i + 1) + '.example' });
        answers.push({ name: 'c' + links + '.example', data: '192.0.2.1' });
        return parse(answers);
      };
      let [e, r] = chain(8);
      assert.equal(e, E.Ok);
      assert.deepEqual([r.cnames, r.addrCount, r.addrs[0]], [8, 1, 0xc0000201]);
      assert.equal(chain(9)[0], E.Malformed, '9 links');
      const aaaa = (n) => Array.from({ length: n }, () => ({ name: '@', type: 'AAAA' }));
      [e, r] = parse([...aaaa(15), { name: '@', data: '192.0.2.2' }]);
      assert.deepEqual([e, r.addrCount], [E.Ok, 1], 'the 16th record is read');
      [e, r] = parse([...aaaa(16), { name: '@', data: '192.0.2.2' }]);
      assert.deepEqual([e, r.addrCount], [E.Ok, 0], 'the 17th is not');
      [e, r] = parse([1, 2, 3, 4, 5, 6].map((i) => ({ name: '@', data: '192.0.2.' + i })));
      assert.equal(e, E.Ok);
      assert.deepEqual(r.addrs.slice(0, r.addrCount), [0xc0000201, 0xc0000202, 0xc0000203, 0xc0000204], 'four addresses of six');
    });

    test('encodeDnsName: every printable character from ! to ~ is taken; an empty last label is refused', () => {
      const out = new Uint8Array(16);
      assert.equal(w.encodeDnsName('a!b~c', out), 7);
      assert.deepEqual([...out.subarray(0, 7)], [5, 97, 33, 98, 126, 99, 0]);
      assert.equal(w.encodeDnsName('a..', out), -1, 'one trailing dot is taken off, the second leaves an empty label');
      assert.equal(w.encodeDnsName('a.', out), 3);
    });

    test('a new repr\'s address list is allocated with room for 4 addresses, all 0 (nothing grows on the packet path)', () => {
      assert.deepEqual(w.createDnsRepr().addrs, [0, 0, 0, 0]);
    });

    /** A response to our query for www.example.com whose question's name is the given bytes (a
     *  pointer, usually), then type A class IN, then `rest`; no answer. */
    const withQuestion = (nameBytes, rest = []) => Uint8Array.from([0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, ...nameBytes, 0, 1, 0, 1, ...rest]);
    const WWW = [3, 119, 119, 119, 7, 101, 120, 97, 109, 112, 108, 101, 3, 99, 111, 109, 0];

    test('compression pointers to offsets of 256 and more (the 6 low bits of the first byte count)', () => {
      const { qn, qlen } = qname('www.example.com');
      // The question is a pointer to 0x110 = 272, where the name is (zeros between).
      const m = withQuestion([0xc1, 0x10], [...new Array(272 - 18).fill(0), ...WWW]);
      assert.equal(m.length, 272 + 17);
      assert.equal(w.parseDnsResponse(m, 0, m.length, qn, qlen, w.createDnsRepr()), E.Ok);
      const past = withQuestion([0xc2, 0x10], [...new Array(272 - 18).fill(0), ...WWW]);
      assert.equal(w.parseDnsResponse(past, 0, past.length, qn, qlen, w.createDnsRepr()), E.Malformed, '0x210 is past the end');
    });

    test('labels of the reserved types 0x40 and 0x80 behind a pointer are Malformed', () => {
      const { qn, qlen } = qname('www.example.com');
      for (const t of [0x40, 0x80]) {
        // At 18 what would be a pointer to the name at 20 if the type were 0xc0.
        const m = withQuestion([0xc0, 18], [t, 20, ...WWW]);
        assert.equal(w.parseDnsResponse(m, 0, m.length, qn, qlen, w.createDnsRepr()), E.Malformed, 'type ' + t);
      }
      const ok = withQuestion([0xc0, 18], [0xc0, 20, ...WWW]);
      assert.equal(w.parseDnsResponse(ok, 0, ok.length, qn, qlen, w.createDnsRepr()), E.Ok, 'the same with 0xc0');
    });

    test('a pointer at the end of the message: whole it is followed, cut it is Malformed, one past the end Malformed', () => {
      const { qn, qlen } = qname('www.example.com');
      // Question: a pointer to 35; the name at 18..34; at 35 a pointer to 18, whole or cut.
      const whole = withQuestion([0xc0, 35], [...WWW, 0xc0, 18]);
      assert.equal(w.parseDnsResponse(whole, 0, whole.length, qn, qlen, w.createDnsRepr()), E.Ok, 'its last two bytes');
      // Cut: the byte after the message (in the buffer) would complete it.
      assert.equal(w.parseDnsResponse(whole, 0, whole.length - 1, qn, qlen, w.createDnsRepr()), E.Malformed, 'its second byte past the end');
      // A pointer to the offset just past the message (the buffer ends there too).
      const beyond = withQuestion([0xc0, 35], WWW);
      assert.equal(beyond.length, 35);
      assert.equal(w.parseDnsResponse(beyond, 0, beyond.length, qn, qlen, w.createDnsRepr()), E.Malformed, 'a pointer to the end');
      // The question's own name a pointer cut by the end: Truncated, as any question cut short.
      const cut = Uint8Array.from([0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0]);
      assert.equal(w.parseDnsResponse(cut, 0, cut.length, qn, qlen, w.createDnsRepr()), E.Truncated);
    });

    test('an answer owner name: 255 bytes encoded are read, 256 are refused (RFC 1035 2.3.4); a reserved label type ends it', () => {
      const { qn, qlen } = qname('www.example.com');
      const label = (n) => [n, ...new Array(n).fill(120)];
      const answer = (owner) => withQuestion(WWW, [...owner, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
      const parse = (m) => { const r = w.createDnsRepr(); return [w.parseDnsResponse(m, 0, m.length, qn, qlen, r), r]; };
      const name255 = [...label(63), ...label(63), ...label(63), ...label(61), 0];
      const name256 = [...label(63), ...label(63), ...label(63), ...label(62), 0];
      assert.equal(name255.length, 255);
      let m = answer(name255);
      m[7] = 1; // one answer
      assert.deepEqual(parse(m).map((x, i) => i ? x.addrCount : x), [E.Ok, 0], 'read (another name: no address)');
      m = answer(name256);
      m[7] = 1;
      assert.equal(parse(m)[0], E.Truncated, '256 bytes: the walk stops');
      m = answer([0x40, ...new Array(64).fill(120), 0]);
      m[7] = 1;
      assert.equal(parse(m)[0], E.Truncated, 'a label of type 0x40');
    });

    test('compression pointers: a chain of 32 hops is followed, 33 are Malformed', () => {
      const { qn, qlen } = qname('www.example.com');
      const chain = (hops) => {
        // The question's name is a pointer to a chain of pointers after the question, the last of
        // which points to the name itself: hops - 1 pointers in the chain.
        const k = hops - 1;
        const out = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 18, 0, 1, 0, 1];
        for (let i = 0; i < k; i++) out.push(0xc0, 18 + 2 * (i + 1));
        out.push(...qn.subarray(0, qlen));
        return Uint8Array.from(out);
      };
      for (const [hops, want] of [[1, E.Ok], [31, E.Ok], [32, E.Ok], [33, E.Malformed], [40, E.Malformed]]) {
        const m = chain(hops);
        assert.equal(w.parseDnsResponse(m, 0, m.length, qn, qlen, w.createDnsRepr()), want, hops + ' hops');
      }
    });
  });
}
