#include <set>
#include <string>

#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(DecodeStatusNames){};

TEST(DecodeStatusNames, UniqueDottedNames) {
  std::set<std::string> seen;
  for (int i = 0; i < kDecodeStatusCount; ++i) {
    const std::string n = name(static_cast<DecodeStatus>(i));
    CHECK_TEXT(n.rfind("decode.", 0) == 0, n.c_str());
    CHECK_TEXT(n.find(' ') == std::string::npos, n.c_str());
    CHECK_TEXT(seen.insert(n).second, n.c_str());
  }
}

TEST(DecodeStatusNames, Kinds) {
  CHECK_FALSE(isError(DecodeStatus::Ok));
  CHECK_FALSE(isNonIp(DecodeStatus::Ok));
  CHECK_TRUE(isNonIp(DecodeStatus::NonIpEthertype));
  CHECK_FALSE(isError(DecodeStatus::NonIpEthertype));
  CHECK_TRUE(isError(DecodeStatus::Ipv4BadIhl));
  STRCMP_EQUAL("decode.ipv4.bad_ihl", name(DecodeStatus::Ipv4BadIhl).c_str());
  for (int i = 0; i < kDecodeStatusCount; ++i) {
    const auto s = static_cast<DecodeStatus>(i);
    const std::string n = name(s);
    CHECK_TEXT(isNonIp(s) == (n.rfind("decode.non_ip.", 0) == 0), n.c_str());
  }
}

TEST(DecodeStatusNames, OutOfRangeIsAnError) {
  const auto bogus = static_cast<DecodeStatus>(250);
  STRCMP_EQUAL("decode.invalid", name(bogus).c_str());
  CHECK_TRUE(isError(bogus));
}
