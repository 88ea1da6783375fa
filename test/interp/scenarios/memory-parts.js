// ES5, runs inside Espruino as a Storage module ("parts"), beside a board bundle ("tcpip"): the
// blocks each object of connect() costs, one constructor at a time (process.memory().usage after a
// GC, before and after; every object is kept, so nothing is freed between). The pools are the
// WiFi's and the Pico's (2 TCP sockets of 1 KB + 1 KB, 1 UDP socket of 1 KB, 1 DNS query). The
// device is a stand-in object (startDevice needs the chip: the memory scenario measures it whole).
// Prints `PART <name> <blocks>` lines, then `DONE`.
exports.run = function () {
  var lib = require('tcpip');
  // Where every object is kept: its slots are made before any measurement.
  var keep = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], kept = 0;
  function usage() {
    process.memory();
    return process.memory().usage;
  }
  function part(name, make) {
    var a = usage();
    var o = make();
    keep[kept++] = o;
    var blocks = usage() - a; // before the line printed is built
    print('PART ' + name + ' ' + blocks);
    return o;
  }
  var dev = { maxFrame: 1514, mac: 0x020000000a02, receive: function () { return 0; }, transmit: function () { return 0; }, linkUp: function () { return true; } };
  var iface = part('Interface (11 socket slots)', function () { return new lib.Interface({ device: dev, sockets: 11, arpCacheSize: 4 }); });
  part('TcpSocket (1 KB + 1 KB rings)', function () { return new lib.TcpSocket({ txBytes: 1024, rxBytes: 1024 }); });
  part('UdpSocket (1 KB + 1 KB rings)', function () { return new lib.UdpSocket({ rxPackets: 4, rxBytes: 1024, txPackets: 4, txBytes: 1024 }); });
  part('UdpSocket (16 B + 16 B rings)', function () { return new lib.UdpSocket({ rxPackets: 1, rxBytes: 16, txPackets: 1, txBytes: 16 }); });
  var dns = part('DnsClient (1 query)', function () { return new lib.DnsClient(iface, { servers: [], pending: 1 }); });
  part('NetworkDriver (2 TCP, 1 UDP, 1 KB rings)', function () {
    return new lib.NetworkDriver(iface, dns, { tcpSockets: 2, udpSockets: 1, txBytes: 1024, rxBytes: 1024, udpBytes: 1024 });
  });
  part('DhcpClient', function () { return new lib.DhcpClient(iface, { dns: dns }); });
  // What the parts are made of.
  part('Int32Array(1)', function () { return new Int32Array(1); });
  part('Int32Array(4)', function () { return new Int32Array(4); });
  part('Uint8Array(1514)', function () { return new Uint8Array(1514); });
  part('object, 5 integer properties, short names', function () { return { a: 1, b: 2, c: 3, d: 4, e: 5 }; });
  part('object, 5 integer properties, 7-letter names', function () { return { aaaaaaa: 1, bbbbbbb: 2, ccccccc: 3, ddddddd: 4, eeeeeee: 5 }; });
  part('object, 5 boolean properties', function () { return { a: true, b: false, c: true, d: false, e: true }; });
  part('object, 5 non-integer properties', function () { return { a: 1.5, b: 2.5, c: 3.5, d: 4.5, e: 5.5 }; });
  print('DONE');
};
