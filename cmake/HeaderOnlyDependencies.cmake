# nlohmann/json, CLI11 and Catch2 are header-only; on Linux they come through their Debian
# CMake packages. A cross build must not see /usr/include as a whole (it holds Linux's C
# library), so it gets a folder with links to just those three header trees, from the same
# Debian packages.
if(NOT CMAKE_CROSSCOMPILING)
  find_package(nlohmann_json 3.10 CONFIG REQUIRED)
  find_package(CLI11 CONFIG REQUIRED)
  return()
endif()

set(_comreg_headers ${CMAKE_BINARY_DIR}/header-only-deps)
file(MAKE_DIRECTORY ${_comreg_headers})
foreach(_dir nlohmann CLI catch2)
  if(NOT EXISTS /usr/include/${_dir})
    message(FATAL_ERROR "/usr/include/${_dir} is missing: run tools/install-deps.sh windows")
  endif()
  if(NOT EXISTS ${_comreg_headers}/${_dir})
    file(CREATE_LINK /usr/include/${_dir} ${_comreg_headers}/${_dir} SYMBOLIC)
  endif()
endforeach()
foreach(_target nlohmann_json::nlohmann_json CLI11::CLI11 Catch2::Catch2)
  if(NOT TARGET ${_target})
    add_library(${_target} INTERFACE IMPORTED GLOBAL)
    set_target_properties(${_target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${_comreg_headers})
  endif()
endforeach()
