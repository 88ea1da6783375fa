// TCP options as a peer that is not this stack may send them: every length check of the option
// loop against a crafted option that only it refuses (a kind without its length byte, lengths 0
// and 1, a length past the header, wrong lengths for MSS, window scale, SACK-permitted, SACK and
// timestamps), unknown kinds skipped, the NOP NOP Timestamp shortcut against layouts that only
// look like it, a parse into a used repr, and the emitter's options one at a time. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { refChecksum, pseudo } from './helpers.mjs';

const src = 0x0a000001, dst = 0x0a000002;

/**
 * A TCP segment with the given option bytes (a multiple of 4) and payload, checksum right. The
 * buffer ends where the segment ends, so a read past it gives undefined. fields: sport, dport,
 * urgent, window.
 */
function seg(opts, { sport = 1234, dport = 80, urgent = 0, window = 0xffff, payload = [] } = {}) {
  if (opts.length % 4 || opts.length > 40) throw new Error('options must fill whole words, at most 10');
  const hl = 20 + opts.length;
  const b = new Uint8Array(hl + payload.length);
  b[0] = sport >> 8; b[1] = sport & 255; b[2] = dport >> 8; b[3] = dport & 255;
  b.set([0, 0, 0x10, 0, 0, 0, 0x20, 0], 4); // seq 0x1000, ack 0x2000
  b[12] = (hl >> 2) << 4; b[13] = 0x10; b[14] = window >> 8; b[15] = window & 255;
  b[18] = urgent >> 8; b[19] = urgent & 255;
  b.set(opts, 20);
  b.set(payload, hl);
  const c = refChecksum(b, 0, b.length, pseudo(src, dst, 6, b.length));
  b[16] = c >> 8; b[17] = c & 255;
  return b;
}

const TS = [8, 10, 0, 0, 0, 7, 0, 0, 0, 9]; // tsVal 7, tsEcr 9

