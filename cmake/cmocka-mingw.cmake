# cmocka for the Windows-side tests: cross-built from Debian's source package by
# scripts/build-cmocka-mingw into build/deps/<triplet> (TCC_DEPS_DIR overrides).
set(TCC_DEPS_DIR "${CMAKE_SOURCE_DIR}/build/deps" CACHE PATH "Where scripts/build-cmocka-mingw installs")
set(_tcc_cmocka_prefix "${TCC_DEPS_DIR}/${TCC_MINGW_TRIPLET}")
if(NOT EXISTS "${_tcc_cmocka_prefix}/lib/libcmocka-static.a")
    message(FATAL_ERROR "cmocka for ${TCC_MINGW_TRIPLET} is not built: run "
                        "scripts/build-cmocka-mingw ${CMAKE_SYSTEM_PROCESSOR} (scripts/test does it for you)")
endif()
add_library(cmocka_mingw STATIC IMPORTED)
set_target_properties(cmocka_mingw PROPERTIES
    IMPORTED_LOCATION "${_tcc_cmocka_prefix}/lib/libcmocka-static.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_tcc_cmocka_prefix}/include")
