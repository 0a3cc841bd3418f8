// A rejected configuration: the line it concerns and what is wrong there.
#pragma once

#include <string>

namespace edgeflow::config {

struct Problem {
  int line = 0;         // 1-based line in the file
  std::string message;  // without the "FILE:LINE: " prefix
};

}  // namespace edgeflow::config
