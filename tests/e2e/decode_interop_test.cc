// The decoder against real captures: every packet capture listed in
// $EDGEFLOW_INTEROP_DIR/expected/pcaps/manifest.tsv is decoded frame by
// frame and compared with the per-frame tshark decode beside it
// (expected/pcaps/<file>.tsv): VLAN ids, MPLS labels, PPPoE session,
// addresses, transport, ports and fragment fields.
//
// We do not decapsulate tunnels (GRE, ERSPAN, IP-in-IP, SRv6): for frames
// where tshark found more than one IP layer we check what we do report, the
// outer header with the tunnel protocol and no ports, and the link layers.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <vector>

#include <pcap/pcap.h>

#include "agent/decode/decoder.h"

#include <CppUTest/TestHarness.h>

using edgeflow::decode::DecodedPacket;
using edgeflow::decode::DecodeStatus;
using edgeflow::decode::LinkType;

namespace {

const std::string kInteropDir = EDGEFLOW_INTEROP_DIR;

bool interopAvailable() {
  struct stat st {};
  const std::string manifest = kInteropDir + "/expected/pcaps/manifest.tsv";
  if (stat(manifest.c_str(), &st) == 0) return true;
  std::printf("\n  interop corpus not found at %s: skipped\n", kInteropDir.c_str());
  return false;
}

using Row = std::vector<std::string>;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// Rows of a tab-separated file, without '#' comment lines. Plain stdio: no
// iostream state that would outlive the test.
std::vector<Row> readTsv(const std::string& path) {
  std::vector<Row> rows;
  FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return rows;
  std::string line;
  int c;
  while ((c = std::fgetc(f)) != EOF) {
    if (c != '\n') {
      line += static_cast<char>(c);
      continue;
    }
    if (!line.empty() && line[0] != '#') rows.push_back(split(line, '\t'));
    line.clear();
  }
  if (!line.empty() && line[0] != '#') rows.push_back(split(line, '\t'));
  std::fclose(f);
  return rows;
}

std::vector<long> numbers(const std::string& list) {
  std::vector<long> out;
  if (list.empty()) return out;
  for (const std::string& item : split(list, ',')) out.push_back(std::strtol(item.c_str(), nullptr, 0));
  return out;
}

// libpcap reports DLT_* values; they match LINKTYPE_* except DLT_RAW (12 or
// 14 by platform; LINKTYPE_RAW is 101).
bool linkTypeOf(int dlt, LinkType& out) {
  struct Map {
    int dlt;
    LinkType link;
  };
  // clang-format off
  static constexpr Map kMap[] = {
      {DLT_NULL, LinkType::Null}, {DLT_EN10MB, LinkType::Ethernet}, {DLT_PPP, LinkType::Ppp},
      {DLT_PPP_SERIAL, LinkType::PppHdlc}, {DLT_RAW, LinkType::Raw}, {DLT_LOOP, LinkType::Loop},
      {DLT_LINUX_SLL, LinkType::LinuxSll}, {DLT_LINUX_SLL2, LinkType::LinuxSll2}, {DLT_IPV4, LinkType::Ipv4},
      {DLT_IPV6, LinkType::Ipv6}};
  // clang-format on
  for (const Map& m : kMap) {
    if (m.dlt == dlt) {
      out = m.link;
      return true;
    }
  }
  return false;
}

// tsv columns (see the header line of each file).
// clang-format off
enum Column {
  kFrame, kWireLen, kCapLen, kProtocols, kVlanIds, kMplsLabels, kPppoeSid, kIpLayers, kInnerSrc, kInnerDst,
  kInnerL4, kSportOrType, kDport, kIpMf, kIpFragOffset, kIpv6FragOffset, kColumns
};
// clang-format on

struct Tally {
  int frames = 0;
  int compared = 0;  // innermost IP reachable: full comparison
  int tunnels = 0;   // more than one IP layer: outer header only
  int non_ip = 0;
};

struct Decoded {
  DecodedPacket p;
  uint32_t wire_len = 0;
  uint32_t cap_len = 0;
};

// Decodes every frame of a capture (in file order).
bool decodeCapture(const std::string& path, std::vector<Decoded>& out) {
  char err[PCAP_ERRBUF_SIZE];
  pcap_t* pcap = pcap_open_offline(path.c_str(), err);
  if (pcap == nullptr) return false;
  LinkType link;
  if (!linkTypeOf(pcap_datalink(pcap), link)) {
    pcap_close(pcap);
    return false;
  }
  pcap_pkthdr* hdr = nullptr;
  const u_char* bytes = nullptr;
  while (pcap_next_ex(pcap, &hdr, &bytes) == 1) {
    Decoded d;
    d.wire_len = hdr->len;
    d.cap_len = hdr->caplen;
    edgeflow::decode::decodePacket(link, bytes, hdr->caplen, hdr->len, d.p);
    out.push_back(d);
  }
  pcap_close(pcap);
  return true;
}

void compareLinkLayers(const DecodedPacket& p, const Row& row, const std::string& what) {
  // "vlan ids|802.1ad ids" in tshark's field order; ours are outermost
  // first, so compare as sets here and check the order in QinQOuterFirst.
  std::vector<long> vlans;
  const std::vector<std::string> parts = split(row[kVlanIds], '|');
  for (const std::string& part : parts) {
    for (long id : numbers(part)) vlans.push_back(id);
  }
  LONGS_EQUAL_TEXT(vlans.size(), p.vlan_count, what.c_str());
  for (long id : vlans) {
    bool found = false;
    for (int i = 0; i < p.vlan_count; ++i) found = found || p.vlan_ids[i] == id;
    CHECK_TEXT(found, (what + ": vlan " + std::to_string(id)).c_str());
  }
  const std::vector<long> labels = numbers(row[kMplsLabels]);
  LONGS_EQUAL_TEXT(labels.size(), p.mpls_count, what.c_str());
  if (!labels.empty()) LONGS_EQUAL_TEXT(labels.front(), p.mpls_top_label, what.c_str());
  CHECK_EQUAL_TEXT(!row[kPppoeSid].empty(), p.pppoe, what.c_str());
  if (p.pppoe)
    LONGS_EQUAL_TEXT(std::strtol(row[kPppoeSid].c_str(), nullptr, 0), p.pppoe_session, what.c_str());
}

void compareInnermost(const DecodedPacket& p, const Decoded& d, const Row& row, const std::string& what) {
  STRCMP_EQUAL_TEXT("decode.ok", std::string(edgeflow::decode::decodeStatusName(p.status)).c_str(),
                    what.c_str());
  CHECK_TEXT(p.has_ip, what.c_str());
  STRCMP_EQUAL_TEXT(row[kInnerSrc].c_str(), p.src.toString().c_str(), what.c_str());
  STRCMP_EQUAL_TEXT(row[kInnerDst].c_str(), p.dst.toString().c_str(), what.c_str());
  // IP length: never more than the wire carried from the IP header on; the
  // rest of a frame over the Ethernet minimum is never padding.
  CHECK_TEXT(p.l3_offset + p.ip_bytes <= d.wire_len, what.c_str());
  if (d.wire_len > 60) LONGS_EQUAL_TEXT(d.wire_len - p.l3_offset, p.ip_bytes, what.c_str());

  const std::string& l4 = row[kInnerL4];
  if (l4 == "tcp" || l4 == "udp" || l4 == "sctp") {
    CHECK_TEXT(p.has_ports, what.c_str());
    LONGS_EQUAL_TEXT(l4 == "tcp" ? 6 : l4 == "udp" ? 17 : 132, p.ip_proto, what.c_str());
    LONGS_EQUAL_TEXT(std::strtol(row[kSportOrType].c_str(), nullptr, 10), p.src_port, what.c_str());
    LONGS_EQUAL_TEXT(std::strtol(row[kDport].c_str(), nullptr, 10), p.dst_port, what.c_str());
  } else if (l4 == "icmp" || l4 == "icmpv6") {
    CHECK_TEXT(p.has_ports, what.c_str());
    LONGS_EQUAL_TEXT(l4 == "icmp" ? 1 : 58, p.ip_proto, what.c_str());
    LONGS_EQUAL_TEXT(0, p.src_port, what.c_str());
    LONGS_EQUAL_TEXT(std::strtol(row[kSportOrType].c_str(), nullptr, 10), p.dst_port >> 8, what.c_str());
  } else {
    CHECK_FALSE_TEXT(p.has_ports, what.c_str());  // other protocols, later fragments
  }

  if (!row[kIpMf].empty()) {  // IPv4: tshark's offset is in 8-byte units
    const long mf = std::strtol(row[kIpMf].c_str(), nullptr, 10);
    const long offset = std::strtol(row[kIpFragOffset].c_str(), nullptr, 10);
    CHECK_EQUAL_TEXT(mf != 0, p.more_fragments, what.c_str());
    LONGS_EQUAL_TEXT(offset * 8, p.frag_offset, what.c_str());
    CHECK_EQUAL_TEXT(mf != 0 || offset != 0, p.is_fragment, what.c_str());
  }
  if (!row[kIpv6FragOffset].empty()) {
    LONGS_EQUAL_TEXT(std::strtol(row[kIpv6FragOffset].c_str(), nullptr, 10) * 8, p.frag_offset, what.c_str());
  }
}

void checkTunnel(const DecodedPacket& p, const Decoded& d, const std::string& what) {
  STRCMP_EQUAL_TEXT("decode.ok", std::string(edgeflow::decode::decodeStatusName(p.status)).c_str(),
                    what.c_str());
  CHECK_TEXT(p.has_ip, what.c_str());
  CHECK_TEXT(p.ip_proto == 47 || p.ip_proto == 4 || p.ip_proto == 41, what.c_str());
  CHECK_FALSE_TEXT(p.has_ports, what.c_str());
  CHECK_TEXT(p.l3_offset + p.ip_bytes <= d.wire_len, what.c_str());
  CHECK_TEXT(p.l4_offset + p.payload_captured <= d.cap_len, what.c_str());
}

void checkCapture(const std::string& file, Tally& tally) {
  const std::string what_file = file;
  std::vector<Decoded> decoded;
  CHECK_TEXT(decodeCapture(kInteropDir + "/pcaps/" + file, decoded), ("cannot read " + file).c_str());
  const std::vector<Row> rows = readTsv(kInteropDir + "/expected/pcaps/" + file + ".tsv");
  LONGS_EQUAL_TEXT(rows.size(), decoded.size(), what_file.c_str());
  for (size_t i = 0; i < rows.size() && i < decoded.size(); ++i) {
    const Row& row = rows[i];
    const Decoded& d = decoded[i];
    const DecodedPacket& p = d.p;
    const std::string what = file + " frame " + row[kFrame];
    CHECK_TEXT(row.size() >= kColumns, what.c_str());
    LONGS_EQUAL_TEXT(std::strtol(row[kWireLen].c_str(), nullptr, 10), d.wire_len, what.c_str());
    LONGS_EQUAL_TEXT(std::strtol(row[kCapLen].c_str(), nullptr, 10), d.cap_len, what.c_str());
    ++tally.frames;
    compareLinkLayers(p, row, what);
    const long ip_layers = std::strtol(row[kIpLayers].c_str(), nullptr, 10);
    if (ip_layers == 0) {
      CHECK_TEXT(edgeflow::decode::isNonIp(p.status), what.c_str());
      ++tally.non_ip;
    } else if (ip_layers == 1) {
      compareInnermost(p, d, row, what);
      ++tally.compared;
    } else {
      checkTunnel(p, d, what);
      ++tally.tunnels;
    }
  }
}

// Decodes one capture of the corpus; empty when it is missing.
std::vector<Decoded> capture(const char* file) {
  std::vector<Decoded> decoded;
  decodeCapture(kInteropDir + "/pcaps/" + file, decoded);
  return decoded;
}

}  // namespace

