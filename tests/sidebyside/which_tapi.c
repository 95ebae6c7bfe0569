/*
 * which_tapi [PROVIDERS]: what a client of this bitness gets in a prefix where both
 * tapi3cc.dll are registered (tests/sidebyside): creates Tapi3cc.TAPI by its ProgID,
 * prints the DLL that serves the object (the module its vtable lives in), the type
 * library path the registry gives this bitness, and, with a provider string naming a
 * plug-in, the plug-in DLL tapi3cc loaded (its trace says).  Exit 0 when all of them
 * could be found.
 */
#define COBJMACROS
#include <windows.h>
#include <stdio.h>

#include <tapi3.h>

static const GUID libid = { 0xAB8E11FE, 0x212B, 0x4FAA, { 0xAC, 0x47, 0xB3, 0x8B, 0xA3, 0xAE, 0xB3, 0x90 } };

int main(int argc, char **argv)
{
    WCHAR module_path[MAX_PATH] = L"";
    HMODULE module;
    ITTAPI *tapi;
    BSTR typelib_path = NULL;
    CLSID clsid;
    HRESULT hr;
    int status = 0;

    printf("%d-bit client\n", (int)sizeof(void *) * 8);
    if (argc > 2)
        SetEnvironmentVariableA("TAPI3CC_TRACE", argv[2]);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (FAILED(hr = CLSIDFromProgID(L"Tapi3cc.TAPI", &clsid)) ||
        FAILED(hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI, (void **)&tapi)))
    {
        printf("Tapi3cc.TAPI: not created (0x%08lx)\n", (unsigned long)hr);
        CoUninitialize();
        return 1;
    }
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           (const WCHAR *)tapi->lpVtbl, &module))
        GetModuleFileNameW(module, module_path, MAX_PATH);
    printf("object from: %ls\n", module_path);
    if (SUCCEEDED(hr = QueryPathOfRegTypeLib(&libid, 1, 0, 0, &typelib_path)))
        printf("type library: %ls\n", typelib_path);
    else
    {
        printf("type library: not registered for this bitness (0x%08lx)\n", (unsigned long)hr);
        status = 1;
    }
    SysFreeString(typelib_path);
    if (argc > 1)
    {
        /* A plug-in provider: Initialize loads it (and fails to reach its server). */
        SetEnvironmentVariableA("TAPI3CC_PROVIDERS", argv[1]);
        hr = ITTAPI_Initialize(tapi);
        printf("Initialize with %s: 0x%08lx\n", argv[1], (unsigned long)hr);
        if (SUCCEEDED(hr))
            ITTAPI_Shutdown(tapi);
    }
    ITTAPI_Release(tapi);
    CoUninitialize();
    return status;
}
