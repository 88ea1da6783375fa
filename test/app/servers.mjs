// Scripted DHCP and DNS servers for the app tests: each is a Service attached to an Interface of the
// stack under test (a second host on the virtual wire), answering as its script says.
const DHCP_COOKIE = 0x63825363;

/** The messages a DHCP server saw: { type, xid, ciaddr, requestedIp, serverId, dst, hostName, at }.
 *  script.pool is an address or a list: the first address nobody DECLINEd is offered. DECLINEd and
 *  RELEASEd addresses are listed in declined / released. */
export class DhcpServer {
  constructor(lib, iface, script = {}) {
    this.lib = lib;
    this.iface = iface;
    this.script = {
      pool: '10.0.0.50', mask: '255.255.255.0', router: '10.0.0.1', dns: ['10.0.0.1'], lease: 3600,
      t1: -1, t2: -1, offer: true, ack: true, nakFirst: 0, ackOthers: false, silent: false,
      xidDelta: 0, chaddrDelta: 0, op: 2, fromPort: 67, ...script,
    };
    this.seen = [];
    this.sock = new lib.socket.UdpSocket({ rxPackets: 8, rxBytes: 8192, txPackets: 4, txBytes: 4096 });
    iface.add(this.sock);
    this.sock.bind(67);
    // Replies leave from port 67, or from script.fromPort (a reply no client may take).
    this.out = this.sock;
    if (this.script.fromPort !== 67) {
      this.out = new lib.socket.UdpSocket({ rxPackets: 1, rxBytes: 64, txPackets: 4, txBytes: 4096 });
      iface.add(this.out);
      this.out.bind(this.script.fromPort);
    }
    this.buf = new Uint8Array(1500);
    this.req = lib.wire.createDhcpRepr();
    this.rep = lib.wire.createDhcpRepr();
    this.naks = 0;
    this.declined = [];
    this.released = [];
    iface.attach(this);
  }
  addr(s) {
    return this.lib.wire.parseIpv4Address(s);
  }
  pollAt() {
    return -1;
  }
  poll(now) {
    const { lib, sock, buf, req } = this;
    const T = lib.wire.DHCP_TYPES;
    while (sock.canRecv()) {
      const n = sock.recvFrom(buf, 0, buf.length);
      if (lib.wire.parseDhcp(buf, 0, n, req) !== 0) continue;
      // Host name (option 12) read by hand: the repr keeps numbers only.
      let hostName = '';
      for (let p = 240; p < n && buf[p] !== 255; ) {
        if (buf[p] === 0) { p++; continue; }
        if (buf[p] === 12) hostName = String.fromCharCode(...buf.subarray(p + 2, p + 2 + buf[p + 1]));
        p += 2 + buf[p + 1];
      }
      const m = { type: req.msgType, xid: req.xid, secs: req.secs, ciaddr: req.ciaddr, requestedIp: req.requestedIp, serverId: req.serverId, chaddr: req.chaddr, from: sock.fromAddr, hostName, at: now, askParams: req.askParams };
      this.seen.push(m);
      const s = this.script;
      if (s.silent) continue;
      if (req.msgType === T.Decline && req.serverId === this.iface.ipAddr) this.declined.push(req.requestedIp);
      if (req.msgType === T.Release && req.serverId === this.iface.ipAddr) this.released.push(req.ciaddr);
      if (req.msgType === T.Discover && s.offer) this.reply(T.Offer, req);
      else if (req.msgType === T.Request) {
        if (req.serverId !== 0 && req.serverId !== this.iface.ipAddr && !s.ackOthers) continue;
        if (this.naks < s.nakFirst) {
          this.naks++;
          this.reply(T.Nak, req);
        } else if (s.ack) this.reply(T.Ack, req);
      }
    }
  }
  reply(type, req) {
    const { lib, rep, buf, script: s } = this;
    const T = lib.wire.DHCP_TYPES;
    Object.assign(rep, lib.wire.createDhcpRepr());
    rep.op = s.op;
    rep.xid = (req.xid + s.xidDelta) >>> 0;
    rep.chaddr = req.chaddr + s.chaddrDelta;
    rep.msgType = type;
    rep.serverId = this.iface.ipAddr;
    if (type !== T.Nak) {
      const pool = [].concat(s.pool).map((a) => this.addr(a));
      rep.yiaddr = pool.find((a) => !this.declined.includes(a)) || 0;
      rep.hasSubnetMask = true;
      rep.subnetMask = this.addr(s.mask);
      rep.router = s.router ? this.addr(s.router) : 0;
      rep.dns = s.dns.map((d) => this.addr(d)).concat([0, 0, 0]).slice(0, 3);
      rep.dnsCount = s.dns.length;
      rep.leaseTime = s.lease;
      rep.renewalTime = s.t1;
      rep.rebindingTime = s.t2;
    }
    const n = lib.wire.emitDhcp(rep, buf, 0);
    this.out.sendTo(buf, 0, n, 0xffffffff, 68);
  }
}

