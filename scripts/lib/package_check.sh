# Checks the release package (sourced by scripts/test): its layout, that its DLLs are
# stripped and carry the version resource, and that its x64 tapi3cc.dll registers in
# a new Wine prefix (nothing else in it) and runs the C client.  Prints one line per
# check; returns non-zero on the first failure.

check_package() {
    local version name zip listing file missing=() work prefix status
    version=$(sed -n 's/^ *VERSION \([0-9][0-9.]*\)$/\1/p' CMakeLists.txt | head -1)
    name=tapi3cc-$version
    zip=build/package/$name.zip
    [ -f "$zip" ] || { echo "package: $zip was not written"; return 1; }

    listing=$(cd build/package && cmake -E tar tf "$name.zip")
    for file in README.md LICENSE tapi3cc.tlb \
                include/tapi3cc/provider.h include/tapi3cc/tapi2.h include/tapi3cc/acd_control.h \
                include/tcc_tapi3.h include/tcc_tapi3if.h include/tcc_tapi3cc.h include/tcc_control.h \
                include/tcc_tapi3_i.c include/tcc_tapi3if_i.c include/tcc_tapi3cc_i.c include/tcc_control_i.c \
                x64/tapi3cc.dll x64/tapi3cc_file_agent.dll x64/tapi3cc_asterisk.dll \
                x64/create_tapi.exe x64/wallboard.exe x64/tcc_asterisk_admin.exe \
                x64/tcchost.exe x64/wallboard.vbs x64/file_agent.vbs \
                x86/tapi3cc.dll x86/tapi3cc_file_agent.dll x86/tapi3cc_asterisk.dll \
                x86/create_tapi.exe x86/wallboard.exe x86/tcc_asterisk_admin.exe \
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
    prefix=$PWD/build/package/prefix
    rm -rf "$prefix"
    status=0
    (
        export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
        unset TAPI3CC_PROVIDERS TAPI3CC_TRACE
        cd "$work/$name/x64"
        "$WINE64" wineboot --init > ../../wineboot.log 2>&1 && wineserver -w &&
            "$WINE64" regsvr32 /s tapi3cc.dll &&
            "$WINE64" create_tapi.exe > ../../create_tapi.log 2>&1
    ) || status=$?
    WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
    if [ $status -ne 0 ]; then
        echo "package: registering x64/tapi3cc.dll in a new prefix and running create_tapi.exe failed ($status):"
        cat "$work/create_tapi.log" 2>/dev/null
        return 1
    fi
    echo "package: x64/tapi3cc.dll registered in a new Wine prefix;" \
         "create_tapi.exe ran: $(grep -c '(ok)' "$work/create_tapi.log") calls ok"
}
