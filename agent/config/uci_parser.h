// Parses UCI text into a validated Config.
#pragma once

#include <string>
#include <string_view>

#include "agent/config/config.h"

namespace edgeflow::config {

struct ParseResult {
  bool ok = false;
  Config config;      // valid when ok
  std::string error;  // "FILE:LINE: message" when !ok
};

// `file_name` is used only in error messages. Reading the file is the
// caller's job (the core does no I/O).
ParseResult parseConfig(std::string_view text, std::string_view file_name);

}  // namespace edgeflow::config
