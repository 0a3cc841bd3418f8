# edgeflow-mkdb against the reference MaxMind DB writer (Debian's
# libmaxmind-db-writer-perl): the same seeded CSV ranges built by both, the
# decoded answers compared address by address (also through mmdblookup),
# plus metadata, reproducibility and exit codes. See mkdb_compare.pl.
if(TARGET edgeflow-mkdb)
  find_program(EDGEFLOW_PERL perl)
  find_program(EDGEFLOW_MMDBLOOKUP mmdblookup)
  if(EDGEFLOW_PERL AND EDGEFLOW_MMDBLOOKUP)
    add_test(NAME e2e.mkdb
      COMMAND ${EDGEFLOW_PERL} ${CMAKE_CURRENT_LIST_DIR}/mkdb_compare.pl
              --mkdb $<TARGET_FILE:edgeflow-mkdb> --mmdblookup ${EDGEFLOW_MMDBLOOKUP}
              --work ${E2E_WORK}/mkdb --seed 7)
    set_tests_properties(e2e.mkdb PROPERTIES
      ENVIRONMENT "EDGEFLOW_EMULATOR=${EDGEFLOW_TEST_EMULATOR}" TIMEOUT 180)
  else()
    message(WARNING "perl and mmdblookup are needed for e2e.mkdb (toolchains/setup-host.sh installs them)")
  endif()
endif()
