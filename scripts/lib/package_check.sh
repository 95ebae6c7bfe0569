# Checks the release packages (sourced by scripts/test): the zip's layout, that its DLLs are
# stripped and carry the version resource, and that its x64 and x86 tapi3cc.dll each
# register in a new Wine prefix (nothing else in it) and run the C client of their
# bitness.  Prints one line per
# check; returns non-zero on the first failure.

# Registers the unpacked package's ARCH/tapi3cc.dll (WORK/NAME/ARCH) in a new Wine
# prefix (nothing else in it) with that bitness's regsvr32, and runs that bitness's
# create_tapi.exe: check_registration WORK NAME ARCH LOADER WINEARCH
check_registration() {
    local work=$1 name=$2 arch=$3 loader=$4 wine_arch=$5 prefix status=0
    prefix=$PWD/build/package/prefix-$arch
    rm -rf "$prefix"
    (
        export WINEPREFIX=$prefix WINEARCH=$wine_arch WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
        unset TAPI3CC_PROVIDERS TAPI3CC_TRACE
        cd "$work/$name/$arch"
        "$loader" wineboot --init > "../../wineboot-$arch.log" 2>&1 && wineserver -w &&
            "$loader" regsvr32 /s tapi3cc.dll &&
            "$loader" create_tapi.exe > "../../create_tapi-$arch.log" 2>&1
    ) || status=$?
    WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
    if [ $status -ne 0 ]; then
        echo "package: registering $arch/tapi3cc.dll in a new prefix and running create_tapi.exe failed ($status):"
        cat "$work/create_tapi-$arch.log" 2>/dev/null
        return 1
    fi
    echo "package: $arch/tapi3cc.dll registered in a new $wine_arch Wine prefix;" \
         "create_tapi.exe ($arch) ran: $(grep -c '(ok)' "$work/create_tapi-$arch.log") calls ok"
}

