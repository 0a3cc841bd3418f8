#include "tests/gen/app_plan.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "tests/gen/app_payload.h"
#include "tests/gen/tuple_hash.h"

namespace edgeflow::gen {
namespace {

using Draw = RemoteNetworks::Draw;
using AddressKey = std::array<uint8_t, 17>;

constexpr uint16_t kHttpPort = 80;
constexpr uint16_t kSshPort = 22;
constexpr uint16_t kBitTorrentPort = 51413;  // a common client default
// High ports with no Wireshark dissector registered (tshark -G decodes), so
// random bytes there stay plain TCP data.
constexpr uint16_t kOpaquePorts[] = {41794, 43210, 45212, 46372, 48653, 50505,
                                     52525, 55443, 56789, 57331, 60123, 61313};
// TLS host of inbound connections to the local servers.
constexpr int kLocalTlsHost = kTlsHostCount - 1;

AddressKey keyOf(const Ip& ip) {
  AddressKey k{};
  k[0] = ip.v6 ? 1 : 0;
  for (size_t i = 0; i < 16; ++i) k[i + 1] = ip.b[i];
  return k;
}

class AppPlanner {
 public:
  AppPlanner(Plan& plan, const Options& o, const Scenario& s, const RemoteNetworks& nets)
      : plan_(plan), o_(o), s_(s), nets_(nets), rng_(o.seed ^ 0x6170706c69636174ull) {}

  std::vector<bool> run() {
    for (FlowSpec& f : plan_.flows) {
      if (f.cls == FlowClass::NonIp || f.cls == FlowClass::Malformed) continue;
      flow(f);
    }
    std::vector<bool> used(nets_.size(), false);
    for (const FlowSpec& f : plan_.flows) {
      if (f.cls == FlowClass::NonIp || f.cls == FlowClass::Malformed) continue;
      for (const Ip* ip : {&f.inside, &f.outside}) {
        const int64_t n = nets_.find(*ip);
        if (n >= 0) used[static_cast<size_t>(n)] = true;
      }
    }
    return used;
  }

 private:
  void flow(FlowSpec& f) {
    const bool host_outside = f.initiator_outside || f.cls == FlowClass::SynFlood;
    if (!s_.isLocal(f.outside)) {
      f.outside = f.cls == FlowClass::SynFlood ? spoofedSource(f.v6) : mapRemote(f.outside, f.v6, host_outside);
    }
    if (!s_.isLocal(f.inside)) f.inside = mapRemote(f.inside, f.v6, !host_outside);
    switch (f.cls) {
      case FlowClass::Tcp:
        tcpApp(f);
        break;
      case FlowClass::Dns:
        f.app = AppKind::Dns;
        break;
      case FlowClass::Quic:
        f.app = AppKind::Quic;
        break;
      case FlowClass::BulkUdp:
        f.app = AppKind::Esp;
        break;
      case FlowClass::Icmp:
        f.app = AppKind::Icmp;
        break;
      default:
        f.app = AppKind::None;
    }
    if (f.app == AppKind::BitTorrent && nets_.distinct() == 0 && !s_.isLocal(f.outside)) {
      // Peers are home hosts, each met once: nDPI caches BitTorrent peers
      // by address, and a peer shared with another flow would lend that
      // flow its label.
      f.outside = fresh(f.v6, Draw::Peer);
    }
    unique(f);
    f.label = appLabel(f.app, f.app_host, serverPort(f), ownerOf(f), f.v6);
  }

  // The final address of a planned remote address.
  Ip mapRemote(const Ip& planned, bool v6, bool host) {
    if (nets_.distinct() != 0) return nets_.syntheticHost(nextSynthetic(), v6);
    auto it = mapped_.find(keyOf(planned));
    if (it != mapped_.end()) return it->second;
    const Ip ip = rng_.chance(o_.unlisted_ppm) ? freshUnlisted(v6)
                                               : fresh(v6, host ? Draw::Host : Draw::Server);
    mapped_.emplace(keyOf(planned), ip);
    return ip;
  }

