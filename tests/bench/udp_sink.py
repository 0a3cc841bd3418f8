#!/usr/bin/env python3
"""A loopback UDP collector that only counts datagrams.

softflowd exports to it during the benchmark, so its sends succeed (no ICMP
port-unreachable, no send failures) and run_bench.sh can check that it did
export. Prints the bound port on stdout, then on SIGTERM the datagram and
byte counts ("DATAGRAMS BYTES") on stderr.

    udp_sink.py > PORT_FILE 2> COUNT_FILE &
"""
import signal
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# A large receive buffer: a flood run exports tens of thousands of datagrams
# in bursts, and a drop here would make the count check fail. Beyond
# net.core.rmem_max only root may ask (SO_RCVBUFFORCE, 33 on Linux).
try:
    sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 64 << 20)
except OSError:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 20)
sock.bind(("127.0.0.1", 0))
print(sock.getsockname()[1], flush=True)

datagrams = 0
octets = 0


def stop(_signum, _frame):
    sys.stderr.write(f"{datagrams} {octets}\n")
    sys.stderr.flush()
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
while True:
    data = sock.recv(65536)
    datagrams += 1
    octets += len(data)
