# Cross toolchain for 32-bit MIPS, big endian (Debian mips: o32, MIPS32r2, hard-float).
# Debian's g++-mips-linux-gnu; tests run under qemu-mips-static.
#   cmake -B build-mips-linux-gnu -DCMAKE_TOOLCHAIN_FILE=toolchains/mips-linux-gnu.cmake \
#         -DEDGEFLOW_DEPS_PREFIX=<prefix from toolchains/deps/build-deps.sh mips-linux-gnu>
set(EDGEFLOW_TARGET_TRIPLE mips-linux-gnu)
set(EDGEFLOW_QEMU_ARCH mips)
set(CMAKE_SYSTEM_PROCESSOR mips)
# What `file -b` says about its executables (test build.file-type).
set(EDGEFLOW_EXPECT_FILE "ELF 32-bit MSB executable, MIPS, MIPS32 rel2")
include(${CMAKE_CURRENT_LIST_DIR}/cmake/cross-common.cmake)
