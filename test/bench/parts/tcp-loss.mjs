// TCP under loss (issue 16): 256 KB from one stack to the other on the virtual wire, in virtual
// time, 5 ms one-way delay, seeded loss in both directions, for each build and receive window. The
// figure is the fraction of the window-limited ceiling (window / RTT) reached, beside the sender's
// recovery counters. The seeds are fixed, so every run prints the same table for the same code.
import { tcpPair, pattern, transfer } from '../../tcp/pair.mjs';

const SIZE = 256 * 1024;
const DELAY = 5;
const LOSSES = [0, 0.01, 0.02, 0.05];
const WINDOWS = [2048, 16384];
const SEEDS = [11, 12, 13];
const HOSTILE = { loss: 0.1, reorder: 0.1, duplicate: 0.05, corrupt: 0.01, delayMs: 1, reorderMs: 4 };
// The faults the 10 MiB interop runs put on the TAP both ways (test/interop/scenarios/tcp-http.mjs),
// with our stack at both ends: a deterministic stand-in for the stack -> Linux figure.
const INTEROP = { loss: 0.05, reorder: 0.1, duplicate: 0.02, reorderMs: 5 };

function run(lib, window, faults, seed) {
  const p = tcpPair(lib, { faults, seed });
  const srv = new lib.socket.TcpSocket({ txBytes: 65536, rxBytes: window });
  const cli = new lib.socket.TcpSocket({ txBytes: 65536, rxBytes: window });
  p.B.add(srv);
  p.A.add(cli);
  srv.listen(5001);
  cli.connect(p.ipB, 5001);
  p.run({ idleAfterMs: 60000, until: () => cli.state === 4 && srv.state === 4 });
  const c0 = counters(cli);
  const data = pattern(SIZE, seed);
  const r = transfer(p, cli, srv, data, { close: false });
  for (let i = 0; i < SIZE; i += 997) if (r.got[i] !== data[i]) throw new Error('corrupted transfer');
  const c1 = counters(cli);
  for (const k in c1) c1[k] -= c0[k];
  return { ms: r.ms, ...c1 };
}

/** The sender's recovery counters (TcpSocket.stats, indexed as TcpStat in src/socket/tcp.ts). */
function counters(s) {
  const c = s.stats;
  return { timeouts: c[0], fastRetransmits: c[1], probes: c[2], undos: c[3] };
}

function cell(lib, window, faults) {
  let ms = 0;
  const sum = { timeouts: 0, fastRetransmits: 0, probes: 0, undos: 0 };
  for (const seed of SEEDS) {
    const r = run(lib, window, faults, seed);
    ms += r.ms;
    for (const k in sum) sum[k] += r[k];
  }
  const ceiling = window / (2 * faults.delayMs); // bytes per ms
  return { frac: (SIZE * SEEDS.length / ms) / ceiling, ...sum };
}

export default async function ({ builds }) {
  const rows = [], json = {};
  for (const { name, lib } of builds) {
    for (const w of WINDOWS) {
      for (const loss of LOSSES) {
        const c = cell(lib, w, { loss, delayMs: DELAY });
        const key = 'tcp_loss_' + (lib.noAlloc ? 'noalloc_' : '') + (w >> 10) + 'k_' + Math.round(loss * 100);
        json[key] = +c.frac.toFixed(2);
        rows.push([name + ': ' + (w >> 10) + ' KB window, ' + Math.round(loss * 100) + ' % loss', c.frac.toFixed(2),
          'of window/RTT; timeouts ' + c.timeouts + ', fast rtx ' + c.fastRetransmits + ', probes ' + c.probes + ', undos ' + c.undos]);
      }
    }
    // The hostile wire of test/tcp/transfer.test.mjs and the interop faults, with the same 5 ms delay.
    for (const [label, faults] of [['hostile wire', HOSTILE], ['interop faults', INTEROP]]) {
      for (const w of WINDOWS) {
        const c = cell(lib, w, { ...faults, delayMs: DELAY });
        rows.push([name + ': ' + (w >> 10) + ' KB window, ' + label, c.frac.toFixed(2),
          'of window/RTT; timeouts ' + c.timeouts + ', fast rtx ' + c.fastRetransmits + ', probes ' + c.probes + ', undos ' + c.undos]);
      }
    }
  }
  return { title: 'TCP under loss, 256 KB x ' + SEEDS.length + ' seeds, 5 ms one-way (issue 16)', rows, json };
}
