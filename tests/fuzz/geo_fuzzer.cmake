# Fuzz target for MaxmindGeoAsn (platform/linux/geo): any bytes as a MaxMind DB
# file, opened and looked up. Seeds in corpus/geo/ are databases of a few
# ranges made by edgeflow-mkdb (--build-epoch 1700000000), each < 4 KB:
# country.mmdb (IPv4+IPv6 countries), asn.mmdb, combined.mmdb (both files),
# ipv4.mmdb (--ip-version 4), no6to4.mmdb (--no-6to4) and truncated.mmdb
# (combined.mmdb cut at 1500 bytes). Run: fuzz_geo WORK_DIR
# tests/fuzz/corpus/geo. In the libFuzzer build the wrapper is instrumented;
# libmaxminddb is the system library, so coverage stops at its API.
if(TARGET edgeflow_geo)
  if(EDGEFLOW_LIBFUZZER)
    target_compile_options(edgeflow_geo PRIVATE -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer)
  endif()
  edgeflow_add_fuzzer(geo SOURCES ${CMAKE_CURRENT_LIST_DIR}/geo_fuzzer.cc LIBS edgeflow_geo)
endif()
