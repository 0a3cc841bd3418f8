# nDPI: application classification (agent/enrich Classifier). Library only.
RECIPE_PACKAGE=ndpi
RECIPE_VERSION=4.2-2             # same as the host's libndpi-dev
RECIPE_SRCDIR=nDPI-4.2
# The tarball is mostly test captures and expected results (~120 MB).
RECIPE_EXCLUDES=(nDPI-4.2/tests/pcap nDPI-4.2/tests/result nDPI-4.2/windows)

recipe_build() {
  # The API version is derived from SOURCE_DATE_EPOCH (else the build time).
  SOURCE_DATE_EPOCH=$(stat -c %Y configure.ac)
  export SOURCE_DATE_EPOCH
  # autogen.sh would run configure for the host at once: autoreconf only.
  step autoreconf autoreconf -fi
  # --with-only-libndpi: no json-c, libpcap or examples. 4.2 has no bundled
  # gcrypt; without libgcrypt QUIC Initial packets are not decrypted, so QUIC
  # flows get no SNI sub-classification (they are still "QUIC").
  step configure ./configure --host="$T" --prefix="$PREFIX" --with-only-libndpi --disable-gcrypt
  # src/lib/Makefile is hand-written; its default target also builds the .so.
  step build make -C src/lib -j"$JOBS" libndpi.a
  step install ndpi_install
}

ndpi_install() {
  mkdir -p "$PREFIX/include/ndpi" "$PREFIX/lib/pkgconfig"
  cp src/include/*.h "$PREFIX/include/ndpi/"
  cp src/lib/libndpi.a "$PREFIX/lib/"
  cp libndpi.pc "$PREFIX/lib/pkgconfig/"
}
