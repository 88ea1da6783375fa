// How parseDnsResponse compares names, on responses built byte by byte: case folded for A-Z only,
// a name of 127 labels compared to its end and one of 128 refused, compression pointers on either
// side of a comparison (a CNAME's target may itself be a pointer), a pointer into the header, and
// labels that run past the message's end by one byte or end exactly at it. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

const enc = (s) => s === '' ? [0] : [...s.split('.').flatMap((l) => [l.length, ...[...l].map((c) => c.charCodeAt(0))]), 0];
const u16 = (v) => [v >> 8, v & 255];
const ptr = (at) => [0xc0 | (at >> 8), at & 255];

/**
 * A response: header (id, flags 0x8180, one question, the answers), the question's name bytes with
 * type A class IN, then each answer { owner, type, rdata } (owner and rdata as bytes; rdata may be
 * a function of its own offset), then `tail`. Returns { m, at } with the offset of each answer's rdata.
 */
function response(qnameBytes, answers = [], tail = [], id = 0x1234) {
  const out = [...u16(id), 0x81, 0x80, 0, 1, ...u16(answers.length), 0, 0, 0, 0, ...qnameBytes, 0, 1, 0, 1];
  const at = [];
  for (const a of answers) {
    out.push(...a.owner, ...u16(a.type), 0, 1, 0, 0, 0, 60);
    const rdata = typeof a.rdata === 'function' ? a.rdata(out.length + 2) : a.rdata;
    out.push(...u16(rdata.length));
    at.push(out.length);
    out.push(...rdata);
  }
  out.push(...tail);
  return { m: Uint8Array.from(out), at };
}