/** DNS response builder: header, the question copied from the query, then answer records.
 *  Record names are strings ("@" = a pointer to the question name); data is an address string (A)
 *  or a name (CNAME). */
export function dnsResponse(query, { id, rcode = 0, answers = [], tc = false, question = null, truncateTo = 0 } = {}) {
  const qEnd = (() => {
    let p = 12;
    while (query[p] !== 0) p += query[p] + 1;
    return p + 5;
  })();
  const out = [];
  const put16 = (v) => out.push((v >>> 8) & 255, v & 255);
  const name = (s) => {
    if (s === '@') return out.push(0xc0, 12);
    for (const l of s.split('.')) {
      out.push(l.length);
      for (const c of l) out.push(c.charCodeAt(0));
    }
    out.push(0);
  };
  put16(id === undefined ? (query[0] << 8) | query[1] : id);
  put16(0x8180 | (tc ? 0x0200 : 0) | rcode);
  put16(1);
  put16(answers.length);
  put16(0);
  put16(0);
  if (question) {
    name(question);
    put16(1);
    put16(1);
  } else out.push(...query.subarray(12, qEnd));
  for (const a of answers) {
    name(a.name);
    put16(a.type === 'CNAME' ? 5 : a.type === 'AAAA' ? 28 : 1);
    put16(1);
    const ttl = a.ttl === undefined ? 300 : a.ttl;
    out.push((ttl >>> 24) & 255, (ttl >>> 16) & 255, (ttl >>> 8) & 255, ttl & 255);
    if (a.type === 'CNAME') {
      const at = out.length;
      put16(0);
      name(a.data);
      const len = out.length - at - 2;
      out[at] = len >> 8;
      out[at + 1] = len & 255;
    } else if (a.type === 'AAAA') {
      put16(16);
      for (let i = 0; i < 16; i++) out.push(i);
    } else {
      put16(4);
      out.push(...a.data.split('.').map(Number));
    }
  }
  const b = Uint8Array.from(out);
  return truncateTo ? b.subarray(0, truncateTo) : b;
}

/** The name asked in a query (lowercase). */
export function queryName(q) {
  const parts = [];
  for (let p = 12; q[p] !== 0; p += q[p] + 1) parts.push(String.fromCharCode(...q.subarray(p + 1, p + 1 + q[p])));
  return parts.join('.').toLowerCase();
}

/** A DNS server on port 53 of iface: answer(query, name) returns the response bytes, or null. */
export class DnsServer {
  constructor(lib, iface, answer, port = 53) {
    this.answer = answer;
    this.seen = [];
    this.sock = new lib.socket.UdpSocket({ rxPackets: 8, rxBytes: 4096, txPackets: 8, txBytes: 4096 });
    iface.add(this.sock);
    this.sock.bind(port);
    this.buf = new Uint8Array(1500);
    iface.attach(this);
  }
  pollAt() {
    return -1;
  }
  poll(now) {
    const s = this.sock;
    while (s.canRecv()) {
      const n = s.recvFrom(this.buf, 0, this.buf.length);
      const q = this.buf.slice(0, n);
      const name = queryName(q);
      this.seen.push({ name, id: (q[0] << 8) | q[1], port: s.fromPort, from: s.fromAddr, at: now });
      const r = this.answer(q, name, this.seen.length);
      if (r) s.sendTo(r, 0, r.length, s.fromAddr, s.fromPort);
    }
  }
}
