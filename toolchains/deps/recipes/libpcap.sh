# libpcap: packet capture (platform/ capture source, edgeflowd).
# Sourced by build-deps.sh, which runs recipe_build in the unpacked source
# with T, PREFIX, JOBS, CC/CXX/CFLAGS and PKG_CONFIG set for the target.
RECIPE_PACKAGE=libpcap
RECIPE_VERSION=1.10.3-1          # same as the host's libpcap0.8-dev
RECIPE_SRCDIR=libpcap-1.10.3

recipe_build() {
  # Linux capture only (TPACKET_V3); no netlink, USB, D-Bus, RDMA, remote
  # capture or capture cards. The tarball ships grammar.y.in and scanner.l:
  # bison and flex run at build time.
  step configure ./configure --host="$T" --prefix="$PREFIX" --disable-shared \
    --with-pcap=linux --without-libnl --disable-usb --disable-netmap \
    --disable-bluetooth --disable-dbus --disable-rdma --disable-remote \
    --without-dag --without-septel --without-snf --without-turbocap --without-dpdk
  step build make -j"$JOBS" libpcap.a
  step install make install
  # The .pc carries an rpath meant for the shared library.
  sed -i 's/ *-Wl,-rpath,[^ ]*//' "$PREFIX/lib/pkgconfig/libpcap.pc"
}
