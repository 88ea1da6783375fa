// Runs tshark over a pcap with checksum validation switched on and returns what it finds wrong:
// malformed packets (dissector exceptions) and bad IPv4 / ICMP / UDP / TCP checksums.
import { spawnSync } from 'node:child_process';

const BAD = [
  '_ws.malformed',
  'ip.checksum.status == 0',
  'icmp.checksum.status == 0',
  'udp.checksum.status == 0',
  // Linux writes a zero TCP checksum as 0xFFFF (skb_checksum_help: csum_fold(csum) ?: CSUM_MANGLED_0),
  // about one kernel segment in 65536; tshark marks it bad (tcp.checksum.ffff, RFC 1624) though the
  // sum verifies. Any other bad TCP checksum still counts.
  '(tcp.checksum.status == 0 && !tcp.checksum.ffff)',
].join(' || ');

// A retransmission whose segment boundaries differ from the original's (SACK recovery resends a
// hole in whole MSS pieces) can reach tshark's HTTP reassembly after the message was already
// put together; tshark then reports the retransmission itself as a reassembly error. The bytes are
// checked end to end by the tests; only that report, on a frame tshark marks as a retransmission,
// is not a finding (seen once in a 10 MiB transfer under netem). tshark calls a resend that
// follows the original within its out-of-order threshold (a fast retransmit of a segment that
// reordering only delayed) "Out-Of-Order" instead: the same case (seen on the W5500 path).
const REPACKETIZED = /\[TCP (Fast Retransmission|Retransmission|Out-Of-Order)\].*\[Reassembly error, protocol TCP: New fragment overlaps old data \(retransmission\?\)\]$/;

/**
 * Returns { frames, findings: [{ frame, summary }] } for pcapPath; throws when tshark fails to read
 * the file. Checksum preferences are the tshark 4.0 names (ip/udp/tcp.check_checksum).
 */
export function tsharkFindings(pcapPath) {
  const prefs = ['ip', 'udp', 'tcp'].flatMap((p) => ['-o', `${p}.check_checksum:TRUE`]);
  const base = ['-n', '-r', pcapPath, ...prefs];
  const bad = spawnSync('tshark', [...base, '-Y', BAD, '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Info'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (bad.status !== 0) throw new Error(`tshark failed on ${pcapPath}: ${bad.stderr.trim()}`);
  const count = spawnSync('capinfos', ['-c', '-M', pcapPath], { encoding: 'utf8' });
  const m = /Number of packets:\s*(\d+)/.exec(count.stdout || '');
  const findings = bad.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [frame, summary] = l.split('\t');
      return { frame: Number(frame), summary };
    })
    .filter((f) => !REPACKETIZED.test(f.summary));
  return { frames: m ? Number(m[1]) : -1, findings };
}

/** How many frames of pcapPath match the display filter (throws when tshark fails). */
export function tsharkCount(pcapPath, filter) {
  const r = spawnSync('tshark', ['-n', '-r', pcapPath, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`tshark failed on ${pcapPath} with ${filter}: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter((l) => l.trim()).length;
}
