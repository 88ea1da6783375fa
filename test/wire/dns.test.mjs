// The DNS wire format (RFC 1035) of both builds, parser by parser: name encoding limits, and
// parseDnsResponse on crafted responses: the question must be ours (case aside), truncation with
// and without TC, CNAME chains and loops, A records of other names or bad length, class, TTL with
// the top bit set, compression pointers that loop or leave the message.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { dnsResponse } from '../app/servers.mjs';

for (const { name, lib } of builds) {
  describe(name + ': DNS wire format', () => {
    const w = lib.wire;
    const E = w.WIRE_ERRORS;
    const enc = (s, size = 300) => {
      const out = new Uint8Array(size);
      const n = w.encodeDnsName(s, out);
      return n < 0 ? n : Array.from(out.subarray(0, n));
    };
    const query = (host) => {
      const q = new Uint8Array(300);
      const qn = new Uint8Array(300);
      const qlen = w.encodeDnsName(host, qn);
      const n = w.emitDnsQuery(0x1234, qn, qlen, q, 0);
      return { q: q.subarray(0, n), qn, qlen };
    };
    const parse = (resp, host = 'www.example.com') => {
      const { qn, qlen } = query(host);
      const r = w.createDnsRepr();
      const code = w.parseDnsResponse(resp, 0, resp.length, qn, qlen, r);
      return { code, r, addrs: r.addrs.slice(0, r.addrCount).map(w.formatIpv4Address) };
    };

    test('encodeDnsName: labels, a trailing dot, and every limit', () => {
      assert.deepEqual(enc('ab.c'), [2, 97, 98, 1, 99, 0]);
      assert.deepEqual(enc('ab.c.'), [2, 97, 98, 1, 99, 0]);
      for (const bad of ['', '.', '..', 'a..b', '.a', 'a b', 'a\u007f', 'a\u00e9', 'x'.repeat(64), 'a.' + 'x'.repeat(64)]) {
        assert.equal(enc(bad), -1, JSON.stringify(bad));
      }
      assert.equal(enc('x'.repeat(63)).length, 65);
      // 253 characters encode to 255 bytes, the most a name may have.
      const long = ['x'.repeat(63), 'x'.repeat(63), 'x'.repeat(63), 'x'.repeat(61)].join('.');
      assert.equal(long.length, 253);
      assert.equal(enc(long).length, 255);
      assert.equal(enc(long + 'y'), -1);
      assert.equal(enc('abc', 4), -1, 'out too small');
      assert.equal(enc('abc', 5).length, 5);
    });

    test('emitDnsQuery: header with RD, one question of type A class IN', () => {
      const { q } = query('ab.c');
      assert.deepEqual(Array.from(q), [0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 97, 98, 1, 99, 0, 0, 1, 0, 1]);
    });

    test('an A record for the question; the question matches case-insensitively', () => {
      const { q } = query('WWW.Example.COM');
      const res = parse(dnsResponse(q, { answers: [{ name: '@', data: '192.0.2.7', ttl: 77 }] }));
      assert.equal(res.code, E.Ok);
      assert.deepEqual(res.addrs, ['192.0.2.7']);
      assert.equal(res.r.ttl, 77);
      assert.equal(res.r.id, 0x1234);
      assert.equal(res.r.isResponse, true);
    });

    test('not a response, two questions, another name, another type: refused', () => {
      const { q } = query('www.example.com');
      const ok = dnsResponse(q, { answers: [{ name: '@', data: '192.0.2.7' }] });
      const notResp = ok.slice(); notResp[2] &= 0x7f;
      assert.equal(parse(notResp).code, E.Malformed);
      const two = ok.slice(); two[5] = 2;
      assert.equal(parse(two).code, E.Mismatch);
      assert.equal(parse(dnsResponse(q, { question: 'www.example.org', answers: [] })).code, E.Mismatch);
      assert.equal(parse(dnsResponse(q, { question: 'www.example.co', answers: [] })).code, E.Mismatch);
      const qEnd = 12 + 17;
      const aaaa = ok.slice(); aaaa[qEnd + 1] = 28;
      assert.equal(parse(aaaa).code, E.Mismatch);
      const chaos = ok.slice(); chaos[qEnd + 3] = 3;
      assert.equal(parse(chaos).code, E.Mismatch);
    });

    test('truncation: Truncated inside the header or question; inside the answers Truncated, or Ok when TC says so', () => {
      const { q } = query('www.example.com');
      const full = dnsResponse(q, { answers: [{ name: '@', data: '192.0.2.1' }, { name: '@', data: '192.0.2.2' }] });
      for (let len = 0; len < 12 + 17 + 4; len++) assert.equal(parse(full.subarray(0, len)).code, E.Truncated, 'cut at ' + len);
      const oneAnswer = 12 + 21 + 16;
      for (const len of [oneAnswer + 5, oneAnswer + 12, full.length - 1]) {
        assert.equal(parse(full.subarray(0, len)).code, E.Truncated, 'cut at ' + len);
        const tc = full.slice(0, len); tc[2] |= 2;
        const r = parse(tc);
        assert.equal(r.code, E.Ok, 'TC set, cut at ' + len);
        assert.ok(r.addrs.every((x) => x === '192.0.2.1'), 'only an address that arrived whole: ' + r.addrs);
        assert.equal(r.r.truncated, true);
      }
      assert.deepEqual(parse(full).addrs, ['192.0.2.1', '192.0.2.2']);
    });

    test('a CNAME chain is followed to its A records; the TTL is the chain\'s smallest', () => {
      const { q } = query('www.example.com');
      const r = parse(dnsResponse(q, { answers: [
        { name: 'b.example.net', data: '198.51.100.9', ttl: 500 },
        { name: '@', type: 'CNAME', data: 'a.example.net', ttl: 900 },
        { name: 'other.example', data: '203.0.113.1', ttl: 10 },
        { name: 'A.Example.NET', type: 'CNAME', data: 'b.example.net', ttl: 400 },
      ] }));
      assert.equal(r.code, E.Ok);
      assert.deepEqual(r.addrs, ['198.51.100.9'], 'the A record of another name is not taken');
      assert.equal(r.r.cnames, 2);
      assert.equal(r.r.ttl, 400);
      const loop = parse(dnsResponse(q, { answers: [
        { name: '@', type: 'CNAME', data: 'a.example.net' },
        { name: 'a.example.net', type: 'CNAME', data: 'www.example.com' },
      ] }));
      assert.equal(loop.code, E.Malformed, 'a CNAME loop');
      const none = parse(dnsResponse(q, { answers: [{ name: '@', type: 'CNAME', data: 'a.example.net' }] }));
      assert.equal(none.code, E.Ok);
      assert.deepEqual(none.addrs, []);
      assert.equal(none.r.ttl, 0, 'no address, no TTL');
    });

    test('A records: a length other than 4 is Malformed; another class is ignored; a TTL with the top bit set loses it', () => {
      const { q } = query('www.example.com');
      const base = dnsResponse(q, { answers: [{ name: '@', data: '192.0.2.7', ttl: 0x80000010 }] });
      const a = 12 + 21; // the answer record: pointer (2), type, class, ttl, rdlength
      const r = parse(base);
      assert.equal(r.code, E.Ok);
      assert.equal(r.r.ttl, 0x10);
      const badLen = Uint8Array.from([...base.subarray(0, a + 10), 0, 5, 192, 0, 2, 7, 1]);
      badLen[7] = 1;
      assert.equal(parse(badLen).code, E.Malformed);
      const otherClass = base.slice(); otherClass[a + 5] = 3;
      const oc = parse(otherClass);
      assert.equal(oc.code, E.Ok);
      assert.deepEqual(oc.addrs, []);
      const aaaa = parse(dnsResponse(q, { answers: [{ name: '@', type: 'AAAA' }, { name: '@', data: '192.0.2.8' }] }));
      assert.deepEqual(aaaa.addrs, ['192.0.2.8'], 'AAAA skipped');
    });

    test('many A records: as many as the repr holds', () => {
      const { q } = query('www.example.com');
      const answers = [];
      for (let i = 1; i <= 12; i++) answers.push({ name: '@', data: '192.0.2.' + i });
      const r = parse(dnsResponse(q, { answers }));
      assert.equal(r.code, E.Ok);
      assert.equal(r.r.addrCount, r.r.addrs.length);
      assert.deepEqual(r.addrs, answers.slice(0, r.r.addrs.length).map((a) => a.data));
    });

    test('compression pointers that loop or point outside the message are Malformed, never a hang', () => {
      const { q } = query('www.example.com');
      const base = dnsResponse(q, { answers: [{ name: '@', data: '192.0.2.7' }] });
      const a = 12 + 21;
      const self = base.slice(); self[a] = 0xc0; self[a + 1] = a;
      assert.equal(parse(self).code, E.Malformed, 'a pointer to itself');
      const outside = base.slice(); outside[a] = 0xc1; outside[a + 1] = 0xff;
      assert.equal(parse(outside).code, E.Malformed, 'a pointer past the end');
      const label = base.slice(); label[a] = 0x80;
      assert.equal(parse(label).code, E.Truncated, 'a reserved label type ends the walk');
      const qBad = base.slice(); qBad[12] = 0x40;
      assert.equal(parse(qBad).code, E.Truncated, 'a reserved label type in the question');
    });
  });
}
