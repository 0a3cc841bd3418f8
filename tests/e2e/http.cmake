# The daemon's network side, over loopback only: the HTTP pull endpoint and
# its abuse cases, UDP push, and a real Prometheus server scraping a
# replaying edgeflowd, and live capture in a network namespace. include()d from tests/e2e/CMakeLists.txt; needs the
# daemon (EDGEFLOW_WITH_HTTP), python3 and curl; promtool and prometheus come
# with Debian's prometheus package (toolchains/setup-host.sh).
if(NOT TARGET edgeflow_daemon)
  return()
endif()
find_program(EDGEFLOW_PYTHON3 python3)
find_program(EDGEFLOW_CURL curl)
if(NOT EDGEFLOW_PYTHON3 OR NOT EDGEFLOW_CURL)
  message(WARNING "python3 and curl are needed for the HTTP end-to-end tests")
  return()
endif()

set(_ef_http_env "EDGEFLOW_EMULATOR=${EDGEFLOW_TEST_EMULATOR}")
add_test(NAME e2e.http_endpoint
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/http_endpoint.sh $<TARGET_FILE:edgeflowd> $<TARGET_FILE:edgeflow-gen>
          ${E2E_WORK} ${PROJECT_SOURCE_DIR}/agent/proto)
add_test(NAME e2e.http_push
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/http_push.sh $<TARGET_FILE:edgeflowd> $<TARGET_FILE:edgeflow-gen>
          ${E2E_WORK} ${PROJECT_SOURCE_DIR}/agent/proto)
add_test(NAME e2e.prometheus_scrape
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/prometheus_scrape.sh $<TARGET_FILE:edgeflowd> $<TARGET_FILE:edgeflow-gen>
          ${E2E_WORK})
# Live capture on a veth pair in a network namespace (root only; else it
# says so and passes).
add_test(NAME e2e.http_live
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/http_live.sh $<TARGET_FILE:edgeflowd> $<TARGET_FILE:edgeflow-gen> ${E2E_WORK})
set_tests_properties(e2e.http_endpoint e2e.http_push e2e.prometheus_scrape e2e.http_live PROPERTIES
  ENVIRONMENT "${_ef_http_env}" TIMEOUT 120
  # Each starts servers on free loopback ports; run them one at a time.
  RESOURCE_LOCK edgeflow_loopback_servers)
if(NOT TARGET edgeflow_proto)
  # Without protobuf there is nothing to push.
  set_tests_properties(e2e.http_push PROPERTIES DISABLED ON)
endif()
