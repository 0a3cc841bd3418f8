# unit_ndpi: NdpiClassifier (agent/enrich/ndpi) against the nDPI it links.
# The label tests pin what this nDPI answers for hand-built packets; the
# table in docs/applications.md is the same list. The QUIC packet builder
# seals with libgcrypt: where the build has no libgcrypt (the cross
# prefixes of toolchains/deps), the QUIC cases are left out.
if(TARGET edgeflow_ndpi)
  pkg_check_modules(EDGEFLOW_TEST_GCRYPT IMPORTED_TARGET libgcrypt)
  set(_ndpi_test_sources
    ${CMAKE_CURRENT_LIST_DIR}/ndpi_packets.cc
    ${CMAKE_CURRENT_LIST_DIR}/ndpi_labels_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/ndpi_pool_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/ndpi_reassembly_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/ndpi_tls_progress_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/ndpi_truncation_test.cc)
  set(_ndpi_test_libs edgeflow_ndpi)
  if(EDGEFLOW_TEST_GCRYPT_FOUND)
    list(APPEND _ndpi_test_sources ${CMAKE_CURRENT_LIST_DIR}/ndpi_quic_packet.cc)
    list(APPEND _ndpi_test_libs PkgConfig::EDGEFLOW_TEST_GCRYPT)
  endif()
  edgeflow_add_unit_test(ndpi SOURCES ${_ndpi_test_sources} LIBS ${_ndpi_test_libs})
  if(EDGEFLOW_TEST_GCRYPT_FOUND)
    target_compile_definitions(unit_ndpi PRIVATE EDGEFLOW_TEST_QUIC=1)
  endif()
endif()