for (const { name, lib } of builds) {
  describe(`${name}: DNS name comparison`, () => {
    const w = lib.wire;
    const E = w.WIRE_ERRORS;
    const parse = (m, host = 'www.example.com', len = m.length) => {
      const qn = new Uint8Array(256);
      const qlen = w.encodeDnsName(host, qn);
      const r = w.createDnsRepr();
      const e = w.parseDnsResponse(m, 0, len, qn, qlen, r);
      return { e, r, addrs: r.addrs.slice(0, r.addrCount) };
    };
    const WWW = enc('www.example.com');

    test('case is folded for A to Z only: @ and `, [ and {, ; and [ stay different', () => {
      for (const [ours, theirs, want] of [['az.example', 'AZ.example', E.Ok], ['Az.example', 'aZ.example', E.Ok],
        ['a@.example', 'a`.example', E.Mismatch], ['a[.example', 'a{.example', E.Mismatch], ['a;.example', 'a[.example', E.Mismatch],
        ['a`.example', 'a@.example', E.Mismatch]]) {
        assert.equal(parse(response(enc(theirs)).m, ours).e, want, ours + ' / ' + theirs);
      }
    });

    test('a CNAME target of 127 labels is compared to its end; one of 128 labels is Malformed', () => {
      for (const [labels, want] of [[127, E.Ok], [128, E.Malformed]]) {
        const long = enc(new Array(labels).fill('a').join('.'));
        // CNAME www -> the long name (inline); an A record whose owner points at that name.
        const { m } = response(WWW, [
          { owner: ptr(12), type: 5, rdata: long },
          { owner: ptr(12 + 17 + 4 + 12), type: 1, rdata: [192, 0, 2, 1] },
        ]);
        const r = parse(m);
        assert.equal(r.e, want, labels + ' labels');
        if (want === E.Ok) assert.deepEqual([r.r.cnames, ...r.addrs], [1, 0xc0000201]);
      }
    });

    test('a CNAME whose target is a pointer: followed to the A record\'s name', () => {
      // www -> (pointer to the A record's owner name, written inline later) b.example -> 192.0.2.9
      const aOwnerAt = 12 + 17 + 4 + 12 + 2;
      const { m } = response(WWW, [
        { owner: ptr(12), type: 5, rdata: ptr(aOwnerAt) },
        { owner: enc('b.example'), type: 1, rdata: [192, 0, 2, 9] },
      ]);
      const r = parse(m);
      assert.equal(r.e, E.Ok);
      assert.deepEqual([r.r.cnames, ...r.addrs], [1, 0xc0000209]);
    });

    test('a CNAME target pointing past the end, or to a label cut by the end, is Malformed', () => {
      // The target is a pointer; it is read when the next link is looked for.
      const past = response(WWW, [{ owner: ptr(12), type: 5, rdata: ptr(0x3ff) }]).m;
      assert.equal(parse(past).e, E.Malformed, 'past the end');
      // A label of 5 with two bytes left.
      const base = 12 + 17 + 4 + 12 + 2;
      const cut = response(WWW, [{ owner: ptr(12), type: 5, rdata: ptr(base) }], [5, 97, 98]).m;
      assert.equal(parse(cut).e, E.Malformed, 'a label cut by the end');
      const byOne = response(WWW, [{ owner: ptr(12), type: 5, rdata: ptr(base) }], [3, 97, 98]).m;
      assert.equal(parse(byOne).e, E.Malformed, 'a label of 3 with 2 bytes left');
      // The same name whole, ending exactly at the end: read (no A record: no address).
      const whole = response(WWW, [{ owner: ptr(12), type: 5, rdata: ptr(base) }], [2, 97, 98, 0]).m;
      const r = parse(whole);
      assert.deepEqual([r.e, r.r.cnames, r.r.addrCount], [E.Ok, 1, 0]);
    });

    test('the header: 12 bytes of a query Malformed, of a response without a question Mismatch; QR, TC and RCODE each their own bits', () => {
      const head = (flags, qd = 1) => Uint8Array.from([0x12, 0x34, ...u16(flags), ...u16(qd), 0, 0, 0, 0, 0, 0]);
      assert.equal(parse(head(0x0100)).e, E.Malformed, 'a query');
      assert.equal(parse(head(0x8180, 0)).e, E.Mismatch, 'no question');
      assert.equal(parse(head(0x8180)).e, E.Truncated, 'the question missing');
      assert.equal(parse(head(0x0101)).e, E.Malformed, 'a query with RCODE 1 is still a query');
      const { m } = response(WWW, [{ owner: ptr(12), type: 1, rdata: [192, 0, 2, 1] }]);
      m[3] = 0x81; // RCODE 1, no TC
      const r = parse(m);
      assert.deepEqual([r.e, r.r.rcode, r.r.truncated, r.r.isResponse], [E.Ok, 1, false, true]);
    });

    test('a repr used before: a failed parse leaves no address, link or TTL of the earlier one; stale records are not read', () => {
      const qn = new Uint8Array(256);
      const qlen = w.encodeDnsName('www.example.com', qn);
      const r = w.createDnsRepr();
      // An A record for www, then a CNAME www -> other.example: the CNAME wins, no address.
      const two = response(WWW, [
        { owner: ptr(12), type: 1, rdata: [192, 0, 2, 1] },
        { owner: ptr(12), type: 5, rdata: enc('other.example') },
      ]).m;
      assert.equal(w.parseDnsResponse(two, 0, two.length, qn, qlen, r), E.Ok);
      assert.deepEqual([r.cnames, r.addrCount], [1, 0]);
      // The same bytes counting one answer: the CNAME left in the table from before is not read.
      const one = two.slice();
      one[7] = 1;
      assert.equal(w.parseDnsResponse(one, 0, one.length, qn, qlen, r), E.Ok);
      assert.deepEqual([r.cnames, r.addrCount, r.addrs[0], r.ttl], [0, 1, 0xc0000201, 60]);
      // A response to another name: Mismatch, and nothing of the earlier answer left.
      const other = response(enc('www.example.org')).m;
      assert.equal(w.parseDnsResponse(other, 0, other.length, qn, qlen, r), E.Mismatch);
      assert.deepEqual([r.cnames, r.addrCount, r.ttl], [0, 0, 0]);
      assert.equal(w.parseDnsResponse(two, 0, two.length, qn, qlen, r), E.Ok);
      assert.equal(w.parseDnsResponse(other, 0, other.length, qn, qlen, r), E.Mismatch);
      assert.deepEqual([r.cnames, r.addrCount, r.ttl], [0, 0, 0], 'after a CNAME');
      // Two A records, then the same bytes counting one: one address, not the stale second.
      const twoA = response(WWW, [
        { owner: ptr(12), type: 1, rdata: [192, 0, 2, 1] },
        { owner: ptr(12), type: 1, rdata: [192, 0, 2, 2] },
      ]).m;
      assert.equal(w.parseDnsResponse(twoA, 0, twoA.length, qn, qlen, r), E.Ok);
      assert.equal(r.addrCount, 2);
      const oneA = twoA.slice();
      oneA[7] = 1;
      assert.equal(w.parseDnsResponse(oneA, 0, oneA.length, qn, qlen, r), E.Ok);
      assert.deepEqual(r.addrs.slice(0, r.addrCount), [0xc0000201]);
    });

    test('CNAME chains: the first CNAME of a name is taken; the TTL is the smallest along the chain, wherever it is', () => {
      const a = (name, ip, ttl) => ({ owner: enc(name), type: 1, rdata: ip, ttl });
      const withTtl = (answers) => {
        const { m, at } = response(WWW, answers);
        answers.forEach((x, i) => { if (x.ttl !== undefined) m.set([x.ttl >>> 24, (x.ttl >>> 16) & 255, (x.ttl >>> 8) & 255, x.ttl & 255], at[i] - 6); });
        return parse(m);
      };
      let r = withTtl([
        { owner: ptr(12), type: 5, rdata: enc('a.example') }, { owner: ptr(12), type: 5, rdata: enc('b.example') },
        a('a.example', [192, 0, 2, 1]), a('b.example', [192, 0, 2, 2]),
      ]);
      assert.equal(r.e, E.Ok);
      assert.deepEqual([r.r.cnames, ...r.addrs], [1, 0xc0000201], 'www -> a.example, the first');
      // TTLs rising along the chain: the first link's is the smallest.
      r = withTtl([
        { owner: ptr(12), type: 5, rdata: enc('a.example'), ttl: 100 },
        { owner: enc('a.example'), type: 5, rdata: enc('b.example'), ttl: 900 },
        a('b.example', [192, 0, 2, 2], 500),
      ]);
      assert.deepEqual([r.e, r.r.cnames, r.r.ttl, ...r.addrs], [E.Ok, 2, 100, 0xc0000202]);
    });

    test('TTLs: 0x7fffffff is kept, 0xffffffff loses its top bit; a last record with no data ends the message exactly', () => {
      for (const [ttl, want] of [[0x7fffffff, 0x7fffffff], [0xffffffff, 0x7fffffff], [0x7ffffffe, 0x7ffffffe]]) {
        const { m, at } = response(WWW, [{ owner: ptr(12), type: 1, rdata: [192, 0, 2, 1] }]);
        m.set([ttl >>> 24, (ttl >>> 16) & 255, (ttl >>> 8) & 255, ttl & 255], at[0] - 6);
        const r = parse(m);
        assert.deepEqual([r.e, r.r.ttl], [E.Ok, want], 'TTL ' + ttl);
      }
      const { m } = response(WWW, [{ owner: ptr(12), type: 1, rdata: [192, 0, 2, 1] }, { owner: ptr(12), type: 16, rdata: [] }]);
      const r = parse(m);
      assert.deepEqual([r.e, r.r.addrCount], [E.Ok, 1], 'an empty TXT record as the last bytes');
    });

    test('the question\'s name behind a pointer: cut by one byte Malformed, ending exactly at the end read', () => {
      const q = 12 + 2 + 4;
      assert.equal(parse(response(ptr(q), [], WWW).m).e, E.Ok, 'ends at the end');
      assert.equal(parse(response(ptr(q), [], WWW).m, 'www.example.com', q + 16).e, E.Malformed, 'its root label cut');
      assert.equal(parse(response(ptr(q), [], [3, 119, 119]).m).e, E.Malformed, 'a label of 3 with 2 bytes');
      // A pointer into the header: read like any name (id 0: the first byte is the root label).
      assert.equal(parse(response(ptr(0), [], [], 0x0000).m).e, E.Mismatch, 'the empty name at offset 0');
    });
  });
}
