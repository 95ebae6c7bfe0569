/*
 * Self-registration of a plug-in provider DLL (Windows): its DllRegisterServer and
 * DllUnregisterServer call these, so that `regsvr32 PLUGIN.dll` is all an
 * administrator does.  The key is HKLM\Software\tapi3cc\Providers\NAME, value "Dll"
 * = the module's full path (include/tapi3cc/provider.h, "Plug-ins").
 */
#ifndef TAPI3CC_PLUGIN_REGISTRATION_H
#define TAPI3CC_PLUGIN_REGISTRATION_H

#include <windows.h>

HRESULT tcc_plugin_register(HMODULE module, const WCHAR *name);
/* Removes the key only while it names this module: another copy's stays. */
HRESULT tcc_plugin_unregister(HMODULE module, const WCHAR *name);

#endif
