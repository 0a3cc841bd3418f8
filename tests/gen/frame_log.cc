#include "tests/gen/frame_log.h"

#include "tests/gen/app_kinds.h"

namespace edgeflow::gen {

FrameLog::~FrameLog() {
  if (file_ != nullptr) std::fclose(file_);
}

bool FrameLog::open(const std::string& path) {
  file_ = std::fopen(path.c_str(), "w");
  if (file_ == nullptr) return false;
  std::fputs("# frame\tbucket\tip_bytes\tframe_bytes\tcaptured_bytes\tflow\tapp\n", file_);
  return true;
}

void FrameLog::add(const Verdict& v, const FrameFacts& f, uint32_t cap_len) {
  if (file_ == nullptr) return;
  std::string bucket;
  switch (v.bucket) {
    case Verdict::kUnknown:
      bucket = "unknown-upstream";
      break;
    case Verdict::kInternal:
      bucket = "internal";
      break;
    case Verdict::kTransit:
      bucket = "transit";
      break;
    case Verdict::kNonIp:
      bucket = "non-ip";
      break;
    case Verdict::kUndecodable:
      bucket = "undecodable";
      break;
    default:
      bucket = s_.upstreams[static_cast<size_t>(v.bucket)].id;
  }
  if (v.dir >= 0) bucket += v.dir == kIn ? ".in" : ".out";
  const bool ip = v.flow >= 0;
  std::fprintf(file_, "%llu\t%s\t%lu\t%lu\t%lu\t", static_cast<unsigned long long>(++frame_),
               bucket.c_str(), static_cast<unsigned long>(ip ? f.ip_bytes : 0),
               static_cast<unsigned long>(f.wire_len), static_cast<unsigned long>(cap_len));
  if (ip)
    std::fprintf(file_, "%lld\t%s\n", static_cast<long long>(v.flow), labelName(f.app));
  else
    std::fputs("-\t-\n", file_);
}

bool FrameLog::close() {
  if (file_ == nullptr) return true;
  const bool ok = std::fclose(file_) == 0;
  file_ = nullptr;
  return ok;
}

}  // namespace edgeflow::gen
