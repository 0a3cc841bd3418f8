# protobuf lite runtime (agent/export: Report over HTTP and UDP push). The
# host's protoc (protobuf-compiler) generates the code; its version must
# match this runtime.
RECIPE_PACKAGE=protobuf
RECIPE_VERSION=3.21.12-3+deb12u1 # same as the host's protobuf-compiler
RECIPE_SRCDIR=protobuf-3.21.12

recipe_build() {
  step configure cmake -S "$SRC" -B "$BUILD" "${EF_CMAKE_ARGS[@]}" \
    -Dprotobuf_BUILD_TESTS=OFF -Dprotobuf_BUILD_PROTOC_BINARIES=OFF \
    -Dprotobuf_BUILD_LIBPROTOC=OFF -Dprotobuf_BUILD_SHARED_LIBS=OFF \
    -Dprotobuf_WITH_ZLIB=OFF -Dprotobuf_BUILD_EXAMPLES=OFF
  # The lite target only: the full library would add ~4.5 min per target.
  step build cmake --build "$BUILD" -j"$JOBS" --target libprotobuf-lite
  step install protobuf_install
}

protobuf_install() {
  cmake --install "$BUILD" --component libprotobuf-lite
  cmake --install "$BUILD" --component protobuf-headers
  # The components carry no .pc; install the generated one. On MIPS32 the
  # arena's std::atomic<uint64_t> needs libatomic, which a static archive
  # cannot record: tell pkg-config --static.
  cp "$BUILD/protobuf-lite.pc" "$PREFIX/lib/pkgconfig/"
  if needs_latomic; then
    echo "Libs.private: -latomic" >>"$PREFIX/lib/pkgconfig/protobuf-lite.pc"
  fi
}
