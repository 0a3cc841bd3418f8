# build.file-type: in a cross build, `file -b` on the programs that ship and
# on one unit test must name the target's architecture and endianness, and
# say "statically linked" in a static router build. The expected text,
# EDGEFLOW_EXPECT_FILE, comes from toolchains/<triple>.cmake; a host build
# sets none and gets no test. include()d at the end of tests/CMakeLists.txt,
# when every executable target exists.
if(NOT EDGEFLOW_EXPECT_FILE)
  return()
endif()

set(_ef_file_bins)
foreach(_ef_t edgeflowd edgeflowctl edgeflow-gen)
  if(TARGET ${_ef_t})
    list(APPEND _ef_file_bins $<TARGET_FILE:${_ef_t}>)
  endif()
endforeach()
foreach(_ef_t unit_decode unit_common)
  if(TARGET ${_ef_t})
    list(APPEND _ef_file_bins $<TARGET_FILE:${_ef_t}>)
    break()
  endif()
endforeach()

if(EDGEFLOW_STATIC)
  set(_ef_linkage "statically linked")
else()
  set(_ef_linkage "dynamically linked")
endif()
add_test(NAME build.file-type
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check-file-type.sh
          "${EDGEFLOW_EXPECT_FILE}" "${_ef_linkage}" ${_ef_file_bins})
