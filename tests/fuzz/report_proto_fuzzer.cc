// Fuzz target for the protobuf Report readers (agent/proto): decodeReport on
// the whole input, and the input cut into datagrams fed to a
// DatagramAssembler and to mergeParts. Nothing may crash, leak or grow past
// the assembler's bounds; whatever decodes must encode again and decode to
// the same report.
//
// Input layout for the datagram half: records of a 16-bit big-endian length
// and that many bytes (the last record cut short by the end of input).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "agent/proto/datagram_assembler.h"
#include "agent/proto/report_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace edgeflow;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  const proto::DecodeResult d = proto::decodeReport(bytes);
  if (d.ok && d.meta.part_count <= 1) {
    // Labels on the wire are already valid and within limits, so a decoded
    // report re-encodes losslessly.
    const proto::DecodeResult again = proto::decodeReport(proto::encodeReport(d.report, d.meta.final));
    if (!again.ok || proto::encodeReport(again.report, again.meta.final) != proto::encodeReport(d.report, d.meta.final)) {
      std::abort();
    }
    for (const std::string& part : proto::encodeDatagrams(d.report, proto::kMinDatagramPayload)) {
      if (part.size() > proto::kMinDatagramPayload) std::abort();
    }
  }

  std::vector<std::string_view> pieces;
  for (size_t pos = 0; pos + 2 <= size;) {
    const size_t len = size_t{data[pos]} << 8 | data[pos + 1];
    pos += 2;
    pieces.push_back(bytes.substr(pos, len));
    pos += len;
  }
  proto::DatagramAssembler assembler(4, 4096);
  proto::DecodeResult out;
  for (const std::string_view piece : pieces) {
    assembler.add(piece, out);
    if (assembler.pending() > 4) std::abort();
  }
  proto::mergeParts(pieces);
  return 0;
}
