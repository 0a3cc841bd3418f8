# unit_mkdb: the MaxMind DB writer behind edgeflow-mkdb (agent/enrich/mkdb):
# CSV parsing, encoding, splitting, tree size, metadata. No libmaxminddb:
# lookups through it are unit_geo's job.
if(TARGET edgeflow_mkdb)
  edgeflow_add_unit_test(mkdb SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/mkdb_test_db.cc
    ${CMAKE_CURRENT_LIST_DIR}/mkdb_csv_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mkdb_writer_test.cc
    LIBS edgeflow_mkdb)
endif()
