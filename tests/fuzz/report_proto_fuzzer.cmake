# Fuzz target for the protobuf Report readers (agent/proto/report_codec.h,
# datagram_assembler.h), seeds in corpus/report_proto/: whole reports,
# datagram parts, and damaged ones. Included from tests/fuzz/CMakeLists.txt;
# builds fuzz_report_proto_corpus (ctest: fuzz.report_proto.corpus), and
# fuzz_report_proto with Clang and EDGEFLOW_BUILD_FUZZERS=ON:
#
#   fuzz_report_proto -max_len=8192 WORK_DIR tests/fuzz/corpus/report_proto
if(TARGET edgeflow_proto)
  if(EDGEFLOW_LIBFUZZER)
    # Coverage inside the codec and the generated parser, as for the core.
    foreach(lib edgeflow_proto edgeflow_proto_gen)
      target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer)
    endforeach()
  endif()
  edgeflow_add_fuzzer(report_proto SOURCES ${CMAKE_CURRENT_LIST_DIR}/report_proto_fuzzer.cc LIBS edgeflow_proto)
endif()
