// Test helpers for the MaxMind DB writer and reader suites: databases built
// in memory with edgeflow_mkdb from CSV text, and temporary files that
// remove themselves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "agent/enrich/mkdb/mmdb_writer.h"

namespace edgeflow::enrich::testing {

// Builds a database from CSV text ("" = that file not given). Fails the
// current test when the build reports an error.
std::vector<uint8_t> buildDb(const std::string& country_csv, const std::string& asn_csv,
                             const mkdb::BuildOptions& options = {});

// The build result itself, for tests of errors and statistics.
mkdb::BuildResult buildResult(const std::string& country_csv, const std::string& asn_csv,
                              const mkdb::BuildOptions& options = {});

// A file under $TMPDIR (or /tmp) holding `bytes`; removed by the destructor.
class TempFile {
 public:
  explicit TempFile(const std::vector<uint8_t>& bytes);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  // Replaces the contents.
  void write(const uint8_t* data, size_t size);

 private:
  std::string path_;
};

// An anonymous in-memory file (memfd), opened by path as
// /proc/self/fd/N: for tests that rewrite a database thousands of times.
class MemFile {
 public:
  explicit MemFile(const std::vector<uint8_t>& bytes);
  ~MemFile();
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  const std::string& path() const { return path_; }
  void write(const uint8_t* data, size_t size);

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace edgeflow::enrich::testing
