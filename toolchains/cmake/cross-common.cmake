# Shared part of the toolchains/<triple>.cmake files. The including file sets
#   EDGEFLOW_TARGET_TRIPLE   GNU triple of Debian's cross compiler (g++-<triple>)
#   EDGEFLOW_QEMU_ARCH       suffix of the matching qemu-<arch>-static
#   CMAKE_SYSTEM_PROCESSOR
#
# Inputs (cache variable, else environment variable of the same name):
#   EDGEFLOW_DEPS_PREFIX  prefix holding the target's static dependencies, as
#                         built by toolchains/deps/build-deps.sh. Default:
#                         ${EDGEFLOW_DEPS_CACHE:-/var/cache/edgeflow/deps}/<triple>,
#                         the link build-deps.sh keeps to its latest prefix.
#   EDGEFLOW_QEMU         emulator used by ctest (default qemu-<arch>-static).
#
# This file is read again for every try_compile, so it only sets variables.

set(CMAKE_SYSTEM_NAME Linux)

set(_ef_triple ${EDGEFLOW_TARGET_TRIPLE})
set(CMAKE_C_COMPILER ${_ef_triple}-gcc)
set(CMAKE_CXX_COMPILER ${_ef_triple}-g++)

# Dependency prefix: explicit cache value, then the environment, then the
# stable link in the default cache.
if(NOT EDGEFLOW_DEPS_PREFIX)
  if(DEFINED ENV{EDGEFLOW_DEPS_PREFIX} AND NOT "$ENV{EDGEFLOW_DEPS_PREFIX}" STREQUAL "")
    set(_ef_prefix "$ENV{EDGEFLOW_DEPS_PREFIX}")
  elseif(DEFINED ENV{EDGEFLOW_DEPS_CACHE} AND NOT "$ENV{EDGEFLOW_DEPS_CACHE}" STREQUAL "")
    set(_ef_prefix "$ENV{EDGEFLOW_DEPS_CACHE}/${_ef_triple}")
  else()
    set(_ef_prefix "/var/cache/edgeflow/deps/${_ef_triple}")
  endif()
  set(EDGEFLOW_DEPS_PREFIX "${_ef_prefix}" CACHE PATH
      "Prefix with the static target dependencies (toolchains/deps/build-deps.sh)")
endif()
# A try_compile project sees only the variables listed here.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES EDGEFLOW_DEPS_PREFIX EDGEFLOW_QEMU)
list(REMOVE_DUPLICATES CMAKE_TRY_COMPILE_PLATFORM_VARIABLES)

# Headers and libraries come only from the target's libc (/usr/<triple>) and
# the dependency prefix; programs (protoc, pkg-config) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${_ef_triple} ${EDGEFLOW_DEPS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config must see the target prefix and nothing else: the host has .pc
# files for libpcap, nDPI, libmaxminddb and more, and picking one of them
# would silently link host libraries. PKG_CONFIG_LIBDIR replaces the default
# search path; the prefix holds static archives only, hence --static, which
# adds each library's Libs.private to the link.
set(ENV{PKG_CONFIG_LIBDIR} "${EDGEFLOW_DEPS_PREFIX}/lib/pkgconfig:${EDGEFLOW_DEPS_PREFIX}/share/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})
unset(ENV{PKG_CONFIG_SYSROOT_DIR})
set(PKG_CONFIG_ARGN --static)
set(PKG_CONFIG_USE_CMAKE_PREFIX_PATH OFF)

# Test binaries run under user-mode qemu. Static binaries need no -L, but a
# dynamically linked one (EDGEFLOW_ROUTER_BUILD=OFF) finds its loader there.
if(NOT EDGEFLOW_QEMU)
  set(EDGEFLOW_QEMU /usr/bin/qemu-${EDGEFLOW_QEMU_ARCH}-static)
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR ${EDGEFLOW_QEMU} -L /usr/${_ef_triple})

get_property(_ef_in_try_compile GLOBAL PROPERTY IN_TRY_COMPILE)
if(NOT _ef_in_try_compile AND NOT EXISTS "${EDGEFLOW_DEPS_PREFIX}/lib" AND NOT _ef_prefix_warned)
  set(_ef_prefix_warned ON)
  message(WARNING "edgeflow: no dependency prefix at ${EDGEFLOW_DEPS_PREFIX}; "
                  "run toolchains/deps/build-deps.sh ${_ef_triple} or pass -DEDGEFLOW_DEPS_PREFIX=...")
endif()
