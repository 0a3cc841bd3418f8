# Cross toolchain for 32-bit MIPS, little endian (Debian mipsel: o32, MIPS32r2, hard-float).
# Debian's g++-mipsel-linux-gnu; tests run under qemu-mipsel-static.
#   cmake -B build-mipsel-linux-gnu -DCMAKE_TOOLCHAIN_FILE=toolchains/mipsel-linux-gnu.cmake \
#         -DEDGEFLOW_DEPS_PREFIX=<prefix from toolchains/deps/build-deps.sh mipsel-linux-gnu>
set(EDGEFLOW_TARGET_TRIPLE mipsel-linux-gnu)
set(EDGEFLOW_QEMU_ARCH mipsel)
set(CMAKE_SYSTEM_PROCESSOR mipsel)
# What `file -b` says about its executables (test build.file-type).
set(EDGEFLOW_EXPECT_FILE "ELF 32-bit LSB executable, MIPS, MIPS32 rel2")
include(${CMAKE_CURRENT_LIST_DIR}/cmake/cross-common.cmake)
