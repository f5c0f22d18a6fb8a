# Included by tests/com/CMakeLists.txt in the Windows build: the test server of comreg_tltest.idl
# (comreg_tlsrv.dll, the type library embedded as TYPELIB resource 1) and its client. The
# library is built language-neutral here: Wine's automation marshaler finds a type library only
# under TypeLib\{libid}\{version}\0\win64 (reg_get_typelib_module in Wine's oleaut32). widl
# compiles the type library here too; without it these two are not built (and the Wine test
# that needs them reports itself skipped).
find_program(COMREG_WIDL x86_64-w64-mingw32-widl)
set(COMREG_WINE_STDOLE_DIR /usr/lib/x86_64-linux-gnu/wine/x86_64-windows)
if(NOT COMREG_WIDL OR NOT EXISTS ${COMREG_WINE_STDOLE_DIR}/stdole2.tlb)
  message(STATUS "widl or stdole2.tlb not found: comreg_tlsrv.dll is not built")
  return()
endif()
enable_language(RC)
set(_tl_dir ${CMAKE_CURRENT_LIST_DIR})
set(_tl_tlb ${CMAKE_CURRENT_BINARY_DIR}/comreg_tltest.tlb)
add_custom_command(
  OUTPUT ${_tl_tlb}
  COMMAND ${COMREG_WIDL} -t -o ${_tl_tlb} -L ${COMREG_WINE_STDOLE_DIR} -I ${_tl_dir}
          -DCOMREG_TLTEST_LCID=0 ${_tl_dir}/comreg_tltest.idl
  DEPENDS ${_tl_dir}/comreg_tltest.idl ${_tl_dir}/automation_base.idl
  VERBATIM)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/comreg_tlsrv.rc "1 TYPELIB \"comreg_tltest.tlb\"\n")
set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/comreg_tlsrv.rc
                            PROPERTIES OBJECT_DEPENDS ${_tl_tlb})
add_library(comreg_tlsrv SHARED ${_tl_dir}/tlserver.cpp ${_tl_dir}/tlserver.def
                                ${CMAKE_CURRENT_BINARY_DIR}/comreg_tlsrv.rc)
set_target_properties(comreg_tlsrv PROPERTIES PREFIX "" OUTPUT_NAME comreg_tlsrv)
target_include_directories(comreg_tlsrv PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
target_link_libraries(comreg_tlsrv PRIVATE ole32 oleaut32 uuid)
target_link_options(comreg_tlsrv PRIVATE -static-libgcc -static-libstdc++)

add_executable(comreg_tlclient ${_tl_dir}/tlclient.cpp)
target_link_libraries(comreg_tlclient PRIVATE ole32 oleaut32 uuid)
target_link_options(comreg_tlclient PRIVATE -municode)
