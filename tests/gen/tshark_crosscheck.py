#!/usr/bin/env python3
"""Recount a generated capture with tshark and compare with edgeflow-gen's truth.

A second, independent implementation of docs/counting.md: it reads what
Wireshark dissects from the capture's bytes (VLAN ids, MACs, addresses, IP
lengths, ports, ICMP types, fragment fields), applies the counting rules to
that, and diffs the result with the truth's "buckets" and "file" objects.
It also counts the TLS ClientHellos (each with a server name) and HTTP
requests (each with a Host) Wireshark finds against the generator's stats.

  tshark_crosscheck.py CAPTURE TRUTH.json CONFIG.uci

Frames Wireshark marks malformed count as undecodable. Captures cut by
--snaplen are not supported here (header cuts need the generator's view).
Exit status 0 when every counter matches.
"""
import ipaddress
import json
import subprocess
import sys

FIELDS = [
    "frame.len", "eth.src", "eth.dst", "vlan.id",
    "ip.src", "ip.dst", "ip.len", "ip.proto", "ip.id", "ip.frag_offset", "ip.flags.mf",
    "ipv6.src", "ipv6.dst", "ipv6.plen", "ipv6.nxt",
    "ipv6.fraghdr.nxt", "ipv6.fraghdr.offset", "ipv6.fraghdr.ident",
    "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport",
    "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code",
    "_ws.malformed", "_ws.expert.severity",
    "tls.handshake.type", "tls.handshake.extensions_server_name", "http.request.method", "http.host",
]
ERROR_SEVERITY = 0x00800000


def parse_config(path):
    local, upstreams, current = [], [], None
    for line in open(path):
        words = line.split(None, 2)
        if not words:
            continue
        value = words[-1].strip().strip("'")
        if words[0] == "config":
            current = {"id": value, "vlans": set(), "macs": set()} if words[1] == "upstream" else None
            if current is not None:
                upstreams.append(current)
        elif words[0] == "list" and words[1] == "local":
            local.append(ipaddress.ip_network(value))
        elif words[0] == "list" and words[1] == "match" and current is not None:
            kind, arg = value.split()
            (current["vlans"] if kind == "vlan" else current["macs"]).add(int(arg) if kind == "vlan" else arg.lower())
    return local, upstreams


def first(v):
    return v.split(",")[0] if v else ""