  // A flood's spoofed source: any host address of a listed network, reused
  // freely (unique() keeps the 5-tuples distinct by port). Fresh addresses
  // would run out: the listed networks hold about 200 000 IPv4 hosts.
  Ip spoofedSource(bool v6) {
    if (nets_.distinct() != 0) return nets_.syntheticHost(nextSynthetic(), v6);
    return nets_.hostIn(nets_.drawNetwork(v6, Draw::Host, rng_), rng_);
  }

  uint32_t nextSynthetic() { return static_cast<uint32_t>(synthetic_++ % nets_.distinct()); }

  // An address no other flow has, in a network drawn by `draw`.
  Ip fresh(bool v6, Draw draw) {
    for (;;) {
      const size_t net = nets_.drawNetwork(v6, draw, rng_);
      for (int attempt = 0; attempt < 8; ++attempt) {
        const Ip ip = nets_.hostIn(net, rng_);
        if (taken_.insert(keyOf(ip)).second) return ip;
      }
    }
  }

  Ip freshUnlisted(bool v6) {
    for (;;) {
      const Ip ip = nets_.unlistedHost(v6, rng_);
      if (taken_.insert(keyOf(ip)).second) return ip;
    }
  }

  const char* ownerOf(const FlowSpec& f) const {
    const RemoteFacts out = nets_.facts(f.outside);
    if (out.ndpi_owner != nullptr) return out.ndpi_owner;
    return nets_.facts(f.inside).ndpi_owner;
  }

  static int clientSide(const FlowSpec& f) { return f.initiator_outside ? 1 : 0; }
  static uint16_t serverPort(const FlowSpec& f) {
    return f.initiator_outside ? f.inside_port : f.outside_port;
  }
  static void setServerPort(FlowSpec& f, uint16_t port) {
    (f.initiator_outside ? f.inside_port : f.outside_port) = port;
  }

  // The data units of one sender, in order.
  std::vector<uint32_t> dataUnits(const FlowSpec& f, int side) const {
    std::vector<uint32_t> out;
    for (uint32_t i = f.first_unit; i < f.first_unit + f.unit_count; ++i) {
      const Unit& u = plan_.units[i];
      if (u.kind == UnitKind::TcpData && u.from_outside == side) out.push_back(i);
    }
    return out;
  }

  // The first unit of `units` whose size passes `fits`, or -1.
  template <typename Fits>
  int64_t firstFitting(const std::vector<uint32_t>& units, Fits fits) const {
    for (uint32_t i : units) {
      if (fits(plan_.units[i].payload)) return i;
    }
    return -1;
  }

  // Gives the sender's first data unit the size of unit `pick`, by swapping.
  void moveFirst(FlowSpec& f, int side, const std::vector<uint32_t>& units, int64_t pick) {
    if (pick < 0 || units.empty() || units[0] == pick) return;
    std::swap(plan_.units[units[0]].payload, plan_.units[static_cast<size_t>(pick)].payload);
    f.swapped[side][0] = units[0];
    f.swapped[side][1] = static_cast<uint32_t>(pick);
  }

