# Cross toolchain for 64-bit ARM (ARMv8-A, little endian).
# Debian's g++-aarch64-linux-gnu; tests run under qemu-aarch64-static.
#   cmake -B build-aarch64-linux-gnu -DCMAKE_TOOLCHAIN_FILE=toolchains/aarch64-linux-gnu.cmake \
#         -DEDGEFLOW_DEPS_PREFIX=<prefix from toolchains/deps/build-deps.sh aarch64-linux-gnu>
set(EDGEFLOW_TARGET_TRIPLE aarch64-linux-gnu)
set(EDGEFLOW_QEMU_ARCH aarch64)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
# What `file -b` says about its executables (test build.file-type).
set(EDGEFLOW_EXPECT_FILE "ELF 64-bit LSB executable, ARM aarch64,")
include(${CMAKE_CURRENT_LIST_DIR}/cmake/cross-common.cmake)
