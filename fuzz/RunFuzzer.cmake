# cmake -P RunFuzzer.cmake: fuzzes one target for a bounded time from its seed corpus.
#   -DFUZZER=path -DSEEDS=dir -DWORK=dir -DSECONDS=n [-DDICT=file]
# New inputs go to WORK/corpus (the seeds stay as checked in); a crash is saved in WORK and
# fails the test. Prints the figures (executions, corpus, crashes) and writes them to
# WORK/summary.txt.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus")
set(dict_arg)
if(DICT)
  set(dict_arg "-dict=${DICT}")
endif()
get_filename_component(name "${FUZZER}" NAME)
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -print_final_stats=1 -timeout=10
          -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=${WORK}/ ${dict_arg}
          "${WORK}/corpus" "${SEEDS}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCH "stat::number_of_executed_units: *([0-9]+)" _ "${err}")
set(execs "${CMAKE_MATCH_1}")
string(REGEX MATCH "stat::new_units_added: *([0-9]+)" _ "${err}")
set(new_units "${CMAKE_MATCH_1}")
# The last status line has the final coverage.
string(REGEX MATCHALL "cov: [0-9]+ ft: [0-9]+" status "${err}")
list(POP_BACK status last)
string(REGEX MATCH "cov: ([0-9]+) ft: ([0-9]+)" _ "${last}")
set(coverage "${CMAKE_MATCH_1} edges, ${CMAKE_MATCH_2} features")
file(GLOB crashes "${WORK}/crash-*" "${WORK}/leak-*" "${WORK}/timeout-*" "${WORK}/oom-*")
list(LENGTH crashes crash_count)
set(summary
    "${name}: ${execs} executions in ${SECONDS} s, ${new_units} new inputs, coverage ${coverage}, crashes ${crash_count}, exit ${rc}")
message("${summary}")
file(WRITE "${WORK}/summary.txt" "${summary}\n")
if(NOT rc EQUAL 0 OR crash_count GREATER 0 OR execs STREQUAL "")
  string(LENGTH "${err}" length)
  if(length GREATER 20000)
    math(EXPR from "${length} - 20000")
    string(SUBSTRING "${err}" ${from} 20000 err)
  endif()
  message(FATAL_ERROR "${name} failed (exit ${rc}); inputs: ${crashes}\n${err}")
endif()
