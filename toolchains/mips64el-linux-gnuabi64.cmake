# Cross toolchain for 64-bit MIPS, little endian, n64 ABI (Debian mips64el: MIPS64r2, hard-float).
# Debian's g++-mips64el-linux-gnuabi64; tests run under qemu-mips64el-static.
#   cmake -B build-mips64el-linux-gnuabi64 -DCMAKE_TOOLCHAIN_FILE=toolchains/mips64el-linux-gnuabi64.cmake \
#         -DEDGEFLOW_DEPS_PREFIX=<prefix from toolchains/deps/build-deps.sh mips64el-linux-gnuabi64>
set(EDGEFLOW_TARGET_TRIPLE mips64el-linux-gnuabi64)
set(EDGEFLOW_QEMU_ARCH mips64el)
set(CMAKE_SYSTEM_PROCESSOR mips64el)
# What `file -b` says about its executables (test build.file-type).
set(EDGEFLOW_EXPECT_FILE "ELF 64-bit LSB executable, MIPS, MIPS64 rel2")
include(${CMAKE_CURRENT_LIST_DIR}/cmake/cross-common.cmake)
