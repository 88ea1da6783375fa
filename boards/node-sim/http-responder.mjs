// A small HTTP/1.1 responder for the simulated board, over any stream connection with
//   recv(buf, off, max) -> bytes (>0), 0 when nothing is waiting, <0 when the peer closed / error
//   send(buf, off, len) -> bytes accepted (0 when the send buffer is full), <0 when it cannot send
//   close()
// (tcp-conn.mjs adapts the stack's TcpSocket to it). One request per connection (Connection: close).
// Routes: GET / (a page), GET /status.json (the board's counters), GET /blob/<n> (n deterministic
// bytes, see blob.mjs), PUT or POST /sink (the body is counted and hashed; the answer is JSON).
import crypto from 'node:crypto';
import { fillBlob } from './blob.mjs';

const HEAD_MAX = 4096;

export function page(name) {
  return `<!doctype html>\n<html><head><title>${name}</title></head><body>\n<h1>Hello from ${name}</h1>\n` +
    '<p>This page was served by a TypeScript TCP/IP stack running on an emulated Ethernet chip.</p>\n' +
    '<p><a href="/status.json">status.json</a></p>\n</body></html>\n';
}

/** One connection's exchange; step() moves it on as far as it can. */
export class HttpExchange {
  constructor(conn, { name = 'node-sim', status = () => ({}) } = {}) {
    this.conn = conn;
    this.name = name;
    this.status = status;
    this.head = Buffer.alloc(0);
    this.state = 'head'; // head -> body -> send -> done
    this.rx = new Uint8Array(4096);
    this.out = null; // Buffer of header (+ small body)
    this.outPos = 0;
    this.blobLen = 0;
    this.blobPos = 0;
    this.chunk = new Uint8Array(4096);
    this.bodyLeft = 0;
    this.hash = null;
    this.bodyBytes = 0;
    this.request = null;
  }

  respond(code, type, body, extraLen = -1) {
    const reason = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed' }[code] || 'OK';
    const len = extraLen >= 0 ? extraLen : body.length;
    const head = `HTTP/1.1 ${code} ${reason}\r\nServer: ${this.name}\r\nContent-Type: ${type}\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n`;
    this.out = extraLen >= 0 ? Buffer.from(head) : Buffer.concat([Buffer.from(head), body]);
    this.outPos = 0;
    this.state = 'send';
  }

  route() {
    const r = this.request;
    if (r.method === 'GET' && r.path === '/') return this.respond(200, 'text/html; charset=utf-8', Buffer.from(page(this.name)));
    if (r.method === 'GET' && r.path === '/status.json') return this.respond(200, 'application/json', Buffer.from(JSON.stringify(this.status()) + '\n'));
    const m = /^\/blob\/(\d+)$/.exec(r.path);
    if (r.method === 'GET' && m) {
      this.blobLen = Number(m[1]);
      this.blobPos = 0;
      return this.respond(200, 'application/octet-stream', null, this.blobLen);
    }
    if ((r.method === 'PUT' || r.method === 'POST') && r.path === '/sink') {
      this.hash = crypto.createHash('sha256');
      this.bodyLeft = r.contentLength;
      this.state = 'body';
      return this.body(Buffer.alloc(0));
    }
    return this.respond(r.method === 'GET' ? 404 : 405, 'text/plain', Buffer.from('not here\n'));
  }

  body(bytes) {
    const take = Math.min(bytes.length, this.bodyLeft);
    if (take) this.hash.update(bytes.subarray(0, take));
    this.bodyLeft -= take;
    this.bodyBytes += take;
    if (this.bodyLeft === 0) {
      this.respond(200, 'application/json', Buffer.from(JSON.stringify({ bytes: this.bodyBytes, sha256: this.hash.digest('hex') }) + '\n'));
    }
  }

  /** Returns true when it did anything. */
  step() {
    let did = false;
    while (this.state === 'head' || this.state === 'body') {
      const n = this.conn.recv(this.rx, 0, this.rx.length);
      if (n <= 0) {
        if (n < 0) { this.state = 'done'; this.conn.close(); }
        break;
      }
      did = true;
      const bytes = Buffer.from(this.rx.subarray(0, n));
      if (this.state === 'body') { this.body(bytes); continue; }
      this.head = Buffer.concat([this.head, bytes]);
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.head.length > HEAD_MAX) this.respond(400, 'text/plain', Buffer.from('request head too long\n'));
        continue;
      }
      const lines = this.head.subarray(0, end).toString('latin1').split('\r\n');
      const [method, path] = lines[0].split(' ');
      const cl = lines.find((l) => /^content-length:/i.test(l));
      this.request = { method, path, contentLength: cl ? Number(cl.split(':')[1]) : 0 };
      const rest = this.head.subarray(end + 4);
      this.route();
      if (this.state === 'body' && rest.length) this.body(rest);
    }
    while (this.state === 'send') {
      if (this.out && this.outPos < this.out.length) {
        const n = this.conn.send(this.out, this.outPos, this.out.length - this.outPos);
        if (n < 0) { this.state = 'done'; break; }
        if (n === 0) break;
        this.outPos += n;
        did = true;
        continue;
      }
      if (this.blobPos < this.blobLen) {
        const len = Math.min(this.chunk.length, this.blobLen - this.blobPos);
        fillBlob(this.blobPos, this.chunk, 0, len);
        const n = this.conn.send(this.chunk, 0, len);
        if (n < 0) { this.state = 'done'; break; }
        if (n === 0) break;
        this.blobPos += n;
        did = true;
        continue;
      }
      this.state = 'done';
      this.conn.close();
      did = true;
    }
    return did;
  }
}
