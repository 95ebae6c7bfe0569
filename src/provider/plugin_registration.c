/*
 * Self-registration of plug-in provider DLLs (see plugin_registration.h).
 */
#include "plugin_registration.h"

#include <stdio.h>

static BOOL key_of(const WCHAR *name, WCHAR *key, size_t size)
{
    int length = _snwprintf(key, size, L"Software\\tapi3cc\\Providers\\%ls", name);
    return length > 0 && (size_t)length < size;
}

static DWORD module_path(HMODULE module, WCHAR *path, DWORD size)
{
    DWORD length = GetModuleFileNameW(module, path, size);
    return length < size ? length : 0;
}

HRESULT tcc_plugin_register(HMODULE module, const WCHAR *name)
{
    WCHAR path[MAX_PATH], key[200] = { 0 };
    DWORD length = module_path(module, path, MAX_PATH);

    if (!length || !key_of(name, key, ARRAYSIZE(key)))
        return E_FAIL;
    return HRESULT_FROM_WIN32(RegSetKeyValueW(HKEY_LOCAL_MACHINE, key, L"Dll", REG_SZ, path,
                                              (length + 1) * sizeof(WCHAR)));
}

HRESULT tcc_plugin_unregister(HMODULE module, const WCHAR *name)
{
    WCHAR path[MAX_PATH], registered[MAX_PATH], key[200] = { 0 };
    DWORD size = sizeof(registered);
    LSTATUS status;

    if (!module_path(module, path, MAX_PATH) || !key_of(name, key, ARRAYSIZE(key)))
        return E_FAIL;
    status = RegGetValueW(HKEY_LOCAL_MACHINE, key, L"Dll", RRF_RT_REG_SZ, NULL, registered, &size);
    if (status == ERROR_FILE_NOT_FOUND)
        return S_OK;    /* nothing registered: nothing to undo */
    if (status != ERROR_SUCCESS)
        return HRESULT_FROM_WIN32(status);
    if (_wcsicmp(registered, path))
        return S_OK;    /* another copy's registration: leave it */
    return HRESULT_FROM_WIN32(RegDeleteKeyW(HKEY_LOCAL_MACHINE, key));
}
