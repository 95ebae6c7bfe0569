# Running the Windows-side tests under Wine: one Wine prefix per build tree, made by
# a setup test and closed (wineserver -k) by a cleanup test, quiet (WINEDEBUG=-all),
# with Mono and Gecko left out so that creating the prefix never asks anything, and
# without winedbg, so that a crashing test fails at once instead of waiting for a
# debugger nobody attends.
# The loader of this tree's bitness, named by its path: Debian's `wine` starts the
# 32-bit loader whenever 32-bit Wine is installed, and a builtin named without a path
# (`wine regsvr32`) then runs as 32-bit, in the 32-bit registry view, where a 64-bit
# DLL cannot load.  /usr/lib/wine/wine64 runs 64-bit builtins, /usr/lib/wine/wine
# (wine32:i386) 32-bit ones.
if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    find_program(TCC_WINE_LOADER NAMES wine64 PATHS /usr/lib/wine /usr/lib64/wine NO_DEFAULT_PATH
                 NO_CMAKE_FIND_ROOT_PATH)
else()
    find_program(TCC_WINE_LOADER NAMES wine PATHS /usr/lib/wine NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
endif()
if(TCC_WINE_LOADER)
    set(TCC_WINE "${TCC_WINE_LOADER}")
else()
    find_program(TCC_WINE NAMES wine wine64 NO_CMAKE_FIND_ROOT_PATH)
endif()
find_program(TCC_WINESERVER NAMES wineserver
    PATHS /usr/lib/wine /usr/lib64/wine NO_CMAKE_FIND_ROOT_PATH)

set(TCC_WINEPREFIX "${CMAKE_BINARY_DIR}/wineprefix")
set(TCC_WINE_ENV
    "WINEPREFIX=${TCC_WINEPREFIX}"
    "WINEDEBUG=-all"
    "WINEDLLOVERRIDES=mscoree,mshtml=\\;winedbg.exe=d"
    "WINEARCH=$<IF:$<EQUAL:${CMAKE_SIZEOF_VOID_P},8>,win64,win32>")

# 32-bit programs need 32-bit Wine (Debian: wine32:i386), which not every machine
# can install.  Without it the 32-bit tree is built but its tests are not run.
set(TCC_WINE_CAN_RUN OFF)
if(TCC_WINE)
    if(CMAKE_SIZEOF_VOID_P EQUAL 8)
        set(TCC_WINE_CAN_RUN ON)
    elseif(EXISTS /usr/lib/wine/wine OR EXISTS /usr/lib/i386-linux-gnu/wine/i386-unix/ntdll.so)
        set(TCC_WINE_CAN_RUN ON)
    endif()
    message(STATUS "tapi3cc: Windows tests run with ${TCC_WINE} (${CMAKE_SIZEOF_VOID_P}-byte pointers)")
endif()
if(NOT TCC_WINE_CAN_RUN)
    if(CMAKE_SIZEOF_VOID_P EQUAL 8)
        message(STATUS "tapi3cc: Wine not found: the Windows tests are built but not run")
    else()
        message(STATUS "tapi3cc: 32-bit Wine not installed (dpkg --add-architecture i386; "
                       "apt-get install wine32:i386): the 32-bit tests are built but not run")
    endif()
    file(WRITE "${CMAKE_BINARY_DIR}/wine-unavailable" "no Wine able to run this tree's tests\n")
else()
    file(REMOVE "${CMAKE_BINARY_DIR}/wine-unavailable")
    set(CMAKE_CROSSCOMPILING_EMULATOR "${TCC_WINE}")
    # wineboot returns before the prefix's own processes have finished; waiting for
    # the server to go idle means every test starts on a settled prefix.
    # A prefix made before the installed Wine changed (32-bit Wine added) may not
    # boot any more (wineboot exits 53): it is made anew.
    add_test(NAME wine_prefix_create
             COMMAND sh -c "\"$1\" wineboot --init && \"$2\" -w && exit 0
                            echo \"wine prefix $WINEPREFIX did not boot with this Wine: making it anew\"
                            \"$2\" -k 2>/dev/null; rm -rf \"$WINEPREFIX\"
                            \"$1\" wineboot --init && \"$2\" -w" sh "${TCC_WINE}" "${TCC_WINESERVER}")
    set_tests_properties(wine_prefix_create PROPERTIES
        ENVIRONMENT "${TCC_WINE_ENV}" FIXTURES_SETUP wine_prefix TIMEOUT 300)
    # wineserver -k fails when no server is left to kill, which is not a failure here.
    add_test(NAME wine_prefix_close COMMAND sh -c "\"$1\" -k || true" sh "${TCC_WINESERVER}")
    set_tests_properties(wine_prefix_close PROPERTIES
        ENVIRONMENT "${TCC_WINE_ENV}" FIXTURES_CLEANUP wine_prefix)
endif()

# tcc_add_wine_test(<name> <target> [args...]): runs a test program under the tree's
# Wine prefix.  Tests that change the prefix's registry share a lock.
function(tcc_add_wine_test name target)
    if(NOT TCC_WINE_CAN_RUN)
        return()
    endif()
    add_test(NAME ${name} COMMAND ${target} ${ARGN})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${TCC_WINE_ENV}"
        FIXTURES_REQUIRED wine_prefix
        RESOURCE_LOCK wine_registry
        TIMEOUT 180)
endfunction()
