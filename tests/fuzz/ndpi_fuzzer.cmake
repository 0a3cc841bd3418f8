# Fuzz target for the nDPI classifier (agent/enrich/ndpi): arbitrary IP
# datagrams through the slot pool and nDPI, seeds in corpus/ndpi/ (one
# record per packet of real-format TLS, HTTP, DNS, SSH, BitTorrent and QUIC
# flows, see ndpi_fuzzer.cc). Built when edgeflow_ndpi is:
#
#   fuzz_ndpi WORK_DIR tests/fuzz/corpus/ndpi
# nDPI itself is the system library, not instrumented: the fuzzer sees
# coverage in the pool (edgeflow_ndpi), and the seeds take it into nDPI's
# TLS, HTTP, DNS, SSH, BitTorrent and QUIC dissectors.
if(TARGET edgeflow_ndpi)
  if(EDGEFLOW_LIBFUZZER)
    target_compile_options(edgeflow_ndpi PRIVATE -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer)
  endif()
  edgeflow_add_fuzzer(ndpi SOURCES ${CMAKE_CURRENT_LIST_DIR}/ndpi_fuzzer.cc LIBS edgeflow_ndpi)
endif()
