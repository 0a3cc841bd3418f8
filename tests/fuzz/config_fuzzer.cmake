# Fuzz target for the UCI config parser (agent/config/uci_parser.h), seeds in
# corpus/config/. Included from tests/fuzz/CMakeLists.txt, after
# edgeflow_add_fuzzer is defined: it builds fuzz_config_corpus (ctest:
# fuzz.config.corpus) everywhere, and fuzz_config with Clang and
# EDGEFLOW_BUILD_FUZZERS=ON. Run the libFuzzer binary with the dictionary:
#
#   fuzz_config -dict=tests/fuzz/config_fuzzer.dict WORK_DIR tests/fuzz/corpus/config
edgeflow_add_fuzzer(config SOURCES ${CMAKE_CURRENT_LIST_DIR}/config_fuzzer.cc)
