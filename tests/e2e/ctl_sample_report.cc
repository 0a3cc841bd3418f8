// Writes a sample report (every field set, breakdowns with special rows) for
// the edgeflowctl end-to-end tests:
//
//   ctl_sample_report DIR ROWS MAX_PAYLOAD
//
// DIR/report.pb        the whole report, as GET /v1/report serves it (final)
// DIR/part-NNN.pb      the same report as pushed datagrams of MAX_PAYLOAD bytes at most
// DIR/expected.txt     its share table (reportToTable), what `edgeflowctl decode` must print
// DIR/expected.json    its JSON (reportToJson)
// DIR/counts.txt       "parts N", "breakdowns N", "decode N": what protoc --decode must show
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "agent/export/report_json.h"
#include "agent/export/report_table.h"
#include "agent/proto/report_codec.h"
#include "tests/unit/proto/sample_report.h"

namespace {

bool write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DIR ROWS MAX_PAYLOAD\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const auto rows = static_cast<size_t>(std::strtoul(argv[2], nullptr, 10));
  const auto max_payload = static_cast<size_t>(std::strtoul(argv[3], nullptr, 10));
  const edgeflow::share::Report r = edgeflow::testing::sampleReport(rows);

  bool ok = write(dir + "/report.pb", edgeflow::proto::encodeReport(r, true));
  const auto parts = edgeflow::proto::encodeDatagrams(r, max_payload, true);
  for (size_t i = 0; i < parts.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/part-%03zu.pb", i);
    ok = ok && write(dir + name, parts[i]);
  }
  ok = ok && write(dir + "/expected.txt", edgeflow::exporter::reportToTable(r, true));
  ok = ok && write(dir + "/expected.json", edgeflow::exporter::reportToJson(r, true) + "\n");
  const size_t breakdowns = 6 * 3 * rows;  // 3 upstream rows x 2 directions x 3 dimensions
  ok = ok && write(dir + "/counts.txt", "parts " + std::to_string(parts.size()) + "\nbreakdowns " +
                                            std::to_string(breakdowns) + "\ndecode " +
                                            std::to_string(r.health.decode.size()) + "\n");
  if (!ok) {
    std::fprintf(stderr, "%s: cannot write\n", dir.c_str());
    return 1;
  }
  return 0;
}
