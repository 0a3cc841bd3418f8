# unit_geo: MaxmindGeoAsn (platform/linux/geo) on databases that edgeflow_mkdb
# builds into temporary files, cross-checked with Debian's mmdblookup;
# corrupt and truncated files; the third-party databases of ../shared/interop;
# the inline tree walk and the label cache against libmaxminddb itself.
if(TARGET edgeflow_geo AND TARGET edgeflow_mkdb)
  # Debian's mmdb-bin; without it the cross-check says so and passes.
  find_program(EDGEFLOW_MMDBLOOKUP mmdblookup)
  if(NOT EDGEFLOW_MMDBLOOKUP)
    set(EDGEFLOW_MMDBLOOKUP "")
  endif()
  edgeflow_add_unit_test(geo SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/mkdb_test_db.cc
    ${CMAKE_CURRENT_LIST_DIR}/geo_lookup_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/geo_corrupt_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/geo_fast_path_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/geo_interop_test.cc
    LIBS edgeflow_geo edgeflow_mkdb)
  target_compile_definitions(unit_geo PRIVATE
    EDGEFLOW_MMDBLOOKUP="${EDGEFLOW_MMDBLOOKUP}"
    EDGEFLOW_INTEROP_DIR="${PROJECT_SOURCE_DIR}/../shared/interop")
endif()
