#!/usr/bin/env bash
# Captures real Linux kernel traffic between two network namespaces joined by a veth pair and
# writes one Ethernet frame per file to test/fixtures/wire/<name>.hex (hex text, 16 bytes a line,
# '#' comment lines at the top). The tests only read the committed fixtures; they never run this.
#
# Usage (as root): test/tools/capture-fixtures.sh [output-dir]
# Needs: ip (iproute2), tcpdump, ping (iputils), python3.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../fixtures/wire}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

[ "$(id -u)" = 0 ] || { echo "capture-fixtures.sh: must run as root (network namespaces)" >&2; exit 1; }
for t in ip tcpdump ping python3; do
  command -v "$t" >/dev/null || { echo "capture-fixtures.sh: $t not found" >&2; exit 1; }
done

A="wfixA$$"; B="wfixB$$"            # namespaces (unique per run)
IPA=10.77.0.1; IPB=10.77.0.2
MACA=02:00:00:77:00:01; MACB=02:00:00:77:00:02
work="$(mktemp -d)"
tcpdump_pid=""; server_pids=()

cleanup() {
  set +e
  for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null; done
  if [ -n "$tcpdump_pid" ]; then kill "$tcpdump_pid" 2>/dev/null; wait "$tcpdump_pid" 2>/dev/null; fi
  ip netns del "$A" 2>/dev/null
  ip netns del "$B" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

inA() { ip netns exec "$A" "$@"; }
inB() { ip netns exec "$B" "$@"; }

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every 50 ms until it succeeds; after SECONDS, fails
# saying what never happened. Stands in for every fixed sleep (readiness is checked, not guessed).
wait_for() {
  local limit="$1" what="$2"; shift 2
  local end=$(( $(date +%s%N) + limit * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s%N)" -gt "$end" ]; then
      echo "capture-fixtures.sh: timed out after ${limit} s waiting for $what" >&2
      exit 1
    fi
    sleep 0.05
  done
}
# Quiescence: the file's size is the same over 200 ms.
size_stable() { local a b; a=$(stat -c %s "$1"); sleep 0.2; b=$(stat -c %s "$1"); [ "$a" = "$b" ]; }

# Checksum offload off, so that captured frames carry their final checksums (a veth otherwise hands
# CHECKSUM_PARTIAL packets over and tcpdump sees unfinished TCP/UDP checksums).
txcsum_off() {
  ip netns exec "$1" python3 - "$2" <<'PY'
import array, fcntl, socket, struct, sys
SIOCETHTOOL, ETHTOOL_STXCSUM = 0x8946, 0x17
val = array.array('B', struct.pack('II', ETHTOOL_STXCSUM, 0))
ifr = struct.pack('16sP', sys.argv[1].encode(), val.buffer_info()[0])
fcntl.ioctl(socket.socket(socket.AF_INET, socket.SOCK_DGRAM), SIOCETHTOOL, ifr)
PY
}

ip netns add "$A"
ip netns add "$B"
ip link add vA netns "$A" type veth peer name vB netns "$B"
for ns in "$A" "$B"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip netns exec "$ns" sysctl -qw net.ipv4.tcp_timestamps=1 net.ipv4.tcp_sack=1 net.ipv4.tcp_window_scaling=1
  ip netns exec "$ns" ip link set lo up
done
inA ip link set vA address "$MACA" mtu 1500
inB ip link set vB address "$MACB" mtu 1500
txcsum_off "$A" vA
txcsum_off "$B" vB
inA ip addr add "$IPA/24" dev vA
inB ip addr add "$IPB/24" dev vB
inA ip link set vA up
inB ip link set vB up
wait_for 5 "vA and vB to have carrier (LOWER_UP)" sh -c "ip netns exec $A ip -o link show dev vA | grep -q LOWER_UP && ip netns exec $B ip -o link show dev vB | grep -q LOWER_UP"

# Servers in B: a UDP sink on 5000 (5001 stays closed), a TCP server on 8080 that reads a line,
# answers and closes.
inB python3 - <<'PY' &
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(('10.77.0.2', 5000))
t = socket.socket()
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(('10.77.0.2', 8080))
t.listen(1)
u.settimeout(20); t.settimeout(20)
u.recvfrom(2048)
c, _ = t.accept()
c.recv(100)
c.sendall(b'world\n')
c.shutdown(socket.SHUT_WR)
c.recv(100)
c.close()
PY
server_pids+=($!)
wait_for 10 "the servers in B to listen on UDP 5000 and TCP 8080" sh -c "ip netns exec $B ss -Hlnu 'sport = :5000' | grep -q . && ip netns exec $B ss -Hlnt 'sport = :8080' | grep -q ."

inA tcpdump -i vA -n -U -s 0 -w "$work/cap.pcap" 2>"$work/tcpdump.err" &
tcpdump_pid=$!
wait_for 5 "tcpdump to say 'listening on'" grep -q 'listening on' "$work/tcpdump.err"

inA ip neigh flush dev vA
inB ip neigh flush dev vB
inA ping -c 1 -W 2 "$IPB" >/dev/null                  # ARP request/reply, ICMP echo request/reply
inA python3 - <<'PY'                                   # UDP datagram, then UDP to a closed port
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('10.77.0.1', 40001))
s.sendto(b'hello udp\n', ('10.77.0.2', 5000))
# The closed port: wait for the kernel's ICMP port unreachable itself (ECONNREFUSED), bounded.
s.connect(('10.77.0.2', 5001))
s.settimeout(5)
s.send(b'nobody home\n')
try:
    s.recv(100)
    raise SystemExit('capture-fixtures.sh: UDP port 5001 answered; it should be closed')
except ConnectionRefusedError:
    pass
except socket.timeout:
    raise SystemExit('capture-fixtures.sh: timed out after 5 s waiting for the ICMP port unreachable from 10.77.0.2:5001')
PY
inA python3 - <<'PY'                                   # TCP: handshake, data both ways, FINs
import socket, time
c = socket.socket()
c.bind(('10.77.0.1', 40000))
c.connect(('10.77.0.2', 8080))
c.sendall(b'hello tcp\n')
data = b''
while True:
    d = c.recv(100)
    if not d:
        break
    data += d
c.close()
PY
# The TCP exchange is over once the server in B has exited (it closes after the client's FIN).
wait "${server_pids[@]}" 2>/dev/null || true
server_pids=()
inA ping -c 1 -W 2 -s 3000 "$IPB" >/dev/null          # IPv4 fragments (MTU 1500)
inA ping -c 1 -W 2 -R "$IPB" >/dev/null               # IPv4 header with the record-route option
# Quiescence before stopping tcpdump: the capture file stops growing (bounded).
wait_for 5 "the capture file to stop growing" size_stable "$work/cap.pcap"
kill "$tcpdump_pid"; wait "$tcpdump_pid" 2>/dev/null || true; tcpdump_pid=""

kernel="$(uname -r)"
date_utc="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
python3 - "$work/cap.pcap" "$out" "$kernel" "$date_utc" <<'PY'
import struct, sys
path, out, kernel, date = sys.argv[1:5]
data = open(path, 'rb').read()
magic = struct.unpack('<I', data[:4])[0]
assert magic in (0xa1b2c3d4, 0xa1b23c4d), hex(magic)
frames, i = [], 24
while i + 16 <= len(data):
    _, _, incl, _ = struct.unpack('<IIII', data[i:i + 16])
    frames.append(data[i + 16:i + 16 + incl]); i += 16 + incl

picked = {}
def pick(name, desc, f):
    if name not in picked:
        picked[name] = (desc, f)

for f in frames:
    et = struct.unpack('!H', f[12:14])[0]
    if et == 0x0806:
        op = struct.unpack('!H', f[20:22])[0]
        pick('arp-request' if op == 1 else 'arp-reply', 'ARP %s' % ('request (broadcast)' if op == 1 else 'reply'), f)
        continue
    if et != 0x0800:
        continue
    ip = f[14:]
    ihl = (ip[0] & 15) * 4
    frag = struct.unpack('!H', ip[6:8])[0]
    mf, offset = frag & 0x2000, (frag & 0x1fff) * 8
    proto = ip[9]
    l4 = ip[ihl:]
    if mf or offset:
        if offset == 0:
            pick('ipv4-frag-first', 'IPv4 first fragment (MF, offset 0) of a 3008-byte ICMP echo request', f)
        elif mf:
            pick('ipv4-frag-middle', 'IPv4 middle fragment (MF, offset %d)' % offset, f)
        else:
            pick('ipv4-frag-last', 'IPv4 last fragment (offset %d)' % offset, f)
        continue
    if ihl > 20:
        if proto == 1 and l4[0] == 8:
            pick('ipv4-options-echo-request', 'ICMP echo request with the IPv4 record-route option (ping -R)', f)
        elif proto == 1 and l4[0] == 0:
            pick('ipv4-options-echo-reply', 'ICMP echo reply with the IPv4 record-route option', f)
        continue
    if proto == 1:
        t, c = l4[0], l4[1]
        if t == 8: pick('icmp-echo-request', 'ICMP echo request (ping)', f)
        elif t == 0: pick('icmp-echo-reply', 'ICMP echo reply', f)
        elif t == 3 and c == 3: pick('icmp-port-unreachable', 'ICMP destination unreachable, port (UDP to closed port 5001)', f)
    elif proto == 17:
        if struct.unpack('!H', l4[2:4])[0] == 5000:
            pick('udp-datagram', 'UDP datagram 10.77.0.1:40001 -> 10.77.0.2:5000, "hello udp\\n"', f)
    elif proto == 6:
        doff = (l4[12] >> 4) * 4
        flags = l4[13]
        plen = struct.unpack('!H', ip[2:4])[0] - ihl - doff
        sport = struct.unpack('!H', l4[0:2])[0]
        if flags == 0x02: pick('tcp-syn', 'TCP SYN with MSS, SACK-permitted, timestamps, window scale', f)
        elif flags == 0x12: pick('tcp-syn-ack', 'TCP SYN-ACK', f)
        elif flags & 0x01: pick('tcp-fin', 'TCP FIN (first one sent, by the server)' if sport == 8080 else 'TCP FIN (first one sent, by the client)', f)
        elif plen > 0 and sport == 40000: pick('tcp-data', 'TCP data from the client, "hello tcp\\n"', f)
        elif plen > 0 and sport == 8080: pick('tcp-data-reply', 'TCP data from the server, "world\\n"', f)
        elif flags == 0x10 and plen == 0: pick('tcp-ack', 'TCP ACK completing the handshake', f)

want = ['arp-request', 'arp-reply', 'icmp-echo-request', 'icmp-echo-reply', 'udp-datagram', 'icmp-port-unreachable',
        'tcp-syn', 'tcp-syn-ack', 'tcp-ack', 'tcp-data', 'tcp-data-reply', 'tcp-fin',
        'ipv4-frag-first', 'ipv4-frag-middle', 'ipv4-frag-last', 'ipv4-options-echo-request', 'ipv4-options-echo-reply']
missing = [w for w in want if w not in picked]
if missing:
    sys.exit('capture-fixtures.sh: frames not captured: ' + ', '.join(missing))
for name in want:
    desc, f = picked[name]
    with open('%s/%s.hex' % (out, name), 'w') as fh:
        fh.write('# %s\n' % desc)
        fh.write('# %d bytes, captured by test/tools/capture-fixtures.sh on Linux %s at %s\n' % (len(f), kernel, date))
        for k in range(0, len(f), 16):
            fh.write(' '.join('%02x' % b for b in f[k:k + 16]) + '\n')
print('%d frames captured, %d fixtures written to %s' % (len(frames), len(want), out))
PY
echo "kernel $kernel, $date_utc"
