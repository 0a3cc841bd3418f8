# libmicrohttpd: the HTTP pull endpoint (platform/linux/http_endpoint.cc),
# run from edgeflowd's own event loop (external epoll, no MHD threads).
RECIPE_PACKAGE=libmicrohttpd
RECIPE_VERSION=0.9.75-6          # same as the host's libmicrohttpd-dev
RECIPE_SRCDIR=libmicrohttpd-0.9.75

recipe_build() {
  # Plain HTTP only: no TLS (no GnuTLS), no authentication, no POST
  # processor, no protocol upgrade; epoll required (Linux). Error messages
  # stay in: edgeflowd logs them. The library directory only: no tests,
  # examples, documentation or tools.
  step configure ./configure --host="$T" --prefix="$PREFIX" --disable-shared --enable-static \
    --disable-https --without-gnutls --disable-curl --disable-doc --disable-examples \
    --disable-postprocessor --disable-bauth --disable-dauth --disable-httpupgrade \
    --enable-epoll=yes --with-threads=posix --disable-nls
  step build make -C src/microhttpd -j"$JOBS" libmicrohttpd.la
  step install mhd_install
}

mhd_install() {
  make -C src/microhttpd install-libLTLIBRARIES
  make -C src/include install
  make install-pkgconfigDATA
}
