// Plays Espruino's part for a NetworkJS driver, as libs/network/socketserver.c does: servers are
// polled with accept(), every open socket with recv(chunk) and send(chunk) from the idle loop
// (536-byte chunks), a negative result closes the socket, close() once everything is sent.
export const CHUNK = 536;

export class EspruinoNet {
  constructor(driver) {
    this.driver = driver;
    this.servers = [];
    this.sockets = [];
  }
  listen(port, type, onConnection) {
    const s = this.driver.create(undefined, port, type, {});
    if (s < 0) throw new Error('create server failed: ' + s);
    this.servers.push({ s, type, onConnection });
    return s;
  }
  connect(host, port, type) {
    const s = this.driver.create(host, port, type, {});
    if (s < 0) return s;
    return this.open(s, type);
  }
  open(s, type) {
    const c = { s, type, received: '', outbox: '', wantClose: false, closed: false, error: 0, onData: null };
    this.sockets.push(c);
    return c;
  }
  write(c, data) {
    c.outbox += data;
  }
  end(c) {
    c.wantClose = true;
  }
  /** One pass of the idle loop. */
  tick() {
    const d = this.driver;
    for (const sv of this.servers) {
      for (;;) {
        const n = d.accept(sv.s);
        if (n < 0) break;
        sv.onConnection(this.open(n, sv.type));
      }
    }
    for (const c of this.sockets) {
      if (c.closed) continue;
      const r = d.recv(c.s, CHUNK, c.type);
      if (typeof r === 'number') {
        if (r >= 0) throw new Error('recv returned a non-negative number: ' + r);
        c.error = r;
        c.closed = true;
        d.close(c.s);
        continue;
      }
      if (r.length > CHUNK) throw new Error('recv returned more than asked');
      if (r.length > 0) {
        c.received += r;
        if (c.onData) c.onData(c);
      }
      if (c.outbox.length > 0) {
        const chunk = c.type === 2 ? c.outbox : c.outbox.substring(0, CHUNK);
        const k = d.send(c.s, chunk, c.type);
        if (k < 0) {
          c.error = k;
          c.closed = true;
          d.close(c.s);
          continue;
        }
        c.outbox = c.outbox.substring(k);
      }
      if (c.wantClose && c.outbox.length === 0) {
        c.closed = true;
        d.close(c.s);
      }
    }
  }
}

/** The 8-byte UDP header of Espruino: IPv4 address bytes, port and length little-endian. */
export function udpHeader(addr, port, len) {
  return String.fromCharCode(...addr.split('.').map(Number), port & 255, port >> 8, len & 255, len >> 8);
}

export function parseUdpHeader(s) {
  const b = [...s.substring(0, 8)].map((c) => c.charCodeAt(0));
  return { addr: b.slice(0, 4).join('.'), port: b[4] | (b[5] << 8), len: b[6] | (b[7] << 8), data: s.substring(8) };
}
