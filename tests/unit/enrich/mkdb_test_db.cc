#include "tests/unit/enrich/mkdb_test_db.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "agent/enrich/mkdb/csv_ranges.h"

#include <CppUTest/TestHarness.h>

namespace edgeflow::enrich::testing {

mkdb::BuildResult buildResult(const std::string& country_csv, const std::string& asn_csv,
                              const mkdb::BuildOptions& options) {
  mkdb::CsvFile country;
  mkdb::CsvFile asn;
  if (!country_csv.empty()) {
    const std::string error = mkdb::parseCsvRanges(country_csv, "country.csv", mkdb::CsvKind::Country, country);
    if (!error.empty()) {
      mkdb::BuildResult result;
      result.error = error;
      return result;
    }
  }
  if (!asn_csv.empty()) {
    const std::string error = mkdb::parseCsvRanges(asn_csv, "asn.csv", mkdb::CsvKind::Asn, asn);
    if (!error.empty()) {
      mkdb::BuildResult result;
      result.error = error;
      return result;
    }
  }
  return mkdb::buildDatabase(country_csv.empty() ? nullptr : &country, asn_csv.empty() ? nullptr : &asn, options);
}

std::vector<uint8_t> buildDb(const std::string& country_csv, const std::string& asn_csv,
                             const mkdb::BuildOptions& options) {
  mkdb::BuildResult result = buildResult(country_csv, asn_csv, options);
  STRCMP_EQUAL("", result.error.c_str());
  return result.bytes;
}

TempFile::TempFile(const std::vector<uint8_t>& bytes) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/edgeflow-geo-XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  CHECK_TEXT(fd >= 0, "mkstemp");
  ::close(fd);
  path_ = pattern;
  write(bytes.data(), bytes.size());
}

TempFile::~TempFile() { ::unlink(path_.c_str()); }

void TempFile::write(const uint8_t* data, size_t size) {
  std::FILE* f = std::fopen(path_.c_str(), "wb");
  CHECK_TEXT(f != nullptr, path_.c_str());
  if (size != 0) CHECK(std::fwrite(data, 1, size, f) == size);
  std::fclose(f);
}

MemFile::MemFile(const std::vector<uint8_t>& bytes) {
  fd_ = ::memfd_create("edgeflow-geo-test", 0);
  CHECK_TEXT(fd_ >= 0, "memfd_create");
  path_ = "/proc/self/fd/" + std::to_string(fd_);
  write(bytes.data(), bytes.size());
}

MemFile::~MemFile() { ::close(fd_); }

void MemFile::write(const uint8_t* data, size_t size) {
  CHECK(::ftruncate(fd_, 0) == 0);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
    CHECK(n > 0);
    done += static_cast<size_t>(n);
  }
}

}  // namespace edgeflow::enrich::testing
