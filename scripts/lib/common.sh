# Shared by scripts/test and scripts/demo: where things are, and installing what a
# fresh Debian 12 machine lacks (as root, or through sudo).

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Everything the builds and tests need, by Debian package name.
TCC_PACKAGES=(
    cmake ninja-build gcc pkg-config libcmocka-dev libinih-dev   # native tree
    clang libclang-rt-14-dev                                     # fuzz tree (libFuzzer)
    mingw-w64 mingw-w64-tools                         # MinGW-w64 compilers and widl
    wine wine64 libwine-dev                           # Wine to run the tests; Wine's IDL files
    dpkg-dev                                          # apt-get source (cmocka for MinGW)
    libssl-dev                                        # the asterisk provider's native crypto
    make libedit-dev libjansson-dev libxml2-dev libsqlite3-dev uuid-dev   # Asterisk for the tests
    jq                                                # checks the benchmarks' JSON results
    xvfb imagemagick                                  # the graphical wallboard's screenshot test
    wixl                                              # the MSI packages (msitools)
)

step() { printf '\n== %s\n' "$*"; }

# The project's version, as CMakeLists.txt's project() says it.
project_version() {
    sed -n 's/^ *VERSION \([0-9][0-9.]*\)$/\1/p' "$top/CMakeLists.txt" | head -1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "tapi3cc: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

install_missing_packages() {
    local missing=() package
    for package in "${TCC_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "packages: all installed"
        return 0
    fi
    echo "packages: installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# WINEDEBUG keeps Wine itself quiet.
export WINEDEBUG=-all

# The Wine loaders by bitness, named by path: with 32-bit Wine installed, Debian's
# `wine` starts the 32-bit loader, and a builtin named without a path (`wine
# regsvr32`, `wine cscript`) runs as 32-bit, in the 32-bit registry view.  So the
# scripts say which they mean: "$WINE64 regsvr32" registers the x64 DLL, "$WINE32
# regsvr32" (system32 of a 32-bit prefix, syswow64 of a 64-bit one) the x86 DLL.
wine_loaders() {
    WINE64=/usr/lib/wine/wine64
    [ -x "$WINE64" ] || WINE64=$(command -v wine64 || command -v wine || echo wine)
    WINE32=/usr/lib/wine/wine
    [ -x "$WINE32" ] || WINE32=
    export WINE64 WINE32        # for the scripts' own sh -c children
}
wine_loaders

# Boots $WINEPREFIX with the 64-bit loader.  A prefix made before the installed Wine
# changed (32-bit Wine added) may not boot any more (wineboot exits 53): made anew.
wine_prefix_boot() {
    if ! "$WINE64" wineboot --init > /dev/null 2>&1; then
        echo "the Wine prefix $WINEPREFIX does not boot with this Wine: making it anew"
        wineserver -k 2>/dev/null || true
        rm -rf "$WINEPREFIX"
        "$WINE64" wineboot --init > /dev/null 2>&1
    fi
}

# 32-bit Wine (dpkg --add-architecture i386; wine32:i386), which most Wine users have
# and the 32-bit clients need.  Where it cannot be installed (the i386 packages must
# match the installed amd64 versions exactly), the architecture is taken back out and
# the 32-bit tests say that they did not run.  TAPI3CC_WINE32=0 skips it.
install_wine32() {
    [ "${TAPI3CC_WINE32:-1}" = 0 ] && return 0
    if dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q "install ok installed"; then
        wine_loaders
        return 0
    fi
    echo "packages: adding 32-bit Wine (dpkg --add-architecture i386; wine32:i386)"
    if ! { as_root dpkg --add-architecture i386 && as_root apt-get update -q \
           && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wine32:i386; }; then
        echo "packages: 32-bit Wine could not be installed; the 32-bit tests will not run"
        as_root dpkg --remove-architecture i386 2>/dev/null && as_root apt-get update -q > /dev/null || true
    fi
    wine_loaders
}