def main():
    capture, truth_path, config_path = sys.argv[1:4]
    local, upstreams = parse_config(config_path)
    truth = json.load(open(truth_path))

    def is_local(a):
        addr = ipaddress.ip_address(a)
        return any(addr in n for n in local if n.version == addr.version)

    zero = lambda: {"packets": 0, "ip_bytes": 0, "frame_bytes": 0, "flows": 0}
    buckets = {"upstreams": {u["id"]: {"in": zero(), "out": zero()} for u in upstreams},
               "unknown-upstream": {"in": zero(), "out": zero()},
               "internal": zero(), "transit": zero(), "non-ip": zero(), "undecodable": zero()}
    file_totals = {"packets": 0, "frame_bytes": 0}
    # First payloads: every TLS ClientHello names a server, every HTTP
    # request a Host, as many of each as the generator wrote.
    hellos = requests = unnamed = 0
    flow_dirs, fragments = {}, {}

    cmd = ["tshark", "-r", capture, "-n", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
           "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        r = dict(zip(FIELDS, line.split("\t")))
        wire = int(r["frame.len"])
        file_totals["packets"] += 1
        file_totals["frame_bytes"] += wire
        if "1" in r["tls.handshake.type"].split(","):
            hellos += 1
            unnamed += not r["tls.handshake.extensions_server_name"]
        if r["http.request.method"]:
            requests += 1
            unnamed += not r["http.host"]
        severities = [int(s, 0) for s in r["_ws.expert.severity"].split(",") if s]
        if r["_ws.malformed"] or any(s >= ERROR_SEVERITY for s in severities):
            c = buckets["undecodable"]
        elif not r["ip.src"] and not r["ipv6.src"]:
            c = buckets["non-ip"]
        else:
            c = None
        if c is not None:
            c["packets"] += 1
            c["frame_bytes"] += wire
            continue

        v6 = not r["ip.src"]
        src, dst = (first(r["ipv6.src"]), first(r["ipv6.dst"])) if v6 else (first(r["ip.src"]), first(r["ip.dst"]))
        ip_bytes = int(first(r["ipv6.plen"])) + 40 if v6 else int(first(r["ip.len"]))
        vlans = {int(v) for v in r["vlan.id"].split(",") if v}
        smac, dmac = first(r["eth.src"]).lower(), first(r["eth.dst"]).lower()
        up = next((u for u in upstreams if vlans & u["vlans"] or {smac, dmac} & u["macs"]), None)
        sl, dl = is_local(src), is_local(dst)
        dir_ = None
        if sl and dl:
            name, c = "internal", buckets["internal"]
        elif sl != dl:
            dir_ = "in" if dl else "out"
            name = up["id"] if up else "unknown-upstream"
            c = (buckets["upstreams"][name] if up else buckets["unknown-upstream"])[dir_]
        elif up and up["macs"] and (smac in up["macs"] or dmac in up["macs"]):
            dir_ = "in" if smac in up["macs"] else "out"
            name, c = up["id"], buckets["upstreams"][up["id"]][dir_]
        else:
            name, c = "transit", buckets["transit"]
        c["packets"] += 1
        c["frame_bytes"] += wire
        c["ip_bytes"] += ip_bytes

        # Flow key: ports from the packet; ICMP type<<8|code as destination.
        proto = int(first(r["ipv6.fraghdr.nxt"]) or first(r["ipv6.nxt"])) if v6 else int(first(r["ip.proto"]))
        if v6:
            frag = bool(r["ipv6.fraghdr.ident"])
            frag_off = int(first(r["ipv6.fraghdr.offset"]) or 0) * (8 if frag else 0)
            frag_key = (src, dst, proto, first(r["ipv6.fraghdr.ident"]))
        else:
            frag_off = int(first(r["ip.frag_offset"]) or 0)
            frag = frag_off != 0 or r["ip.flags.mf"] in ("1", "True")
            frag_key = (src, dst, proto, first(r["ip.id"]))
        sport = dport = 0
        if r["tcp.srcport"]:
            sport, dport = int(first(r["tcp.srcport"])), int(first(r["tcp.dstport"]))
        elif r["udp.srcport"]:
            sport, dport = int(first(r["udp.srcport"])), int(first(r["udp.dstport"]))
        elif r["icmp.type"] or r["icmpv6.type"]:
            t = "icmpv6" if v6 else "icmp"
            dport = (int(first(r[t + ".type"])) << 8) | int(first(r[t + ".code"]))
        if frag and frag_off > 0 and frag_key in fragments:
            key = fragments[frag_key]
        else:
            if dir_ is None:
                a, b = (ipaddress.ip_address(src), sport), (ipaddress.ip_address(dst), dport)
                src_local = a <= b
            else:
                src_local = dir_ == "out"
            lo, ro = ((src, sport), (dst, dport)) if src_local else ((dst, dport), (src, sport))
            key = (name, proto, lo, ro)
            if frag and frag_off == 0:
                fragments[frag_key] = key
        seen = flow_dirs.setdefault(key, set())
        if (dir_ or "once") not in seen:
            seen.add(dir_ or "once")
            c["flows"] += 1

    ok = True
    for k in ("packets", "frame_bytes"):
        if truth["file"][k] != file_totals[k]:
            print(f"file.{k}: truth {truth['file'][k]} tshark {file_totals[k]}")
            ok = False

    stats = truth["stats"]
    for name, got in (("tls_client_hellos", hellos), ("http_requests", requests)):
        if stats.get(name, 0) != got:
            print(f"stats.{name}: truth {stats.get(name, 0)} tshark {got}")
            ok = False
    if unnamed:
        print(f"{unnamed} ClientHellos or requests without a server name")
        ok = False

    def compare(path, want, got):
        nonlocal ok
        for k in ("packets", "ip_bytes", "frame_bytes", "flows"):
            if want[k] != got[k]:
                print(f"{path}.{k}: truth {want[k]} tshark {got[k]}")
                ok = False

    tb = truth["buckets"]
    for uid, dirs in buckets["upstreams"].items():
        for d in ("in", "out"):
            compare(f"upstreams.{uid}.{d}", tb["upstreams"][uid][d], dirs[d])
    for d in ("in", "out"):
        compare(f"unknown-upstream.{d}", tb["unknown-upstream"][d], buckets["unknown-upstream"][d])
    for b in ("internal", "transit", "non-ip", "undecodable"):
        compare(b, tb[b], buckets[b])
    print(("OK: " if ok else "MISMATCH: ") + f"{file_totals['packets']} frames, {len(flow_dirs)} flow keys, "
          f"{hellos} ClientHellos, {requests} HTTP requests")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
