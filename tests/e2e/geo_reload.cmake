# SIGHUP reload of the geo/ASN database in a replaying daemon (included from
# tests/e2e/CMakeLists.txt). Needs the daemon, libmaxminddb and python3 (for
# a free port).
if(NOT TARGET edgeflow_daemon OR NOT TARGET edgeflow_geo OR NOT TARGET edgeflow-mkdb)
  return()
endif()
add_test(NAME e2e.geo_reload
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/geo_reload.sh $<TARGET_FILE:edgeflowd> $<TARGET_FILE:edgeflow-gen>
          $<TARGET_FILE:edgeflow-mkdb> ${E2E_WORK})
set_tests_properties(e2e.geo_reload PROPERTIES ENVIRONMENT "EDGEFLOW_EMULATOR=${EDGEFLOW_TEST_EMULATOR}" TIMEOUT 120)
