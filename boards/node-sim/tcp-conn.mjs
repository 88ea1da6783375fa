// The stack's TcpSocket seen as the recv / send / close connection that the HTTP responder and
// client use, and a server that keeps `backlog` listening sockets on a port (each LISTEN socket
// takes one connection; a fresh one replaces it). Node-only, never bundled.
//
// The TcpSocket calls used here are in ONE place (the `tcp` object below), so that a change of the
// socket's API touches only this file.
const LISTEN = 1; // TCP_STATES[1]
const tcp = {
  create(lib, opts) { return new lib.socket.TcpSocket(opts); },
  listen(sock, port) { return sock.listen(port); },
  connect(sock, addr, port) { return sock.connect(addr, port); },
  /** Bytes accepted (0: ring full), or a negative SocketError once it cannot send any more. */
  send(sock, buf, off, len) { return sock.send(buf, off, len); },
  /** Bytes read, 0 when none yet, negative (Closed, Reset, TimedOut) when no more will come. */
  recv(sock, buf, off, max) { return sock.recv(buf, off, max); },
  close(sock) { return sock.close(); },
  /** True when the socket left LISTEN (a peer connected to it). */
  accepted(sock) { return sock.state !== LISTEN; },
  /** True when the socket is fully closed and may be removed. */
  gone(sock) { return !sock.isOpen(); },
};

// TIME-WAIT shortened from 60 s: the simulator's sockets are few and a test opens many connections.
const BUFFERS = { rxBytes: 16384, txBytes: 16384, timeWait: 2000 };

/** Wraps a TcpSocket; `release()` removes it from the interface once it is closed. */
export function connOf(lib, iface, sock, handle) {
  let released = false;
  return {
    sock,
    recv(buf, off, max) { return tcp.recv(sock, buf, off, max); },
    send(buf, off, len) { return tcp.send(sock, buf, off, len); },
    close() { tcp.close(sock); },
    gone() { return tcp.gone(sock); },
    release() { if (!released && tcp.gone(sock)) { released = true; iface.remove(handle); } },
  };
}

/** Opens a connection from the stack to addr:port (numbers). */
export function tcpConnect(lib, iface, addr, port, buffers = BUFFERS) {
  const sock = tcp.create(lib, buffers);
  const h = iface.add(sock);
  const r = tcp.connect(sock, addr, port);
  if (r < 0) throw new Error(`tcpConnect: connect returned ${r}`);
  return connOf(lib, iface, sock, h);
}

/**
 * A server on `port`: onConnection(conn) is called for each accepted connection; step() must run
 * after each poll (it refills the listeners and drops closed sockets; onClosed(conn), if given,
 * sees each one before it goes). Returns { step, conns }.
 */
export function createTcpServer(lib, iface, port, onConnection, { backlog = 2, buffers = BUFFERS, onClosed = null } = {}) {
  const listening = [];
  const conns = [];
  function refill() {
    while (listening.length < backlog) {
      const sock = tcp.create(lib, buffers);
      const h = iface.add(sock);
      if (h < 0) break;
      const r = tcp.listen(sock, port);
      if (r < 0) { iface.remove(h); throw new Error(`createTcpServer: listen(${port}) returned ${r}`); }
      listening.push({ sock, h });
    }
  }
  refill();
  return {
    conns,
    step() {
      let did = false;
      for (let i = listening.length - 1; i >= 0; i--) {
        const l = listening[i];
        if (tcp.accepted(l.sock)) {
          listening.splice(i, 1);
          const c = connOf(lib, iface, l.sock, l.h);
          conns.push(c);
          onConnection(c);
          did = true;
        }
      }
      for (let i = conns.length - 1; i >= 0; i--) {
        if (conns[i].gone()) {
          if (onClosed) onClosed(conns[i]);
          conns[i].release();
          conns.splice(i, 1);
        }
      }
      refill();
      return did;
    },
  };
}
