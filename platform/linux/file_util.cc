#include "platform/linux/file_util.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace edgeflow::platform {

bool readFile(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    error = path + ": read error";
    return false;
  }
  out = buf.str();
  return true;
}

unsigned long long randomSeed() {
  unsigned long long seed = 0;
  if (getrandom(&seed, sizeof seed, 0) != static_cast<ssize_t>(sizeof seed)) {
    seed = 0x5eed5eed5eed5eedull ^ reinterpret_cast<unsigned long long>(&seed);
  }
  return seed;
}

}  // namespace edgeflow::platform