TEST_GROUP(Interop){};

TEST(Interop, EveryCaptureMatchesTshark) {
  if (!interopAvailable()) return;
  const std::vector<Row> manifest = readTsv(kInteropDir + "/expected/pcaps/manifest.tsv");
  CHECK_TRUE(!manifest.empty());
  Tally tally;
  for (const Row& row : manifest) checkCapture(row[0], tally);
  std::printf("\n  %zu captures, %d frames: %d compared to the innermost layer, %d tunnelled, %d non-IP\n",
              manifest.size(), tally.frames, tally.compared, tally.tunnels, tally.non_ip);
  CHECK_TRUE(tally.compared > 0);
}

TEST(Interop, QinQOuterFirst) {
  if (!interopAvailable()) return;
  const std::vector<Decoded> frames = capture("arkime/dot1ad.pcap");
  LONGS_EQUAL(2, frames.size());
  LONGS_EQUAL(2, frames[0].p.vlan_count);
  LONGS_EQUAL(1525, frames[0].p.vlan_ids[0]);  // 802.1ad S-tag
  LONGS_EQUAL(30, frames[0].p.vlan_ids[1]);    // 802.1Q C-tag
  LONGS_EQUAL(1535, frames[1].p.vlan_ids[0]);
  LONGS_EQUAL(40, frames[1].p.vlan_ids[1]);
}

