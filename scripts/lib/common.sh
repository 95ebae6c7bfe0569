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
)

step() { printf '\n== %s\n' "$*"; }

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

# Debian's wine wrapper asks for 32-bit Wine on every start; the 64-bit tree does
# not need it, so the hint is noise here.  WINEDEBUG keeps Wine itself quiet.
export WINEDEBUG=-all
