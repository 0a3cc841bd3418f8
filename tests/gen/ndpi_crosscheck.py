#!/usr/bin/env python3
"""Check edgeflow-gen's application labels against nDPI itself.

Runs Debian's ndpiReader (nDPI 4.2) on a generated capture and compares the
application of every flow it reports with the label the generator gave the
flow (the "app" column of --frame-log), after the agent's label rule
(docs/applications.md): nDPI's application protocol if it names one, else
its master protocol; a DNS master protocol is "DNS" whatever it names; a
flow nDPI did not detect by its payload (no payload, nothing recognised, or
a result from its guesses or caches: confidence other than "DPI") is
"unknown". (One exception, see ndpi_label: ndpiReader marks BitTorrent
flows found by their handshake as found in its cache.)

  ndpi_crosscheck.py CAPTURE FRAME_LOG [NDPIREADER]

Flows are matched by protocol and their two (address, port) ends; ICMP
flows by addresses. Exit status 0 when every matched flow agrees and
nearly every generated flow was found.
"""
import collections
import re
import subprocess
import sys

PROTOS = {"TCP": 6, "UDP": 17, "ICMP": 1, "ICMPV6": 58}
LINE = re.compile(r"^\s*\d+\s+(\S+)\s+(\S+)\s+(?:<->|->)\s+(\S+)\s+.*?\[proto: ([\d.]+)/([^\]]+)\]"
                  r".*?\[Confidence: ([^\]]+)\]")


def endpoint(text):
    host, _, port = text.rpartition(":")
    return host.strip("[]"), int(port)


def key(proto, a, b):
    if proto in (1, 58):
        a, b = (a[0], 0), (b[0], 0)
    return (proto, frozenset((a, b)))


def ndpi_label(ids, names, confidence):
    # ndpiReader reports a BitTorrent flow it detected by its handshake with
    # the confidence of nDPI's peer cache, which it consults last; the
    # generator gives every BitTorrent flow a peer no other flow meets.
    if confidence == "DPI (cache)" and names == "BitTorrent":
        return names
    if confidence != "DPI":
        return "unknown"
    if "." in ids:
        master, _, app = names.partition(".")
        return "DNS" if master == "DNS" else app
    return "unknown" if names == "Unknown" else names


def main():
    capture, frame_log = sys.argv[1:3]
    reader = sys.argv[3] if len(sys.argv) > 3 else "ndpiReader"

    apps = {}
    for line in open(frame_log):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if cols[6] != "-":
            apps[int(cols[0])] = cols[6]

    fields = ["frame.number", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto", "ipv6.nxt",
              "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport"]
    cmd = ["tshark", "-r", capture, "-n", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
           "-T", "fields", "-E", "occurrence=l"]
    for f in fields:
        cmd += ["-e", f]
    expected, clashes = {}, 0
    for line in subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines():
        r = dict(zip(fields, line.split("\t")))
        app = apps.get(int(r["frame.number"]))
        if app is None:
            continue
        v6 = not r["ip.src"]
        src, dst = (r["ipv6.src"], r["ipv6.dst"]) if v6 else (r["ip.src"], r["ip.dst"])
        proto = int((r["ipv6.nxt"] if v6 else r["ip.proto"]) or 0)
        if r["tcp.srcport"]:
            sp, dp = int(r["tcp.srcport"]), int(r["tcp.dstport"])
        elif r["udp.srcport"]:
            sp, dp = int(r["udp.srcport"]), int(r["udp.dstport"])
        elif proto in (1, 58):
            sp = dp = 0
        else:
            continue  # a later fragment: no ports
        k = key(proto, (src, sp), (dst, dp))
        if expected.setdefault(k, app) != app:
            clashes += 1

    out = subprocess.run([reader, "-d", "-v", "2", "-i", capture], capture_output=True, text=True).stdout
    found, agree, wrong = 0, collections.Counter(), []
    for line in out.splitlines():
        m = LINE.match(line)
        if not m or m.group(1) not in PROTOS:
            continue
        proto = PROTOS[m.group(1)]
        k = key(proto, endpoint(m.group(2)), endpoint(m.group(3)))
        want = expected.get(k)
        if want is None:
            continue
        found += 1
        got = ndpi_label(m.group(4), m.group(5), m.group(6))
        if got == want:
            agree[want] += 1
        else:
            wrong.append(f"{m.group(1)} {m.group(2)} {m.group(3)}: truth {want}, nDPI {got} "
                         f"({m.group(5)}, {m.group(6)})")

    for w in wrong[:30]:
        print("MISMATCH", w)
    print("agree:", ", ".join(f"{k} {v}" for k, v in sorted(agree.items())))
    ok = not wrong and clashes == 0 and found >= 0.95 * len(expected)
    print(("OK: " if ok else "FAIL: ") + f"{found} of {len(expected)} generated flows found by "
          f"ndpiReader, {len(wrong)} disagree, {clashes} label clashes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
