// A small HTTP/1.1 client for the simulated board over the same connection shape as the responder
// (recv / send / close, see http-responder.mjs): sends one GET, reads until the peer closes, and
// returns { status, headers, body } (body as a Buffer) or hashes it as it comes (keepBody false).
import crypto from 'node:crypto';

export class HttpGet {
  constructor(conn, host, path, { keepBody = true } = {}) {
    this.conn = conn;
    this.req = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: node-sim\r\nConnection: close\r\n\r\n`);
    this.reqPos = 0;
    this.keepBody = keepBody;
    this.rx = new Uint8Array(8192);
    this.head = Buffer.alloc(0);
    this.headDone = false;
    this.parts = [];
    this.hash = crypto.createHash('sha256');
    this.bodyBytes = 0;
    this.result = null; // set when finished
  }

  gotBody(b) {
    this.bodyBytes += b.length;
    this.hash.update(b);
    if (this.keepBody) this.parts.push(b);
  }

  step() {
    let did = false;
    while (this.reqPos < this.req.length) {
      const n = this.conn.send(this.req, this.reqPos, this.req.length - this.reqPos);
      if (n < 0) { this.finish(); return true; }
      if (n === 0) break;
      this.reqPos += n;
      did = true;
    }
    for (;;) {
      if (this.result) break;
      const n = this.conn.recv(this.rx, 0, this.rx.length);
      if (n === 0) break;
      did = true;
      if (n < 0) { this.finish(); break; }
      const b = Buffer.from(this.rx.subarray(0, n));
      if (this.headDone) { this.gotBody(b); continue; }
      this.head = Buffer.concat([this.head, b]);
      const end = this.head.indexOf('\r\n\r\n');
      if (end >= 0) {
        this.headDone = true;
        const rest = this.head.subarray(end + 4);
        this.head = this.head.subarray(0, end);
        if (rest.length) this.gotBody(rest);
      }
    }
    return did;
  }

  finish() {
    const lines = this.head.toString('latin1').split('\r\n');
    const headers = {};
    for (const l of lines.slice(1)) { const i = l.indexOf(':'); if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim(); }
    this.result = {
      status: Number((lines[0] || '').split(' ')[1]) || 0,
      headers,
      bodyBytes: this.bodyBytes,
      sha256: this.hash.digest('hex'),
      body: this.keepBody ? Buffer.concat(this.parts) : null,
    };
    this.conn.close();
  }
}