  void tcpApp(FlowSpec& f) {
    const int c = clientSide(f);
    const std::vector<uint32_t> cu = dataUnits(f, c);
    const std::vector<uint32_t> su = dataUnits(f, 1 - c);
    if (cu.empty()) {
      f.app = AppKind::None;  // handshake only, or a SYN and its answer
      return;
    }
    const char* owner = nets_.facts(f.outside).ndpi_owner;

    // The TLS name: an owner's famous name, our own for inbound
    // connections, else one nDPI does not know.
    int host = kLocalTlsHost;
    if (owner != nullptr) {
      std::vector<int> famous;
      for (int h = 0; h < kFamousHosts; ++h) {
        if (std::string(kTlsHosts[h].owner) == owner) famous.push_back(h);
      }
      host = famous.empty()
                 ? kFamousHosts + static_cast<int>(rng_.below(kLocalTlsHost - kFamousHosts))
                 : famous[rng_.index(famous.size())];
    } else if (!f.initiator_outside) {
      host = kFamousHosts + static_cast<int>(rng_.below(kLocalTlsHost - kFamousHosts));
    }
    const int http_host =
        host < kFamousHosts
            ? kFamousHosts + static_cast<int>(rng_.below(kLocalTlsHost - kFamousHosts))
            : host;

    struct Choice {
      AppKind kind;
      uint32_t weight;
      int64_t client_unit;
      int64_t server_unit;
    };
    std::vector<Choice> choices;
    const int64_t tls = firstFitting(cu, [&](uint32_t n) { return clientHelloFits(host, n); });
    if (tls >= 0) choices.push_back({AppKind::Tls, owner != nullptr ? 85u : 50u, tls, -1});
    if (cu.size() == 1 && f.role != TcpRole::Interactive &&
        httpRequestFits(http_host, plan_.units[cu[0]].payload) &&
        httpResponseFits(f.stream_len[1 - c]))
      choices.push_back({AppKind::Http, 15, cu[0], -1});
    if (owner == nullptr) {
      const int64_t sc = firstFitting(cu, sshBannerFits);
      const int64_t ss = firstFitting(su, sshBannerFits);
      if (f.role == TcpRole::Interactive && sc >= 0 && ss >= 0)
        choices.push_back({AppKind::Ssh, 10, sc, ss});
      const int64_t bc = firstFitting(cu, btHandshakeFits);
      const int64_t bs = firstFitting(su, btHandshakeFits);
      if (bc >= 0 && (su.empty() || bs >= 0)) choices.push_back({AppKind::BitTorrent, 10, bc, bs});
      choices.push_back({AppKind::Opaque, 15, -1, -1});
    }
    if (choices.empty()) choices.push_back({AppKind::Opaque, 1, -1, -1});

    uint64_t total = 0;
    for (const Choice& ch : choices) total += ch.weight;
    uint64_t r = rng_.below(total);
    const Choice* pick = &choices.back();
    for (const Choice& ch : choices) {
      if (r < ch.weight) {
        pick = &ch;
        break;
      }
      r -= ch.weight;
    }
    f.app = pick->kind;
    moveFirst(f, c, cu, pick->client_unit);
    moveFirst(f, 1 - c, su, pick->server_unit);
    switch (f.app) {
      case AppKind::Tls:
        f.app_host = static_cast<int8_t>(host);
        break;
      case AppKind::Http:
        f.app_host = static_cast<int8_t>(http_host);
        setServerPort(f, kHttpPort);
        break;
      case AppKind::Ssh:
        setServerPort(f, kSshPort);
        break;
      case AppKind::BitTorrent:
        setServerPort(f, kBitTorrentPort);
        break;
      default:
        setServerPort(f, kOpaquePorts[rng_.index(sizeof(kOpaquePorts) / sizeof(kOpaquePorts[0]))]);
    }
  }

  // Keeps 5-tuples distinct after ports and peers changed: a clash gets a
  // new client port (or, for ICMP, a new remote address).
  void unique(FlowSpec& f) {
    for (uint64_t attempt = 0;; ++attempt) {
      if (tuples_.insert(tupleHash(f)).second) return;
      if (attempt > 1000000) {
        std::fprintf(stderr, "edgeflow-gen: cannot keep 5-tuples distinct\n");
        std::abort();
      }
      if (f.cls == FlowClass::Icmp && !s_.isLocal(f.outside)) {
        f.outside = nets_.distinct() != 0 ? nets_.syntheticHost(nextSynthetic(), f.v6)
                                          : fresh(f.v6, Draw::Server);
      } else if (f.cls != FlowClass::Icmp) {
        const uint16_t port = static_cast<uint16_t>(rng_.range(32768, 60999));
        (f.initiator_outside ? f.outside_port : f.inside_port) = port;
      }
    }
  }

  Plan& plan_;
  const Options& o_;
  const Scenario& s_;
  const RemoteNetworks& nets_;
  Rng rng_;
  std::map<AddressKey, Ip> mapped_;
  std::set<AddressKey> taken_;
  std::unordered_set<uint64_t> tuples_;
  uint64_t synthetic_ = 0;
};

}  // namespace

std::vector<bool> planApplications(Plan& plan, const Options& o, const Scenario& s,
                                   const RemoteNetworks& nets) {
  return AppPlanner(plan, o, s, nets).run();
}

}  // namespace edgeflow::gen
