# Windows Installer packages (sourced by scripts/package): write_wxs ARCH STAGE VERSION
# prints the WiX source of tapi3cc-VERSION-ARCH.msi for wixl (Debian's msitools).
#   x64: both DLLs, each in its own Program Files folder and registry view (the x64
#        files under ProgramFiles64Folder, 64-bit components; the x86 files under
#        ProgramFilesFolder, 32-bit components), as two regsvr32 runs would register
#        them; the plug-ins, tcchost and the examples of both.
#   x86: the x86 files alone, for 32-bit Windows.
# The registration is the MSI's own registry rows, from the plan regsvr32 follows
# (tools/reg_wxs.c), so repair, rollback and uninstall are Windows Installer's.  The
# property PROVIDERS (msiexec /i ... PROVIDERS="asterisk:...") writes
# HKLM\Software\tapi3cc Providers in each view, which every client then uses.

# A stable component GUID from a name: the same component keeps its GUID from build
# to build (Windows Installer's component rules).
msi_guid() {
    local hash
    hash=$(printf 'tapi3cc msi component %s' "$1" | md5sum | tr 'a-f' 'A-F')
    echo "{${hash:0:8}-${hash:8:4}-${hash:12:4}-${hash:16:4}-${hash:20:12}}"
}

# The WiX Id of a staged file: FILE ARCH, letters, digits, _ and . only.
msi_id() {
    echo "${1}_$2" | tr -c 'A-Za-z0-9_.\n' '_'
}

# The components of one architecture's folder: ARCH (x64|x86) FOLDER_ID STAGE REG_WXS
msi_components() {
    local arch=$1 dir=$2 stage=$3 reg_wxs=$4 win64 view file id
    [ "$arch" = x64 ] && win64=yes view=win64 || { win64=no; view=win32; }
    for file in "$stage/$arch"/*; do
        file=$(basename "$file")
        id=$(msi_id "$file" "$arch")
        echo "<Component Id=\"c_$id\" Guid=\"$(msi_guid "$arch/$file")\" Win64=\"$win64\">"
        echo "  <File Id=\"$id\" Name=\"$file\" Source=\"$stage/$arch/$file\" KeyPath=\"yes\"/>"
        case $file in
            tapi3cc.dll) "$reg_wxs" "$view" "$id" "$dir" | sed 's/^/  /' ;;
            tapi3cc_*.dll)
                local name=${file#tapi3cc_}
                name=${name%.dll}
                echo "  <RegistryValue Root=\"HKLM\" Key=\"Software\\tapi3cc\\Providers\\$name\" Name=\"Dll\" Type=\"string\" Value=\"[#$id]\"/>"
                ;;
        esac
        echo "</Component>"
    done
    # The machine's provider string (wixl has no component conditions: without
    # PROVIDERS the value is written empty, which tapi3cc reads as not set).
    echo "<Component Id=\"c_providers_$arch\" Guid=\"$(msi_guid "$arch/providers")\" Win64=\"$win64\">"
    echo "  <RegistryValue Root=\"HKLM\" Key=\"Software\\tapi3cc\" Name=\"Providers\" Type=\"string\" Value=\"[PROVIDERS]\" KeyPath=\"yes\"/>"
    echo "</Component>"
}

write_wxs() {
    local arch=$1 stage=$2 version=$3 reg_wxs=$4 upgrade
    case $arch in
        x64) upgrade="{7A1F3C52-6E0B-4D1E-9B7C-5F2A8D3E4C61}" ;;
        x86) upgrade="{2C8E5B17-9D4A-4F63-A1E2-7B0C6D5F8A93}" ;;
    esac
    cat <<WXS
<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="tapi3cc $version ($arch)" Language="1033" Version="$version" Manufacturer="tapi3cc"
           UpgradeCode="$upgrade">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Description="tapi3cc: the TAPI 3 call-center COM objects" Comments="MIT license"/>
    <Media Id="1" Cabinet="tapi3cc.cab" EmbedCab="yes"/>
    <Property Id="PROVIDERS"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
WXS
    if [ "$arch" = x64 ]; then
        echo '      <Directory Id="ProgramFiles64Folder"><Directory Id="DIR64" Name="tapi3cc">'
        msi_components x64 DIR64 "$stage" "$reg_wxs" | sed 's/^/        /'
        echo '      </Directory></Directory>'
    fi
    echo '      <Directory Id="ProgramFilesFolder"><Directory Id="DIR32" Name="tapi3cc">'
    msi_components x86 DIR32 "$stage" "$reg_wxs" | sed 's/^/        /'
    echo '      </Directory></Directory>'
    echo '    </Directory>'
    echo '    <Feature Id="Complete" Level="1">'
    for a in x64 x86; do
        [ "$arch" = x86 ] && [ "$a" = x64 ] && continue
        for file in "$stage/$a"/*; do
            echo "      <ComponentRef Id=\"c_$(msi_id "$(basename "$file")" "$a")\"/>"
        done
        echo "      <ComponentRef Id=\"c_providers_$a\"/>"
    done
    echo '    </Feature>'
    echo '  </Product>'
    echo '</Wix>'
}
