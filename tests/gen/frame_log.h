// FrameLog: the truth frame by frame (--frame-log), for finding the first
// frame on which the agent and the truth disagree.
//
// One tab-separated line per frame, numbered from 1 as Wireshark does:
//   frame  bucket  ip_bytes  frame_bytes  captured_bytes  flow  app
// bucket is "<upstream>.in|out", "unknown-upstream.in|out", "internal",
// "transit", "non-ip" or "undecodable"; flow is the dense flow key id, or
// "-" for frames that belong to no flow; app is the flow's application
// label (app_kinds.h), "-" without a flow.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "tests/gen/frame_facts.h"
#include "tests/gen/scenario.h"
#include "tests/gen/truth.h"

namespace edgeflow::gen {

class FrameLog {
 public:
  explicit FrameLog(const Scenario& s) : s_(s) {}
  ~FrameLog();
  FrameLog(const FrameLog&) = delete;
  FrameLog& operator=(const FrameLog&) = delete;

  bool open(const std::string& path);
  void add(const Verdict& v, const FrameFacts& f, uint32_t cap_len);
  bool close();

 private:
  const Scenario& s_;
  std::FILE* file_ = nullptr;
  uint64_t frame_ = 0;
};

}  // namespace edgeflow::gen