for (const { name, lib } of builds) {
  const w = lib.wire;
  const E = w.WIRE_ERRORS;
  const parse = (b, r = w.createTcpRepr()) => [w.parseTcp(b, 0, b.length, src, dst, r), r];
  const code = (b) => parse(b)[0];

  describe(`${name}: TCP option lists a peer may send`, () => {
    test('ports: a source or a destination port of 0 is Malformed', () => {
      assert.equal(code(seg([], { sport: 1, dport: 1 })), E.Ok);
      assert.equal(code(seg([], { sport: 0 })), E.Malformed, 'source port 0');
      assert.equal(code(seg([], { dport: 0 })), E.Malformed, 'destination port 0');
    });

    test('an option kind in the last byte of the header, with no room for its length, is Malformed', () => {
      // Nothing after the header: the length byte would be read past the segment.
      assert.equal(code(seg([1, 1, 1, 30])), E.Malformed, 'unknown kind');
      assert.equal(code(seg([1, 1, 1, 2])), E.Malformed, 'MSS');
      assert.equal(code(seg([1, 1, 1, 30], { payload: [1] })), E.Malformed, 'the first payload byte is no length');
      assert.equal(code(seg([1, 1, 1, 1])), E.Ok, 'a NOP there needs no length');
      assert.equal(code(seg([1, 1, 1, 0])), E.Ok, 'nor does End of options');
    });

    test('an option length of 1, then 0, is Malformed (the loop would stand still on 0)', () => {
      assert.equal(code(seg([30, 1, 1, 0])), E.Malformed, 'unknown kind, length 1');
      assert.equal(code(seg([30, 0, 1, 0])), E.Malformed, 'unknown kind, length 0');
      assert.equal(code(seg([8, 1, 1, 0, 0, 0, 0, 0])), E.Malformed, 'timestamp, length 1');
    });

    test('an option that runs past the header is Malformed; one that ends exactly at it is not', () => {
      assert.equal(code(seg([1, 1, 30, 3])), E.Malformed, 'one byte past');
      assert.equal(code(seg([1, 1, 30, 20], { payload: new Array(30).fill(1) })), E.Malformed, 'into the payload');
      assert.equal(code(seg([1, 1, 30, 2])), E.Ok, 'ends at the header\'s end');
    });

    test('unknown kinds are skipped by their length, and the options after them read', () => {
      const [e, r] = parse(seg([30, 4, 0xff, 0xff, 99, 10, 8, 10, 8, 10, 8, 10, 8, 10, 2, 4, 0x05, 0xb4, 0, 0]));
      assert.equal(e, E.Ok);
      assert.equal(r.hasTimestamp, false, 'a 10-byte unknown option is no timestamp');
      assert.equal(r.mss, 1460);
      assert.equal(r.headerLen, 40);
    });

    test('MSS, window scale and SACK-permitted with a wrong length are Malformed', () => {
      assert.equal(parse(seg([2, 4, 0x05, 0xb4]))[1].mss, 1460);
      assert.equal(code(seg([2, 3, 0x05, 0])), E.Malformed, 'MSS of 3 bytes');
      assert.equal(code(seg([2, 6, 0x05, 0xb4, 0, 0, 1, 0])), E.Malformed, 'MSS of 6 bytes');
      assert.equal(parse(seg([1, 3, 3, 7]))[1].wscale, 7);
      assert.equal(code(seg([3, 4, 7, 0])), E.Malformed, 'window scale of 4 bytes');
      assert.equal(code(seg([3, 2, 1, 0])), E.Malformed, 'window scale of 2 bytes');
      assert.equal(parse(seg([1, 1, 4, 2]))[1].sackPermitted, true);
      assert.equal(code(seg([4, 3, 0, 0])), E.Malformed, 'SACK-permitted of 3 bytes');
      assert.equal(code(seg([4, 4, 0, 0])), E.Malformed, 'SACK-permitted of 4 bytes');
    });

    test('window scale: 14 is taken as sent, a larger shift as 14 (RFC 7323 2.3)', () => {
      for (const [sent, taken] of [[0, 0], [13, 13], [14, 14], [15, 14], [255, 14]]) {
        assert.equal(parse(seg([1, 3, 3, sent]))[1].wscale, taken, 'shift ' + sent);
      }
    });

    test('SACK: 1 to 4 blocks of 8 bytes; no block, or a length between blocks, is Malformed', () => {
      const block = (l, r) => [l >>> 24, (l >>> 16) & 255, (l >>> 8) & 255, l & 255, r >>> 24, (r >>> 16) & 255, (r >>> 8) & 255, r & 255];
      for (let n = 1; n <= 4; n++) {
        const blocks = [];
        for (let k = 0; k < n; k++) blocks.push(...block(0x80000000 + k * 100, 0x80000000 + k * 100 + 50));
        const [e, r] = parse(seg([1, 1, 5, 2 + 8 * n, ...blocks]));
        assert.equal(e, E.Ok, n + ' blocks');
        assert.equal(r.sackCount, n);
        for (let k = 0; k < n; k++) assert.deepEqual([r.sackBlocks[2 * k], r.sackBlocks[2 * k + 1]], [0x80000000 + k * 100, 0x80000000 + k * 100 + 50]);
      }
      assert.equal(code(seg([1, 1, 5, 2])), E.Malformed, 'no block');
      assert.equal(code(seg([5, 11, ...block(1, 2), 9, 0])), E.Malformed, 'a block and one byte');
      assert.equal(code(seg([5, 17, ...block(1, 2), 1, 2, 3, 4, 5, 6, 7, 0, 0, 0])), E.Malformed, 'a block and seven bytes');
      assert.equal(code(seg([5, 9, ...block(1, 2), 0, 0])), E.Malformed, 'a block less one byte');
    });

    test('timestamps of a wrong length are Malformed, in the NOP NOP Timestamp layout and elsewhere', () => {
      const [e, r] = parse(seg([...TS, 1, 1]));
      assert.equal(e, E.Ok);
      assert.deepEqual([r.hasTimestamp, r.tsVal, r.tsEcr], [true, 7, 9]);
      assert.equal(code(seg([8, 8, 0, 0, 0, 7, 0, 0, 1, 1, 1, 1])), E.Malformed, '8 bytes');
      assert.equal(code(seg([1, 1, 8, 11, 0, 0, 0, 7, 0, 0, 0, 9])), E.Malformed, 'NOP NOP, then 11 bytes: one past the header');
      // NOP NOP Timestamp(9) followed by a byte 10 where the length would be if shifted by one.
      assert.equal(code(seg([1, 1, 8, 9, 10, 0, 0, 7, 0, 0, 0, 9])), E.Malformed, 'NOP NOP, then 9 bytes');
    });

    test('layouts that only look like NOP NOP Timestamp are read by the option loop', () => {
      // End of options first: nothing after it is read.
      let [e, r] = parse(seg([0, 1, ...TS]));
      assert.equal(e, E.Ok);
      assert.equal(r.hasTimestamp, false, 'End, then what would be a timestamp');
      // NOP, End; the urgent pointer's low byte (just before the options) a NOP's value.
      [e, r] = parse(seg([1, 0, ...TS], { urgent: 0x0001 }));
      assert.equal(e, E.Ok);
      assert.equal(r.hasTimestamp, false, 'NOP, End, then what would be a timestamp');
      assert.equal(r.urgent, 1);
      // Three NOPs and an unknown kind 10 of 8 bytes; the urgent pointer's high byte the
      // timestamp's kind.
      [e, r] = parse(seg([1, 1, 1, 10, 8, 0, 0, 0, 0, 0, 0, 0], { urgent: 0x0800 }));
      assert.equal(e, E.Ok);
      assert.equal(r.hasTimestamp, false, 'NOP NOP NOP, unknown option');
      // A timestamp of 9 bytes in that layout, with the checksum's low byte 10 (the bytes before
      // the options are no part of them).
      let found = 0;
      for (let window = 0; window < 65536 && found < 2; window++) {
        const b = seg([1, 1, 8, 9, 0, 0, 0, 7, 0, 0, 0, 9], { window });
        if (b[17] !== 10) continue;
        found++;
        assert.equal(code(b), E.Malformed, 'window ' + window);
      }
      assert.equal(found, 2, 'segments whose checksum ends in 10 exist');
    });

    test('a parse into a used repr gives what a parse into a new one gives', () => {
      const blocks = [0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0];
      const full = seg([2, 4, 0x05, 0xb4, 1, 3, 3, 7, 4, 2, ...TS, 5, 18, ...blocks, 0, 0]);
      const fields = (r) => {
        const o = {};
        for (const k of Object.keys(r)) if (k !== 'sackBlocks') o[k] = r[k];
        o.blocks = [...r.sackBlocks.subarray(0, 2 * r.sackCount)];
        return o;
      };
      const used = w.createTcpRepr();
      assert.equal(parse(full, used)[0], E.Ok);
      assert.deepEqual([used.mss, used.wscale, used.sackPermitted, used.hasTimestamp, used.tsVal, used.tsEcr, used.sackCount], [1460, 7, true, true, 7, 9, 2]);
      for (const b of [seg([]), seg([1, 1, 1, 0]), seg([1, 1, 4, 2])]) {
        const again = w.createTcpRepr();
        assert.equal(parse(full, again)[0], E.Ok);
        assert.equal(parse(b, again)[0], E.Ok);
        const fresh = parse(b)[1];
        assert.deepEqual(fields(again), fields(fresh));
        assert.deepEqual([again.mss, again.wscale, again.hasTimestamp, again.tsVal, again.tsEcr, again.sackCount], [0, -1, false, 0, 0, 0]);
      }
    });

    test('emit: SACK-permitted alone, and an MSS of 1, are written as options', () => {
      const emit = (fields) => {
        const r = Object.assign(w.createTcpRepr(), { srcPort: 1, dstPort: 2, seq: 3, ack: 0, flags: 2, window: 100, urgent: 0, payloadLen: 0 }, fields);
        const b = new Uint8Array(60);
        const n = w.emitTcp(r, b, 0, src, dst);
        assert.equal(n, w.tcpHeaderLen(r));
        return b.subarray(0, n);
      };
      let b = emit({ sackPermitted: true });
      assert.deepEqual([...b.subarray(20)], [1, 1, 4, 2]);
      assert.equal(parse(b)[1].sackPermitted, true);
      b = emit({ sackPermitted: true, hasTimestamp: true, tsVal: 5, tsEcr: 6 });
      assert.deepEqual([...b.subarray(20)], [1, 1, 4, 2, 1, 1, 8, 10, 0, 0, 0, 5, 0, 0, 0, 6]);
      b = emit({ mss: 1 });
      assert.deepEqual([...b.subarray(20)], [2, 4, 0, 1]);
      assert.equal(parse(b)[1].mss, 1);
    });
  });
}
