# CppUTest: the unit test framework (tests/unit), so target test binaries
# build and run under qemu.
RECIPE_PACKAGE=cpputest
RECIPE_VERSION=4.0-2             # same as the host's libcpputest-dev
RECIPE_SRCDIR=cpputest-4.0

recipe_build() {
  # Autotools with default options, as Debian builds it: memory-leak
  # detection and the extensions library on, long long on.
  step configure ./configure --host="$T" --prefix="$PREFIX"
  step build make -j"$JOBS" lib/libCppUTest.a lib/libCppUTestExt.a
  step install make install
  # Static link order: the extension library uses the core, so it comes
  # first. No -lstdc++ up front either: in a static link it would pull
  # libstdc++'s operator new/delete ahead of the leak detector's own
  # definitions (multiple definition); g++ adds libstdc++ at the end anyway.
  sed -i 's/^Libs:.*/Libs: -L${libdir} -lCppUTestExt -lCppUTest/' "$PREFIX/lib/pkgconfig/cpputest.pc"
}
