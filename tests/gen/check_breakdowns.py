#!/usr/bin/env python3
"""Check the shape of edgeflow-gen's breakdowns and CSVs.

  check_breakdowns.py TRUTH.json GEO.csv ASN.csv [DISTINCT]

- every upstream of the buckets, and unknown-upstream, has "in" and "out",
  each with "country", "asn" and "app";
- the rows of each dimension add up to the bucket, field by field;
- every country and AS key other than "unknown" is one the CSVs give, the
  CSVs' ranges never overlap, and both CSVs list the same ranges;
- with DISTINCT (--distinct-asns N), the CSVs list N networks of each
  family and the ASN rows of each direction are N at most.
Exit status 0 when all hold.
"""
import csv
import ipaddress
import json
import sys

FIELDS = ("packets", "ip_bytes", "frame_bytes", "flows")


def ranges(path, width):
    out = []
    for row in csv.reader(open(path)):
        assert len(row) == width, f"{path}: bad line {row}"
        out.append((ipaddress.ip_address(row[0]), ipaddress.ip_address(row[1]), row[2:]))
    return out


def main():
    truth = json.load(open(sys.argv[1]))
    geo, asn = ranges(sys.argv[2], 3), ranges(sys.argv[3], 4)
    distinct = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    errors = []

    if [(a, b) for a, b, _ in geo] != [(a, b) for a, b, _ in asn]:
        errors.append("country and ASN CSVs list different ranges")
    for fam in (4, 6):
        rs = sorted((a, b) for a, b, _ in geo if a.version == fam)
        for (a1, b1), (a2, b2) in zip(rs, rs[1:]):
            if a2 <= b1:
                errors.append(f"ranges {a1}-{b1} and {a2}-{b2} overlap")
        if distinct and len(rs) != distinct:
            errors.append(f"IPv{fam}: {len(rs)} ranges, want {distinct}")
    countries = {r[2][0] for r in geo} | {"unknown"}
    asns = {r[2][0] for r in asn} | {"unknown"}

    buckets, bd = truth["buckets"], truth["breakdowns"]
    parents = [(f"upstreams.{u}.{d}", buckets["upstreams"][u][d], bd["upstreams"].get(u, {}).get(d))
               for u in buckets["upstreams"] for d in ("in", "out")]
    parents += [(f"unknown-upstream.{d}", buckets["unknown-upstream"][d], bd["unknown-upstream"].get(d))
                for d in ("in", "out")]
    rows_seen = 0
    for path, parent, dims in parents:
        if dims is None or set(dims) != {"country", "asn", "app"}:
            errors.append(f"{path}: missing or extra dimensions")
            continue
        for dim, rows in dims.items():
            rows_seen += len(rows)
            for f in FIELDS:
                total = sum(r[f] for r in rows.values())
                if total != parent[f]:
                    errors.append(f"{path}.{dim}: rows sum {f} {total} != bucket {parent[f]}")
            if any(r["packets"] == 0 for r in rows.values()):
                errors.append(f"{path}.{dim}: a row without packets")
            known = countries if dim == "country" else asns if dim == "asn" else None
            if known is not None and not set(rows) <= known:
                errors.append(f"{path}.{dim}: keys not in the CSVs: {sorted(set(rows) - known)[:5]}")
            if distinct and dim == "asn" and len(rows) > distinct + 1:
                errors.append(f"{path}.asn: {len(rows)} rows for {distinct} networks")

    for e in errors[:20]:
        print("ERROR", e)
    print(("OK: " if not errors else "FAIL: ") + f"{len(parents)} breakdowns, {rows_seen} rows, "
          f"{len(geo)} ranges")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
