# libmaxminddb: reads MaxMind-format databases (agent/enrich GeoAsn).
RECIPE_PACKAGE=libmaxminddb
RECIPE_VERSION=1.7.1-1           # same as the host's libmaxminddb-dev
RECIPE_SRCDIR=libmaxminddb-1.7.1

recipe_build() {
  # The orig tarball has no configure script: CMake. It writes
  # include/maxminddb_config.h into the source tree, which is why every target
  # gets its own unpacked copy. Endianness comes from TEST_BIG_ENDIAN; MIPS32
  # has no unsigned __int128, so MMDB_UINT128_IS_BYTE_ARRAY is set.
  step configure cmake -S "$SRC" -B "$BUILD" "${EF_CMAKE_ARGS[@]}" -DBUILD_TESTING=OFF
  step build cmake --build "$BUILD" -j"$JOBS"
  step install cmake --install "$BUILD"
}
