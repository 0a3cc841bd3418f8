// edgeflow-mkdb: compiles CSV address ranges into a MaxMind DB file.
//
//   edgeflow-mkdb [--country FILE.csv] [--asn FILE.csv] -o OUT.mmdb
//                 [--type NAME] [--description TEXT] [--build-epoch N]
//                 [--ip-version 4|6] [--no-6to4]
//
// Exit 0 with a one-line summary, 1 on an input error (file:line: message),
// 2 on a usage error. OUT is written to OUT.tmp and renamed, so a running
// agent reloading on SIGHUP never sees half a file.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "agent/enrich/mkdb/csv_ranges.h"
#include "agent/enrich/mkdb/mmdb_writer.h"

namespace {

using edgeflow::enrich::mkdb::BuildOptions;
using edgeflow::enrich::mkdb::BuildResult;
using edgeflow::enrich::mkdb::CsvFile;
using edgeflow::enrich::mkdb::CsvKind;

constexpr const char* kUsage =
    "usage: edgeflow-mkdb [--country FILE.csv] [--asn FILE.csv] -o OUT.mmdb\n"
    "                     [--type NAME] [--description TEXT] [--build-epoch N]\n"
    "                     [--ip-version 4|6] [--no-6to4]\n"
    "  --country FILE   lines start,end,country (e.g. 1.0.0.0,1.0.0.255,AU)\n"
    "  --asn FILE       lines start,end,asn,organisation (e.g. 1.0.0.0,1.0.0.255,13335,Cloudflare)\n"
    "  --build-epoch N  metadata build time, >= 1 (default: $SOURCE_DATE_EPOCH, else 1)\n"
    "at least one of --country and --asn is required\n";

int usage(const std::string& problem) {
  std::fprintf(stderr, "edgeflow-mkdb: %s\n%s", problem.c_str(), kUsage);
  return 2;
}

std::optional<uint64_t> parseUnsigned(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

bool readFile(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = path + ": read error";
    return false;
  }
  out = buffer.str();
  return true;
}

bool writeFile(const std::string& path, const std::vector<uint8_t>& bytes, std::string& error) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    error = tmp + ": cannot create: " + std::strerror(errno);
    return false;
  }
  const size_t written = std::fwrite(bytes.data(), 1, bytes.size(), f);
  const bool closed = std::fclose(f) == 0;
  if (written != bytes.size() || !closed) {
    error = tmp + ": write error: " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = path + ": cannot rename " + tmp + ": " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

bool loadCsv(const std::string& path, CsvKind kind, CsvFile& out, std::string& error) {
  std::string text;
  if (!readFile(path, text, error)) return false;
  error = edgeflow::enrich::mkdb::parseCsvRanges(text, path, kind, out);
  return error.empty();
}

}  // namespace

int main(int argc, char** argv) {
  std::string country_path;
  std::string asn_path;
  std::string out_path;
  BuildOptions options;
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
    const std::optional<uint64_t> epoch = parseUnsigned(sde);
    if (!epoch) return usage(std::string("SOURCE_DATE_EPOCH '") + sde + "' is not a number");
    options.build_epoch = *epoch == 0 ? 1 : *epoch;  // 0 reads as "missing"
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--no-6to4") {
      options.alias_6to4 = false;
      continue;
    }
    if (i + 1 >= argc) return usage(std::string(arg) + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--country") {
      country_path = value;
    } else if (arg == "--asn") {
      asn_path = value;
    } else if (arg == "-o" || arg == "--output") {
      out_path = value;
    } else if (arg == "--type") {
      options.database_type = value;
    } else if (arg == "--description") {
      options.description = value;
    } else if (arg == "--build-epoch") {
      const std::optional<uint64_t> epoch = parseUnsigned(value);
      if (!epoch || *epoch == 0) return usage("--build-epoch '" + value + "' is not a number >= 1");
      options.build_epoch = *epoch;
    } else if (arg == "--ip-version") {
      if (value != "4" && value != "6") return usage("--ip-version must be 4 or 6");
      options.ip_version = value == "4" ? 4 : 6;
    } else {
      return usage("unknown argument '" + std::string(arg) + "'");
    }
  }
  if (country_path.empty() && asn_path.empty()) return usage("give --country or --asn (or both)");
  if (out_path.empty()) return usage("give the output file with -o");

  CsvFile country;
  CsvFile asn;
  std::string error;
  if (!country_path.empty() && !loadCsv(country_path, CsvKind::Country, country, error)) {
    std::fprintf(stderr, "edgeflow-mkdb: %s\n", error.c_str());
    return 1;
  }
  if (!asn_path.empty() && !loadCsv(asn_path, CsvKind::Asn, asn, error)) {
    std::fprintf(stderr, "edgeflow-mkdb: %s\n", error.c_str());
    return 1;
  }
  const BuildResult result = edgeflow::enrich::mkdb::buildDatabase(country_path.empty() ? nullptr : &country,
                                                                   asn_path.empty() ? nullptr : &asn, options);
  if (!result.error.empty()) {
    std::fprintf(stderr, "edgeflow-mkdb: %s\n", result.error.c_str());
    return 1;
  }
  if (!writeFile(out_path, result.bytes, error)) {
    std::fprintf(stderr, "edgeflow-mkdb: %s\n", error.c_str());
    return 1;
  }
  std::printf("edgeflow-mkdb: %s: %s\n", out_path.c_str(), edgeflow::enrich::mkdb::summarize(result.stats).c_str());
  return 0;
}
