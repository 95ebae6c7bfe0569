/*
 * A TAPI 3 client as people write them, compiled against MinGW's own <tapi3.h>
 * (not tapi3cc's header): it finds the class through its ProgID, creates the TAPI
 * object, calls it through the vtable and late-bound through IDispatch, and shows
 * the IErrorInfo text of a member tapi3cc does not support.
 *
 * usage: create_tapi [ProgID]     (default Tapi3cc.TAPI; TAPI.TAPI when drop-in)
 */
#define COBJMACROS
#include <windows.h>
#include <tapi3.h>
#include <stdio.h>

static void show(const char *what, HRESULT hr)
{
    printf("  %-44s 0x%08lx%s\n", what, (unsigned long)hr, SUCCEEDED(hr) ? " (ok)" : "");
}

static void show_error_info(void)
{
    IErrorInfo *error;
    BSTR description = NULL;

    if (GetErrorInfo(0, &error) == S_OK)
    {
        IErrorInfo_GetDescription(error, &description);
        printf("  IErrorInfo: %ls\n", description ? description : L"(none)");
        SysFreeString(description);
        IErrorInfo_Release(error);
    }
}

int main(int argc, char **argv)
{
    const char *progid = argc > 1 ? argv[1] : "Tapi3cc.TAPI";
    WCHAR wide_progid[128], clsid_text[40];
    LPOLESTR name = (LPOLESTR)L"EventFilter";
    DISPPARAMS no_args = { 0 };
    ITTAPI *tapi;
    VARIANT result, hubs;
    CLSID clsid;
    DISPID id;
    LONG mask = 0;
    HRESULT hr;
    int status = 1;

    MultiByteToWideChar(CP_ACP, 0, progid, -1, wide_progid, ARRAYSIZE(wide_progid));
    if (FAILED(hr = CoInitializeEx(NULL, COINIT_MULTITHREADED)))
        return 1;

    printf("C client (compiled against MinGW's tapi3.h)\n");
    if (FAILED(hr = CLSIDFromProgID(wide_progid, &clsid)))
    {
        printf("  %s is not registered (0x%08lx): run regsvr32 tapi3cc.dll first\n", progid, (unsigned long)hr);
        goto done;
    }
    StringFromGUID2(&clsid, clsid_text, ARRAYSIZE(clsid_text));
    printf("  ProgID %s -> CLSID %ls\n", progid, clsid_text);

    hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI, (void **)&tapi);
    show("CoCreateInstance(IID_ITTAPI)", hr);
    if (FAILED(hr))
        goto done;

    show("ITTAPI::Initialize", ITTAPI_Initialize(tapi));
    show("ITTAPI::put_EventFilter(TE_AGENT|TE_AGENTSESSION)",
         ITTAPI_put_EventFilter(tapi, TE_AGENT | TE_AGENTSESSION));
    show("ITTAPI::get_EventFilter", ITTAPI_get_EventFilter(tapi, &mask));
    printf("  event filter (vtable):     0x%lx\n", (unsigned long)mask);

    /* The same property late-bound, the way a script reaches it. */
    hr = ITTAPI_GetIDsOfNames(tapi, &IID_NULL, &name, 1, 0, &id);
    show("IDispatch::GetIDsOfNames(\"EventFilter\")", hr);
    VariantInit(&result);
    if (SUCCEEDED(hr))
        hr = ITTAPI_Invoke(tapi, id, &IID_NULL, 0, DISPATCH_PROPERTYGET, &no_args, &result, NULL, NULL);
    show("IDispatch::Invoke(EventFilter)", hr);
    printf("  event filter (IDispatch):  DISPID 0x%lx = 0x%lx\n", (unsigned long)id, (unsigned long)V_I4(&result));

    /* Call control is not part of tapi3cc: a documented error with a message. */
    VariantInit(&hubs);
    show("ITTAPI::get_CallHubs", ITTAPI_get_CallHubs(tapi, &hubs));
    show_error_info();

    show("ITTAPI::Shutdown", ITTAPI_Shutdown(tapi));
    ITTAPI_Release(tapi);
    status = 0;

done:
    CoUninitialize();
    return status;
}
