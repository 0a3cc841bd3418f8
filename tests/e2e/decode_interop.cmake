# Decoder interop: real captures from other projects (../shared/interop,
# never copied into this repo) decoded frame by frame and compared with what
# tshark decoded from them. Needs libpcap, so it lives with the e2e tests;
# include()d from tests/e2e/CMakeLists.txt. Without the interop directory the
# tests say so and pass.
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)

add_executable(interop_decode
  ${PROJECT_SOURCE_DIR}/tests/unit/main.cc
  ${CMAKE_CURRENT_LIST_DIR}/decode_interop_test.cc)
target_include_directories(interop_decode PRIVATE ${PROJECT_SOURCE_DIR})
target_compile_definitions(interop_decode PRIVATE
  EDGEFLOW_INTEROP_DIR="${PROJECT_SOURCE_DIR}/../shared/interop")
target_link_libraries(interop_decode PRIVATE edgeflow_core edgeflow_warnings PkgConfig::CPPUTEST PkgConfig::PCAP)
add_test(NAME interop.decode COMMAND interop_decode -c)
