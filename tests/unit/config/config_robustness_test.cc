// Mutated configs never crash the parser, and every rejection starts with
// "FILE:LINE: " for a line that exists.
#include <CppUTest/TestHarness.h>

#include <cstdint>
#include <string>

#include "tests/unit/config/config_test_util.h"

using edgeflow::config::ParseResult;
using edgeflow::config::testing::kFile;
using edgeflow::config::testing::parse;

namespace {

constexpr const char* kSeed =
    "package edgeflow\n"
    "# border router\n"
    "config agent 'main'\n"
    "\toption id 'border-1'\n"
    "\tlist local '175.45.176.0/22'\n"
    "\tlist local \"2001:db8:4500::/48\"\n"
    "\toption max_flows '65536'\n"
    "\toption idle_timeout 15 # seconds\n"
    "\toption active_timeout 1800\r\n"
    "\toption listen '[::]:9465'\n"
    "\n"
    "config source 'lan'; option type 'pcap'\n"
    "\toption interface 'eth1'\n"
    "\toption sample '64'\n"
    "\n"
    "config upstream 'ttk'\n"
    "\toption name \"Trans\\\"Tele\"'Com'\n"
    "\toption asn 'AS20485'\n"
    "\tlist match 'vlan 101'\n"
    "\tlist match 'mac 02:00:5e:10:00:01'\n"
    "config upstream 'cu'\n"
    "\toption name \"China\\\n Unicom\"\n"
    "\tlist match 'interface eth2'\n";

// splitmix64: small, deterministic, good enough to scatter mutations.
class Prng {
 public:
  explicit Prng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }

 private:
  uint64_t state_;
};

size_t lineCount(const std::string& text) {
  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  return lines;
}

// Either success, or "edgeflow.conf:N: message" with 1 <= N <= lines.
// Returns whether the text parsed.
bool checkOutcome(const std::string& text) {
  const ParseResult result = parse(text);
  if (result.ok) {
    CHECK_TRUE(result.error.empty());
    return true;
  }
  const std::string prefix = std::string(kFile) + ":";
  const std::string& error = result.error;
  CHECK_TEXT(error.compare(0, prefix.size(), prefix) == 0, error.c_str());
  size_t at = prefix.size();
  size_t line = 0;
  while (at < error.size() && error[at] >= '0' && error[at] <= '9')
    line = line * 10 + static_cast<size_t>(error[at++] - '0');
  CHECK_TEXT(at > prefix.size(), error.c_str());
  CHECK_TEXT(error.compare(at, 2, ": ") == 0, error.c_str());
  CHECK_TEXT(error.size() > at + 2, error.c_str());
  CHECK_TEXT(line >= 1 && line <= lineCount(text), error.c_str());
  return false;
}

// Bytes that matter to the syntax, picked more often than chance would.
constexpr char kSpecial[] = {'\'', '"',  '\\', '#', ';', '\n', '\r',   ' ',
                             '\t', '\0', '/',  ':', '[', ']',  '\x7f', '\xff'};

}  // namespace

TEST_GROUP(ConfigRobustness){};

TEST(ConfigRobustness, SeedParses) {
  const ParseResult result = parse(kSeed);
  STRCMP_EQUAL("", result.error.c_str());
  LONGS_EQUAL(2, result.config.upstreams.size());
  STRCMP_EQUAL("Trans\"TeleCom", result.config.upstreams[0].name.c_str());
  STRCMP_EQUAL("China Unicom", result.config.upstreams[1].name.c_str());
}

TEST(ConfigRobustness, TruncationAtEveryOffset) {
  const std::string seed(kSeed);
  for (size_t len = 0; len <= seed.size(); ++len) checkOutcome(seed.substr(0, len));
}

TEST(ConfigRobustness, DroppedByteAtEveryOffset) {
  const std::string seed(kSeed);
  for (size_t at = 0; at < seed.size(); ++at) checkOutcome(seed.substr(0, at) + seed.substr(at + 1));
}

TEST(ConfigRobustness, RandomMutations) {
  const std::string seed(kSeed);
  Prng prng(20485);
  int parsed = 0;
  const int rounds = 20000;
  for (int round = 0; round < rounds; ++round) {
    std::string text = seed;
    const size_t edits = 1 + prng.below(4);
    for (size_t e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = prng.below(text.size());
      switch (prng.below(5)) {
        case 0:  // flip one bit
          text[at] = static_cast<char>(text[at] ^ (1 << prng.below(8)));
          break;
        case 1:  // any byte
          text[at] = static_cast<char>(prng.below(256));
          break;
        case 2:  // a byte the syntax cares about
          text[at] = kSpecial[prng.below(sizeof kSpecial)];
          break;
        case 3:  // insert one
          text.insert(at, 1, kSpecial[prng.below(sizeof kSpecial)]);
          break;
        default:  // truncate
          text.resize(at);
          break;
      }
    }
    parsed += checkOutcome(text) ? 1 : 0;
  }
  // The mutations reach both outcomes, so both paths are exercised.
  CHECK_TRUE(parsed > rounds / 100);
  CHECK_TRUE(parsed < rounds - rounds / 100);
}
