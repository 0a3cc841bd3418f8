# Fuzz target for the HTTP endpoint's request routing
# (platform/linux/http_router.h), seeds in corpus/http/. Included from
# tests/fuzz/CMakeLists.txt: builds fuzz_http_corpus (ctest:
# fuzz.http.corpus) everywhere, and fuzz_http with Clang and
# EDGEFLOW_BUILD_FUZZERS=ON:
#
#   fuzz_http WORK_DIR tests/fuzz/corpus/http
if(TARGET edgeflow_http_router)
  edgeflow_add_fuzzer(http SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_fuzzer.cc LIBS edgeflow_http_router)
endif()
