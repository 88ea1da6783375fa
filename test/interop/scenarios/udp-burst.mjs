// The kernel sends a burst of UDP datagrams to the stack's echo port as fast as it can; the stack
// echoes what it can take. Every datagram must be accounted for: echoed, or counted as dropped at
// one named place (TapDevice queue, the chip's receive buffer, the interface's socket ring, the
// echo socket's send ring).
import dgram from 'node:dgram';
import { scenario, loadLib, waitFor, waitForStable } from './kit.mjs';
import fs from 'node:fs';
import { stackOnTap, snmp, KERNEL_IP, STACK_IP } from './setup.mjs';

scenario(async (args) => {
  const lib = loadLib(args.build);
  const s = await stackOnTap(lib, { ...args, tapName: 'tapburst0' }, { queueLimit: 64 });
  const R = lib.iface.RESULTS;
  try {
    const k = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 << 20 });
    await new Promise((r) => k.bind(40010, KERNEL_IP, r));
    let echoed = 0;
    k.on('message', () => { echoed++; });
    // Warm-up: ARP both ways, so that no datagram waits for a neighbour.
    k.send(Buffer.from('warm'), 7, STACK_IP);
    await waitFor(() => echoed === 1, 2000, 'the warm-up datagram to come back from the echo port');
    const tapStat = (name) => Number(fs.readFileSync(`/sys/class/net/${s.tap.tapName}/statistics/${name}`, 'utf8'));
    const before = { snmp: await snmp(), txDropped: tapStat('tx_dropped') };
    const n = args.count || 2000;
    const size = args.size || 1000;
    const msg = Buffer.alloc(size, 0x41);
    const t0 = performance.now();
    let sent = 0;
    await new Promise((resolve) => {
      const more = () => {
        // Bursts of 50 per event-loop turn: faster than the stack drains at times.
        for (let i = 0; i < 50 && sent < n; i++, sent++) k.send(msg, 7, STACK_IP);
        if (sent < n) setImmediate(more); else resolve();
      };
      more();
    });
    const sendMs = performance.now() - t0;
    const c = s.board.iface.counters;
    const count = async () => {
      const after = await snmp();
      const drops = {
        kernelTapTxDropped: tapStat('tx_dropped') - before.txDropped,
        kernelUdpRcvbufErrors: after['Udp.RcvbufErrors'] - before.snmp['Udp.RcvbufErrors'],
        kernelUdpSndbufErrors: after['Udp.SndbufErrors'] - before.snmp['Udp.SndbufErrors'],
        tapQueue: s.tap.device.counters.rxQueueDrops,
        chipOverflow: s.chip ? s.chip.emu.stats.overflows : 0,
        ifaceUdpSocketFull: c[R.UdpSocketFull],
        echoSendFull: s.board.served.echoSendFailed || 0,
      };
      return { drops, accounted: echoed - 1 + Object.values(drops).reduce((a, b) => a + b, 0) };
    };
    // Wait for what the test asserts: every datagram echoed or counted as dropped (bounded; on a
    // timeout the result still says how many were accounted for and the test reports it).
    let waitError;
    try {
      await waitFor(async () => (await count()).accounted >= n, 10000, () => `all ${n} datagrams to be echoed or counted as dropped (echoed ${echoed - 1})`);
      // Then quiescence: nothing more arrives (a duplicate or a late echo would show here).
      await waitForStable(() => echoed, 100, 5000, 'the echo count');
    } catch (e) {
      waitError = e.message;
    }
    k.close();
    const { drops, accounted } = await count();
    const pcap = `${args.outDir}/udp-burst-${args.chip || 'tap'}-${args.build}.pcap`;
    s.rec.save(pcap);
    return {
      pcap, recorded: s.rec.pcap.count,
      path: s.path, sent: n, size, sendMs: Math.round(sendMs), echoed: echoed - 1, drops, accounted, waitError,
      udpDelivered: c[R.UdpDelivered] - 1,
      chipStats: s.chip ? s.chip.stats : null,
      deviceCounters: s.board.status().device,
    };
  } finally {
    s.close();
  }
});
