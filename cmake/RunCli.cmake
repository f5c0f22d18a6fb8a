# cmake -P RunCli.cmake: runs one command and checks what it did (tests/package uses it; the
# CLI contract tests are case folders run by tests/cli/RunCase.cmake).
#   -DCOMMAND="comreg^^arg^^arg"   the command, arguments separated by ^^
#   -DEXPECT_EXIT=N                required exit code
#   -DSTDOUT_MATCH=regex           optional: stdout must match
#   -DSTDERR_MATCH=regex           optional: stderr must match
#   -DSTDERR_EMPTY=ON              optional: stderr must be empty
#   -DABSENT=path                  optional: this file must not exist afterwards (no partial output)
#   -DEXISTS=path                  optional: this file must exist afterwards
#   -DINPUT=path                   optional: file fed to standard input
cmake_minimum_required(VERSION 3.25)
if(DEFINED ABSENT)
  file(REMOVE "${ABSENT}")
endif()
if(DEFINED EXISTS)
  file(REMOVE "${EXISTS}")
endif()
string(REPLACE "^^" ";" COMMAND "${COMMAND}")
set(_input_args)
if(DEFINED INPUT)
  set(_input_args INPUT_FILE "${INPUT}")
endif()
execute_process(COMMAND ${COMMAND} ${_input_args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(_fail "")
if(NOT rc STREQUAL "${EXPECT_EXIT}")
  string(APPEND _fail "exit code ${rc}, expected ${EXPECT_EXIT}\n")
endif()
if(DEFINED STDOUT_MATCH AND NOT out MATCHES "${STDOUT_MATCH}")
  string(APPEND _fail "stdout does not match: ${STDOUT_MATCH}\n")
endif()
if(DEFINED STDERR_MATCH AND NOT err MATCHES "${STDERR_MATCH}")
  string(APPEND _fail "stderr does not match: ${STDERR_MATCH}\n")
endif()
if(STDERR_EMPTY AND NOT err STREQUAL "")
  string(APPEND _fail "stderr is not empty\n")
endif()
if(DEFINED ABSENT AND EXISTS "${ABSENT}")
  string(APPEND _fail "${ABSENT} exists but must not\n")
endif()
if(DEFINED EXISTS AND NOT EXISTS "${EXISTS}")
  string(APPEND _fail "${EXISTS} was not written\n")
endif()
if(_fail)
  message(FATAL_ERROR "${_fail}--- command: ${COMMAND}\n--- stdout:\n${out}\n--- stderr:\n${err}")
endif()
