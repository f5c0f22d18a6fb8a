# comreg_add_manifest(<target> DESCRIPTION <file.json> [OUTPUT <file>] [EMBED] [APPLICATION]
#                     [DEFINES name=value...])
#
# Generates the side-by-side manifest of <target> from a comreg description at build time, with
# `comreg manifest`; it is generated again whenever the description (or comreg) changes.
#   DESCRIPTION  the comreg description (relative paths: to the current source folder)
#   OUTPUT       where to write it. Default, in the current binary folder: the component manifest
#                "<assembly name>.manifest" (read from the description at configure time), or
#                with APPLICATION "<target file name>.manifest"
#   APPLICATION  write the application manifest of <target> (an executable that depends on the
#                assembly) instead of the component manifest
#   EMBED        on a Windows target, also compile the manifest into <target> as its RT_MANIFEST
#                resource: id 1 for an executable, 2 for a DLL (what the loader looks for).
#                Needs the RC language (enabled here when the target platform is Windows)
#   DEFINES      values of ${NAME} placeholders, passed as --define NAME=VALUE
#
# The comreg program that runs is, first found wins: the COMREG_EXECUTABLE cache variable (set it
# when cross-compiling: the tool must run on the build machine), the in-tree comreg target
# (add_subdirectory), the imported comreg::comreg_cli of the installed package, comreg on PATH.
include_guard(GLOBAL)

set(COMREG_EXECUTABLE "" CACHE FILEPATH
    "The comreg program comreg_add_manifest runs (empty: the comreg target or package)")

# enable_language works only at file scope, so it is done here rather than in the function.
if(WIN32 AND NOT CMAKE_RC_COMPILER_LOADED)
  enable_language(RC)
endif()

# _comreg_manifest_tool(<out-var> <out-depends-var>): the command that runs comreg.
function(_comreg_manifest_tool out_var depends_var)
  if(COMREG_EXECUTABLE)
    set(${out_var} "${COMREG_EXECUTABLE}" PARENT_SCOPE)
    set(${depends_var} "${COMREG_EXECUTABLE}" PARENT_SCOPE)
    return()
  endif()
  foreach(tool comreg comreg::comreg_cli)
    if(TARGET ${tool})
      get_target_property(_type ${tool} TYPE)
      if(NOT _type STREQUAL "EXECUTABLE")
        continue()
      endif()
      # A target in COMMAND and DEPENDS: built first, and a new comreg regenerates the manifest.
      set(${out_var} ${tool} PARENT_SCOPE)
      set(${depends_var} ${tool} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  find_program(_comreg_found_executable comreg)
  if(NOT _comreg_found_executable)
    message(FATAL_ERROR "comreg_add_manifest: no comreg program: set COMREG_EXECUTABLE, or "
                        "find_package(comreg CONFIG) before calling it")
  endif()
  set(${out_var} "${_comreg_found_executable}" PARENT_SCOPE)
  set(${depends_var} "${_comreg_found_executable}" PARENT_SCOPE)
endfunction()

function(comreg_add_manifest target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "EMBED;APPLICATION" "DESCRIPTION;OUTPUT" "DEFINES")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "comreg_add_manifest: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "comreg_add_manifest: '${target}' is not a target")
  endif()
  if(NOT ARG_DESCRIPTION)
    message(FATAL_ERROR "comreg_add_manifest(${target}): DESCRIPTION <file.json> is required")
  endif()
  get_filename_component(description "${ARG_DESCRIPTION}" ABSOLUTE
                         BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  get_target_property(type ${target} TYPE)
  if(ARG_APPLICATION AND NOT type STREQUAL "EXECUTABLE")
    message(FATAL_ERROR "comreg_add_manifest(${target}): APPLICATION needs an executable target")
  endif()

  if(ARG_OUTPUT)
    get_filename_component(output "${ARG_OUTPUT}" ABSOLUTE
                           BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  elseif(ARG_APPLICATION)
    get_target_property(name ${target} OUTPUT_NAME)
    if(NOT name)
      set(name ${target})
    endif()
    set(output "${CMAKE_CURRENT_BINARY_DIR}/${name}${CMAKE_EXECUTABLE_SUFFIX}.manifest")
  else()
    # The loader finds a component manifest by the assembly's name. Read at configure time; if
    # the description cannot be read yet, the target's name stands in.
    set(name ${target})
    if(EXISTS "${description}")
      file(READ "${description}" json)
      string(JSON assembly ERROR_VARIABLE json_error GET "${json}" assembly name)
      if(NOT json_error AND assembly)
        set(name "${assembly}")
      endif()
    endif()
    set(output "${CMAKE_CURRENT_BINARY_DIR}/${name}.manifest")
  endif()

  set(args manifest "${description}" -o "${output}")
  if(ARG_APPLICATION)
    list(APPEND args --application "$<TARGET_FILE_NAME:${target}>")
  endif()
  foreach(define IN LISTS ARG_DEFINES)
    list(APPEND args --define "${define}")
  endforeach()
  _comreg_manifest_tool(tool tool_depends)
  file(RELATIVE_PATH shown "${CMAKE_BINARY_DIR}" "${output}")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${tool} ${args}
    DEPENDS "${description}" ${tool_depends}
    COMMENT "comreg: generating ${shown}"
    VERBATIM)
  add_custom_target(${target}_comreg_manifest DEPENDS "${output}")
  add_dependencies(${target} ${target}_comreg_manifest)
  set_property(TARGET ${target} PROPERTY COMREG_MANIFEST "${output}")

  if(NOT ARG_EMBED)
    return()
  endif()
  if(NOT WIN32)
    message(STATUS "comreg_add_manifest(${target}): EMBED applies to Windows targets only; "
                   "the manifest is generated beside the target")
    return()
  endif()
  if(NOT CMAKE_RC_COMPILER_LOADED)
    message(FATAL_ERROR "comreg_add_manifest(${target}): EMBED needs the RC language: add RC "
                        "to project(... LANGUAGES ...) or call enable_language(RC)")
  endif()
  if(type STREQUAL "EXECUTABLE")
    set(resource_id 1)  # CREATEPROCESS_MANIFEST_RESOURCE_ID
  elseif(type STREQUAL "SHARED_LIBRARY" OR type STREQUAL "MODULE_LIBRARY")
    set(resource_id 2)  # ISOLATIONAWARE_MANIFEST_RESOURCE_ID
  else()
    message(FATAL_ERROR "comreg_add_manifest(${target}): EMBED needs an executable or a DLL")
  endif()
  # 24 is RT_MANIFEST; numbers keep the .rc free of any SDK header. Forward slashes: both rc.exe
  # and windres accept them, and they need no escaping in an rc string.
  set(rc "${CMAKE_CURRENT_BINARY_DIR}/${target}_comreg_manifest.rc")
  file(CONFIGURE OUTPUT "${rc}" CONTENT "${resource_id} 24 \"${output}\"\n" @ONLY)
  # The resource compiler does not report the manifest as an input: say it here.
  set_source_files_properties("${rc}" PROPERTIES OBJECT_DEPENDS "${output}")
  target_sources(${target} PRIVATE "${rc}")
endfunction()
