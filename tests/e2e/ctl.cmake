# edgeflowctl and the protobuf Report end to end (included from
# tests/e2e/CMakeLists.txt). Needs edgeflowctl (EDGEFLOW_WITH_PROTOBUF) and
# the build host's protoc to decode with the repository's .proto.
if(NOT TARGET edgeflowctl OR NOT EDGEFLOW_PROTOC)
  return()
endif()

add_executable(ctl_sample_report ${CMAKE_CURRENT_LIST_DIR}/ctl_sample_report.cc
               ${PROJECT_SOURCE_DIR}/tests/unit/proto/sample_report.cc)
target_include_directories(ctl_sample_report PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(ctl_sample_report PRIVATE edgeflow_proto edgeflow_warnings)

add_test(NAME e2e.ctl-decode
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/ctl_decode.sh $<TARGET_FILE:edgeflowctl> $<TARGET_FILE:ctl_sample_report>
          ${EDGEFLOW_PROTOC} ${EDGEFLOW_PROTO_DIR} ${E2E_WORK})
set_tests_properties(e2e.ctl-decode PROPERTIES ENVIRONMENT "EDGEFLOW_EMULATOR=${EDGEFLOW_TEST_EMULATOR}" TIMEOUT 120)

# Three edgeflowd daemons replaying their own captures push to one
# `edgeflowctl listen`; the merged totals must equal the sum of the three
# truths. Needs the daemon (replay mode and UDP push, EDGEFLOW_WITH_HTTP).
if(TARGET edgeflow_daemon)
  set(_ef_ctl_mkdb "")
  if(TARGET edgeflow-mkdb)
    set(_ef_ctl_mkdb $<TARGET_FILE:edgeflow-mkdb>)
  endif()
  add_test(NAME e2e.ctl-listen
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/ctl_listen.sh $<TARGET_FILE:edgeflowctl> $<TARGET_FILE:edgeflowd>
            $<TARGET_FILE:edgeflow-gen> ${E2E_WORK} ${_ef_ctl_mkdb})
  set_tests_properties(e2e.ctl-listen PROPERTIES ENVIRONMENT "EDGEFLOW_EMULATOR=${EDGEFLOW_TEST_EMULATOR}"
                       TIMEOUT 300)
endif()
