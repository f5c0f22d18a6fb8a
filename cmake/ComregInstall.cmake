# Install rules and the CMake package: find_package(comreg CONFIG) gives comreg::comreg (the
# static library), comreg::comreg_cli (the comreg program) and comreg_add_manifest().
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(COMREG_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/comreg
    CACHE STRING "Where the comreg CMake package files are installed")

set_target_properties(comreg PROPERTIES EXPORT_NAME comreg_cli)
# One static library per stage, and comreg::comreg (comreg_library) that links them all.
# lib/CMakeLists.txt records each stage as it declares it; the test tools stay out.
get_property(_comreg_stages GLOBAL PROPERTY COMREG_STAGES)
get_property(_comreg_uninstalled GLOBAL PROPERTY COMREG_UNINSTALLED_STAGES)
list(REMOVE_ITEM _comreg_stages ${_comreg_uninstalled})
list(TRANSFORM _comreg_stages REPLACE "^comreg_" "")
foreach(_stage IN LISTS _comreg_stages)
  install(TARGETS comreg_${_stage} EXPORT comregTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY lib/${_stage}/include/comreg DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(TARGETS comreg_library EXPORT comregTargets)
install(DIRECTORY lib/include/comreg DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The program has its own export set: a cross-compiling consumer loads the build machine's tool
# without the library, which was built for another platform.
install(TARGETS comreg EXPORT comregToolTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT comregTargets NAMESPACE comreg:: DESTINATION ${COMREG_INSTALL_CMAKEDIR})
install(EXPORT comregToolTargets NAMESPACE comreg:: DESTINATION ${COMREG_INSTALL_CMAKEDIR})

# A static library's private link dependencies reach its consumers' link line, so the package
# must find them again. Each imported target a stage links (NS::name) becomes a find rule:
#   cmake/FindNS.cmake exists  -> that module is installed and find_dependency(NS) runs
#   PkgConfig::NAME            -> pkg_check_modules(NAME IMPORTED_TARGET <lower-case name>)
#   anything else              -> find_dependency(NS CONFIG)
# Build-only dependencies (header-only ones) are linked as $<BUILD_INTERFACE:...> and skipped.
set(COMREG_FIND_DEPENDENCIES "")
set(_comreg_modules "")
set(_comreg_links "")
foreach(_stage IN LISTS _comreg_stages)
  get_target_property(_stage_links comreg_${_stage} LINK_LIBRARIES)
  list(APPEND _comreg_links ${_stage_links})
endforeach()
list(REMOVE_DUPLICATES _comreg_links)
foreach(_link IN LISTS _comreg_links)
  if(_link MATCHES "^\\$<" OR NOT _link MATCHES "^([A-Za-z0-9_]+)::(.+)$")
    continue()
  endif()
  set(_ns ${CMAKE_MATCH_1})
  set(_name ${CMAKE_MATCH_2})
  if(EXISTS ${PROJECT_SOURCE_DIR}/cmake/Find${_ns}.cmake)
    list(APPEND _comreg_modules ${PROJECT_SOURCE_DIR}/cmake/Find${_ns}.cmake)
    string(APPEND COMREG_FIND_DEPENDENCIES "find_dependency(${_ns})\n")
  elseif(_ns STREQUAL "PkgConfig")
    string(TOLOWER ${_name} _module)
    string(APPEND COMREG_FIND_DEPENDENCIES
           "find_dependency(PkgConfig)\n"
           "if(NOT TARGET PkgConfig::${_name})\n"
           "  pkg_check_modules(${_name} QUIET IMPORTED_TARGET ${_module})\n"
           "endif()\n"
           "if(NOT TARGET PkgConfig::${_name})\n"
           "  set(comreg_FOUND FALSE)\n"
           "  set(comreg_NOT_FOUND_MESSAGE \"comreg needs ${_module} (pkg-config)\")\n"
           "  return()\n"
           "endif()\n")
  else()
    string(APPEND COMREG_FIND_DEPENDENCIES "find_dependency(${_ns} CONFIG)\n")
  endif()
endforeach()
if(_comreg_modules)
  list(REMOVE_DUPLICATES _comreg_modules)
  install(FILES ${_comreg_modules} DESTINATION ${COMREG_INSTALL_CMAKEDIR})
endif()

configure_package_config_file(cmake/comreg-config.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/comreg-config.cmake
  INSTALL_DESTINATION ${COMREG_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/comreg-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/comreg-config.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/comreg-config-version.cmake
              cmake/comregManifest.cmake
        DESTINATION ${COMREG_INSTALL_CMAKEDIR})

install(FILES docs/comreg.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/comreg.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME comreg)
