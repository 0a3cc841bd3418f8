# Cross toolchain for 32-bit ARM, EABI hard-float (Debian armhf: ARMv7-A, VFPv3-D16, Thumb-2).
# Debian's g++-arm-linux-gnueabihf; tests run under qemu-arm-static.
#   cmake -B build-arm-linux-gnueabihf -DCMAKE_TOOLCHAIN_FILE=toolchains/arm-linux-gnueabihf.cmake \
#         -DEDGEFLOW_DEPS_PREFIX=<prefix from toolchains/deps/build-deps.sh arm-linux-gnueabihf>
set(EDGEFLOW_TARGET_TRIPLE arm-linux-gnueabihf)
set(EDGEFLOW_QEMU_ARCH arm)
set(CMAKE_SYSTEM_PROCESSOR arm)
# What `file -b` says about its executables (test build.file-type).
set(EDGEFLOW_EXPECT_FILE "ELF 32-bit LSB executable, ARM, EABI5")
include(${CMAKE_CURRENT_LIST_DIR}/cmake/cross-common.cmake)
