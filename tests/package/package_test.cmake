# cmake -P package_test.cmake: installs comreg from its build tree, builds the consumer project
# against the installed package, and checks that the manifests come from the description and
# follow it when it changes.
#   -DCOMREG_BUILD=dir   comreg's build folder (what cmake --install installs)
#   -DCONSUMER=dir       the consumer project's sources (copied: the test edits them)
#   -DWORK=dir           scratch folder (emptied first)
#   -DGENERATOR=name     CMake generator of the consumer build (default Ninja)
#   -DTOOLCHAIN=file     optional: cross-compile the consumer with this toolchain, EMBED checked
#                        in the PE files (OBJDUMP=the target's objdump)
cmake_minimum_required(VERSION 3.25)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " shown "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${shown}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(expect_in file regex why)
  file(READ "${file}" text)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${why}: ${file} does not match ${regex}:\n${text}")
  endif()
endfunction()

# expect_embedded(<pe> <resource id> <manifest>): the PE has an RT_MANIFEST (type 24) resource
# with that id, and holds the manifest file's bytes.
function(expect_embedded pe id manifest)
  run(${OBJDUMP} -x "${pe}")
  # objdump prints the resource tree: the type entry 0x18 (24), its name table, the id entry.
  if(NOT out MATCHES "Entry: ID: 0x0*18,[^\n]*\n[^\n]*Name Table[^\n]*\n[^\n]*Entry: ID: 0x0*${id},")
    message(FATAL_ERROR "${pe}: no RT_MANIFEST resource with id ${id} in objdump -x:\n${out}")
  endif()
  file(READ "${pe}" pe_hex HEX)
  file(READ "${manifest}" manifest_hex HEX)
  string(FIND "${pe_hex}" "${manifest_hex}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${pe} does not hold the bytes of ${manifest}")
  endif()
  message(STATUS "${pe}: RT_MANIFEST id ${id} = ${manifest}")
endfunction()

file(REMOVE_RECURSE "${WORK}")
set(prefix "${WORK}/prefix")
set(src "${WORK}/src")
set(build "${WORK}/build")

run(${CMAKE_COMMAND} --install "${COMREG_BUILD}" --prefix "${prefix}")
foreach(f bin/comreg include/comreg/comreg.hpp include/comreg/core/guid.hpp
          include/comreg/plan/plan.hpp lib/cmake/comreg/comreg-config.cmake
          lib/cmake/comreg/comreg-config-version.cmake lib/cmake/comreg/comregManifest.cmake
          share/man/man1/comreg.1 share/bash-completion/completions/comreg)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "cmake --install did not install ${f}")
  endif()
endforeach()
# Internals and test tools stay out of the public surface.
foreach(f include/core include/comreg/testing include/comreg/testing/fault_backend.hpp
          include/comreg/apply/ownership_record.hpp)
  if(EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "cmake --install installed ${f}, which is not public")
  endif()
endforeach()
file(COPY "${CONSUMER}/" DESTINATION "${src}")

if(NOT GENERATOR)
  set(GENERATOR Ninja)
endif()
set(configure ${CMAKE_COMMAND} -S "${src}" -B "${build}" -G "${GENERATOR}"
              -DCMAKE_BUILD_TYPE=Release)
if(TOOLCHAIN)
  # The find root of a cross build hides the build machine's packages: name the package folder.
  list(APPEND configure "-DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN}"
       "-Dcomreg_DIR=${prefix}/lib/cmake/comreg")
  set(dll "${build}/widget.dll")
  set(exe "${build}/client.exe")
else()
  list(APPEND configure "-DCMAKE_PREFIX_PATH=${prefix}")
  set(exe "${build}/client")
endif()
run(${configure})
run(${CMAKE_COMMAND} --build "${build}")

set(component "${build}/Consumer.Widget.manifest")
get_filename_component(exe_name "${exe}" NAME)
get_filename_component(exe_stem "${exe}" NAME_WE)
set(application "${build}/${exe_name}.manifest")
expect_in("${component}" "<assemblyIdentity [^>]*name=\"Consumer.Widget\"[^>]*version=\"1.0.0.0\""
          "component manifest")
expect_in("${component}" "clsid=\"{6B1D3F0A-2C4E-4A8B-9E7D-5F3A1C2B4D01}\"" "component manifest")
expect_in("${application}"
          "<assemblyIdentity [^>]*name=\"${exe_stem}\".*<dependentAssembly>.*name=\"Consumer.Widget\""
          "application manifest")
if(TOOLCHAIN)
  expect_embedded("${dll}" 2 "${component}")
  expect_embedded("${exe}" 1 "${application}")
else()
  run("${exe}" 6b1d3f0a-2c4e-4a8b-9e7d-5f3a1c2b4d01)
  if(NOT out STREQUAL "{6B1D3F0A-2C4E-4A8B-9E7D-5F3A1C2B4D01}\n")
    message(FATAL_ERROR "client linked against comreg::comreg printed '${out}'")
  endif()
endif()

run(${CMAKE_COMMAND} --build "${build}")
if(GENERATOR STREQUAL "Ninja" AND NOT out MATCHES "no work to do")
  message(FATAL_ERROR "a second build with nothing changed did work:\n${out}")
endif()

# Change the description: both manifests (and the embedded copies) must follow. The pause keeps
# the edit's time stamp apart from the first build's on file systems with coarse times.
execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1)
file(READ "${src}/widget.json" json)
string(REPLACE "\"1.0.0.0\"" "\"1.0.0.7\"" json "${json}")
file(WRITE "${src}/widget.json" "${json}")
run(${CMAKE_COMMAND} --build "${build}")
if(NOT out MATCHES "comreg: generating")
  message(FATAL_ERROR "the build after the description changed ran no comreg:\n${out}")
endif()
expect_in("${component}" "name=\"Consumer.Widget\"[^>]*version=\"1.0.0.7\"" "regenerated component manifest")
expect_in("${application}" "<dependentAssembly>.*version=\"1.0.0.7\"" "regenerated application manifest")
if(TOOLCHAIN)
  expect_embedded("${dll}" 2 "${component}")
  expect_embedded("${exe}" 1 "${application}")
endif()
message(STATUS "consumer built against ${prefix}; manifests regenerated after the description changed")
