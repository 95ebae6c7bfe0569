# Windows i686 (MinGW-w64).
set(CMAKE_SYSTEM_PROCESSOR i686)
# Floating point in SSE2 registers, as on x64: x87's 80-bit intermediates round twice
# (to 64 bits, then to the double stored), so a DATE such as SessionStartTime could
# differ in its last bit from the x64 DLL's and from a client's own computation.
# SSE2 is on every x86 CPU Windows 8 and later require.
set(CMAKE_C_FLAGS_INIT "-msse2 -mfpmath=sse")
set(CMAKE_CXX_FLAGS_INIT "-msse2 -mfpmath=sse")
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw.cmake)
