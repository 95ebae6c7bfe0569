# widl from MinGW-w64 (mingw-w64-tools); the standard IDL files (oaidl.idl ...) come
# from Wine's development files (libwine-dev), stdole2.tlb from Wine itself.
find_program(TCC_WIDL NAMES ${TCC_MINGW_TRIPLET}-widl widl REQUIRED)
find_path(TCC_WINE_IDL_DIR oaidl.idl
    PATHS /usr/include/wine/wine/windows /usr/include/wine/windows
    NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
find_path(TCC_STDOLE2_DIR stdole2.tlb
    PATHS /usr/lib/x86_64-linux-gnu/wine/x86_64-windows /usr/lib/i386-linux-gnu/wine/i386-windows
          /usr/lib/wine/x86_64-windows /usr/lib/wine/i386-windows /usr/lib64/wine/x86_64-windows
    NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
if(NOT TCC_WINE_IDL_DIR)
    message(FATAL_ERROR "oaidl.idl not found: install Wine's development files (apt-get install libwine-dev)")
endif()
if(NOT TCC_STDOLE2_DIR)
    message(FATAL_ERROR "stdole2.tlb not found: install Wine (apt-get install wine64)")
endif()

# widl must always be told the target's pointer size.
if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(TCC_WIDL_ARCH --win64)
else()
    set(TCC_WIDL_ARCH --win32)
endif()
