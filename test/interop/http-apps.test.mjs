// The board's HTTP responder and client (boards/node-sim) over an in-memory connection whose send
// side accepts at most a few bytes at a time: requests parsed across chunk boundaries, bodies byte
// for byte, the sink's hash, and the client's parsing of the responder's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { HttpExchange, page } from '../../boards/node-sim/http-responder.mjs';
import { HttpGet } from '../../boards/node-sim/http-client.mjs';
import { blob } from '../../boards/node-sim/blob.mjs';

/** Two ends of a pipe: a.send goes to b.recv and back; sends take at most `window` bytes. */
function pipe(window = 700) {
  const mk = () => ({ inbox: [], closed: false, peer: null });
  const a = mk(), b = mk();
  a.peer = b; b.peer = a;
  const end = (me) => ({
    recv(buf, off, max) {
      if (me.inbox.length) {
        const c = me.inbox[0];
        const n = Math.min(max, c.length);
        buf.set(c.subarray(0, n), off);
        if (n === c.length) me.inbox.shift(); else me.inbox[0] = c.subarray(n);
        return n;
      }
      return me.peer.closed ? -1 : 0;
    },
    send(buf, off, len) {
      if (me.closed) return -1;
      const n = Math.min(len, window);
      me.peer.inbox.push(Buffer.from(buf.subarray(off, off + n)));
      return n;
    },
    close() { me.closed = true; },
  });
  return [end(a), end(b)];
}

function exchange(path, { body = null, window } = {}) {
  const [server, client] = pipe(window);
  const ex = new HttpExchange(server, { name: 'board-x', status: () => ({ ok: 1 }) });
  const get = new HttpGet(client, 'board', path);
  if (body) {
    // Hand-made upload: the client class only does GET.
    get.req = Buffer.concat([Buffer.from(`PUT ${path} HTTP/1.1\r\nHost: b\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  }
  for (let i = 0; i < 1e6 && !get.result; i++) { ex.step(); get.step(); }
  return get.result;
}

test('GET / and /status.json', () => {
  const r = exchange('/');
  assert.equal(r.status, 200);
  assert.equal(r.body.toString(), page('board-x'));
  assert.equal(Number(r.headers['content-length']), r.body.length);
  const s = exchange('/status.json');
  assert.deepEqual(JSON.parse(s.body.toString()), { ok: 1 });
  assert.equal(exchange('/nothing').status, 404);
});

test('GET /blob/<n> streams n deterministic bytes', () => {
  const n = 100003;
  const r = exchange(`/blob/${n}`, { window: 1460 });
  assert.equal(r.status, 200);
  assert.equal(r.bodyBytes, n);
  assert.ok(r.body.equals(blob(n)));
  assert.equal(r.sha256, crypto.createHash('sha256').update(blob(n)).digest('hex'));
});

test('PUT /sink counts and hashes the body, across chunk boundaries', () => {
  const body = blob(54321);
  const r = exchange('/sink', { body, window: 333 });
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body.toString()), { bytes: body.length, sha256: crypto.createHash('sha256').update(body).digest('hex') });
});