TEST(Interop, PppoeSession) {
  if (!interopAvailable()) return;
  const std::vector<Decoded> frames = capture("arkime/pppoe.pcap");
  LONGS_EQUAL(10, frames.size());
  for (const Decoded& d : frames) {
    CHECK_TRUE(d.p.pppoe);
    LONGS_EQUAL(0x069d, d.p.pppoe_session);
    LONGS_EQUAL(22, d.p.l3_offset);
  }
}

TEST(Interop, MplsAndPadding) {
  if (!interopAvailable()) return;
  int labelled = 0;
  int padded = 0;
  for (const Decoded& d : capture("arkime/mpls-basic.pcap")) {
    if (d.p.mpls_count > 0) ++labelled;
    if (d.p.has_ip && d.p.l3_offset + d.p.ip_bytes < d.wire_len) ++padded;
  }
  LONGS_EQUAL(17, labelled);
  CHECK_TRUE(padded > 0);  // short TCP segments in 60-byte frames
}

TEST(Interop, Ipv4Fragments) {
  if (!interopAvailable()) return;
  int fragments = 0;
  int first = 0;
  for (const Decoded& d : capture("arkime/socks5-http-302-frag.pcap")) {
    if (!d.p.is_fragment) continue;
    ++fragments;
    if (d.p.frag_offset == 0) {
      ++first;
      CHECK_TRUE(d.p.has_ports);
    } else {
      CHECK_FALSE(d.p.has_ports);
    }
  }
  LONGS_EQUAL(62, fragments);
  LONGS_EQUAL(4, first);
}

TEST(Interop, TunnelsReportTheOuterHeader) {
  if (!interopAvailable()) return;
  const std::vector<Decoded> frames = capture("arkime/gre-sample.pcap");
  LONGS_EQUAL(40, frames.size());
  for (const Decoded& d : frames) {
    LONGS_EQUAL(47, d.p.ip_proto);
    CHECK_FALSE(d.p.has_ports);
  }
  const std::vector<Decoded> srv6 = capture("akvorado/srv6-end-dt6.pcap");
  LONGS_EQUAL(1, srv6.size());
  LONGS_EQUAL(41, srv6[0].p.ip_proto);  // after the segment routing header
}
