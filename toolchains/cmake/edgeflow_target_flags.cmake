# Flags for router builds: small, statically linked executables.
#
# Included by the top-level CMakeLists.txt before any target exists. Active
# when cross compiling (toolchains/<triple>.cmake) or with
# -DEDGEFLOW_ROUTER_BUILD=ON; a plain host build is left exactly as it is.
#
#   EDGEFLOW_ROUTER_BUILD  -Os, one section per function/object and
#                          --gc-sections (default: ON when cross compiling)
#   EDGEFLOW_STATIC        link executables fully static: glibc, libstdc++,
#                          libgcc and every dependency (default: ON in a
#                          router build); needs the static archives that
#                          toolchains/deps/build-deps.sh installs
#   EDGEFLOW_LTO           link-time optimisation (default OFF; see
#                          docs/cross-building.md for what it saves)

if(CMAKE_CROSSCOMPILING)
  set(_ef_router_default ON)
else()
  set(_ef_router_default OFF)
endif()
option(EDGEFLOW_ROUTER_BUILD "Size-conscious static build for router targets" ${_ef_router_default})
if(NOT EDGEFLOW_ROUTER_BUILD)
  return()
endif()
option(EDGEFLOW_STATIC "Link executables statically (router build)" ON)
option(EDGEFLOW_LTO "Link-time optimisation (router build)" OFF)

# -Os comes after the build type's -O2 on the command line, so it wins; the
# build type still decides -g and -DNDEBUG.
add_compile_options(-Os -ffunction-sections -fdata-sections)
add_link_options(-Wl,--gc-sections)

if(EDGEFLOW_STATIC)
  string(APPEND CMAKE_EXE_LINKER_FLAGS " -static -static-libstdc++ -static-libgcc")
  # Every library found from here on must be an archive: a libm.so linker
  # script or a shared libpthread on a -static link line fails.
  set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
  # pkg-config: add Libs.private, which a static link needs.
  set(PKG_CONFIG_ARGN --static)
endif()

# 64-bit atomics are library calls (__atomic_*_8) on 32-bit MIPS; libatomic
# provides them. Checked rather than listed per architecture. Appended to
# the standard libraries so it follows every archive on a static link line,
# and dropped by --gc-sections where unused.
include(CheckCXXSourceCompiles)
set(_ef_atomic_src "
#include <atomic>
#include <cstdint>
std::atomic<std::uint64_t> v{0};
int main() { return static_cast<int>(v.fetch_add(1) + v.load()); }")
check_cxx_source_compiles("${_ef_atomic_src}" EDGEFLOW_ATOMIC64_BUILTIN)
if(NOT EDGEFLOW_ATOMIC64_BUILTIN)
  set(CMAKE_REQUIRED_LIBRARIES atomic)
  check_cxx_source_compiles("${_ef_atomic_src}" EDGEFLOW_ATOMIC64_WITH_LIBATOMIC)
  unset(CMAKE_REQUIRED_LIBRARIES)
  if(EDGEFLOW_ATOMIC64_WITH_LIBATOMIC)
    string(APPEND CMAKE_CXX_STANDARD_LIBRARIES " -latomic")
    string(APPEND CMAKE_C_STANDARD_LIBRARIES " -latomic")
  else()
    message(WARNING "edgeflow: 64-bit atomics link neither as builtins nor with -latomic")
  endif()
endif()

if(EDGEFLOW_LTO)
  include(CheckIPOSupported)
  check_ipo_supported(RESULT _ef_ipo OUTPUT _ef_ipo_out LANGUAGES C CXX)
  if(_ef_ipo)
    set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)
  else()
    message(WARNING "edgeflow: EDGEFLOW_LTO requested but not supported: ${_ef_ipo_out}")
  endif()
endif()

if(EDGEFLOW_ATOMIC64_BUILTIN)
  set(_ef_atomic no)
else()
  set(_ef_atomic yes)
endif()
message(STATUS "edgeflow: router build for ${CMAKE_SYSTEM_PROCESSOR}: -Os, gc-sections, "
               "static=${EDGEFLOW_STATIC}, lto=${EDGEFLOW_LTO}, libatomic=${_ef_atomic}")