check_package() {
    local version name zip listing file missing=() work
    version=$(project_version)
    name=tapi3cc-$version
    zip=build/package/$name.zip
    [ -f "$zip" ] || { echo "package: $zip was not written"; return 1; }

    listing=$(cd build/package && cmake -E tar tf "$name.zip")
    for file in README.md LICENSE tapi3cc.tlb \
                include/tapi3cc/provider.h include/tapi3cc/tapi2.h include/tapi3cc/acd_control.h \
                include/tcc_tapi3.h include/tcc_tapi3if.h include/tcc_tapi3cc.h include/tcc_control.h \
                include/tcc_tapi3_i.c include/tcc_tapi3if_i.c include/tcc_tapi3cc_i.c include/tcc_control_i.c \
                x64/tapi3cc.dll x64/tapi3cc_file_agent.dll x64/tapi3cc_asterisk.dll \
                x64/create_tapi.exe x64/wallboard.exe x64/wallboard_gui.exe x64/tcc_asterisk_admin.exe \
                x64/tcchost.exe x64/wallboard.vbs x64/file_agent.vbs \
                x86/tapi3cc.dll x86/tapi3cc_file_agent.dll x86/tapi3cc_asterisk.dll \
                x86/create_tapi.exe x86/wallboard.exe x86/wallboard_gui.exe x86/tcc_asterisk_admin.exe \
                x86/tcchost.exe x86/wallboard.vbs x86/file_agent.vbs; do
        grep -qx "$name/$file" <<< "$listing" || missing+=("$file")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "package: $zip lacks ${missing[*]}"
        return 1
    fi
    echo "package: layout of $zip complete ($(grep -vc '/$' <<< "$listing") files)"

    work=build/package/check
    rm -rf "$work"
    mkdir -p "$work"
    (cd "$work" && cmake -E tar xf "../$name.zip")
    for file in "$work/$name"/x64/*.dll "$work/$name"/x86/*.dll; do
        if ! x86_64-w64-mingw32-objdump -t "$file" 2>/dev/null | grep -q "no symbols"; then
            echo "package: $file is not stripped"
            return 1
        fi
    done
    for file in "$work/$name"/x64/tapi3cc.dll "$work/$name"/x86/tapi3cc.dll; do
        if ! strings -el "$file" | grep -qx "$version"; then
            echo "package: $file has no version resource saying $version"
            return 1
        fi
    done
    echo "package: DLLs stripped; tapi3cc.dll x64 and x86 carry version $version"

    if ! command -v "$WINE64" > /dev/null; then
        echo "package: SKIPPED the registration check: no Wine"
        return 1
    fi
    check_registration "$work" "$name" x64 "$WINE64" win64 || return 1
    if [ -n "$WINE32" ]; then
        check_registration "$work" "$name" x86 "$WINE32" win32 || return 1
    else
        echo "package: the x86 registration check did NOT RUN: 32-bit Wine is not installed"
    fi
}

# Installs build/package/tapi3cc-VERSION-ARCH.msi silently with Wine's msiexec in a new
# 64-bit prefix (the provider string given as PROVIDERS), runs the clients it holds
# (x64: a 64-bit and a 32-bit create_tapi.exe; x86: the 32-bit one), uninstalls it,
# and checks that no tapi3cc key or file is left.
check_msi() {
    local arch=$1 msi prefix status=0 checks=0 programs32 programs64
    msi=$PWD/build/package/tapi3cc-$(project_version)-$arch.msi
    prefix=$PWD/build/package/prefix-msi-$arch
    [ -f "$msi" ] || { echo "package: $msi was not written"; return 1; }
    [ -n "$WINE32" ] || { echo "package: the $arch MSI check did NOT RUN: 32-bit Wine is not installed"; return 0; }
    rm -rf "$prefix"
    (
        export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
        unset TAPI3CC_PROVIDERS TAPI3CC_TRACE
        fail() { echo "package: $arch MSI: $*"; exit 1; }
        "$WINE64" wineboot --init > /dev/null 2>&1 && wineserver -w || fail "the prefix did not boot"
        programs64="C:\\Program Files\\tapi3cc" programs32="C:\\Program Files (x86)\\tapi3cc"
        "$WINE64" msiexec /i "Z:$msi" /qn "PROVIDERS=acd:simulate=no;seed=7" || fail "msiexec /i failed"
        if [ "$arch" = x64 ]; then
            "$WINE64" "$programs64\\create_tapi.exe" > "$prefix/client64.log" 2>&1 &&
                grep -q "(ok)" "$prefix/client64.log" || fail "the installed 64-bit client failed: $(cat "$prefix/client64.log")"
            "$WINE64" reg query 'HKLM\Software\tapi3cc' /v Providers /reg:64 2>/dev/null | grep -q "acd:simulate=no;seed=7" ||
                fail "PROVIDERS did not reach HKLM\\Software\\tapi3cc (64-bit view)"
        fi
        "$WINE32" "$programs32\\create_tapi.exe" > "$prefix/client32.log" 2>&1 &&
            grep -q "(ok)" "$prefix/client32.log" || fail "the installed 32-bit client failed: $(cat "$prefix/client32.log")"
        "$WINE32" reg query 'HKLM\Software\tapi3cc' /v Providers 2>/dev/null | grep -q "acd:simulate=no;seed=7" ||
            fail "PROVIDERS did not reach HKLM\\Software\\tapi3cc (32-bit view)"
        "$WINE64" msiexec /x "Z:$msi" /qn || fail "msiexec /x failed"
        for view in 64 32; do
            for key in 'HKLM\Software\Classes\Tapi3cc.TAPI' 'HKLM\Software\Classes\CLSID\{A18A7375-79F6-4D45-9568-DABF807A96D1}' \
                       'HKLM\Software\Classes\TypeLib\{AB8E11FE-212B-4FAA-AC47-B38BA3AEB390}' 'HKLM\Software\tapi3cc'; do
                ! "$WINE64" reg query "$key" /reg:$view > /dev/null 2>&1 || fail "$key is left ($view-bit view)"
            done
        done
        for dir in "$prefix/drive_c/Program Files/tapi3cc" "$prefix/drive_c/Program Files (x86)/tapi3cc"; do
            [ ! -e "$dir" ] || fail "$dir is left: $(ls "$dir")"
        done
    ) || status=$?
    WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
    [ $status -eq 0 ] || return 1
    echo "package: tapi3cc-$arch.msi installed silently in a new prefix (PROVIDERS set), its $([ "$arch" = x64 ] &&
        echo "64-bit and 32-bit clients" || echo "32-bit client") ran, and msiexec /x left no tapi3cc key or file"
}
