// Small file helpers for the program mains.
#pragma once

#include <string>

namespace edgeflow::platform {

// Reads a whole (small) file. Returns false and sets `error` on failure.
bool readFile(const std::string& path, std::string& out, std::string& error);

// A random 64-bit seed from the kernel (getrandom), for hash keys.
unsigned long long randomSeed();

}  // namespace edgeflow::platform
