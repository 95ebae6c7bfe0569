/*
 * Shared helpers for the Windows-side tests.
 */
#include "harness.h"

#include <stdio.h>
#include <wchar.h>

static HMODULE dll;
static WCHAR dll_path[MAX_PATH];

void tcc_test_assert_hr(HRESULT expected, HRESULT actual, const char *what, const char *file, int line)
{
    if (expected != actual)
    {
        fail_msg("%s:%d: %s returned 0x%08lx, expected 0x%08lx", file, line, what,
                 (unsigned long)actual, (unsigned long)expected);
    }
}

const WCHAR *tcc_test_dll_path(void)
{
    WCHAR *slash;

    if (!dll_path[0])
    {
        GetModuleFileNameW(NULL, dll_path, ARRAYSIZE(dll_path));
        slash = wcsrchr(dll_path, '\\');
        wcscpy(slash ? slash + 1 : dll_path, L"tapi3cc.dll");
    }
    return dll_path;
}

HMODULE tcc_test_dll(void)
{
    if (!dll)
    {
        dll = LoadLibraryW(tcc_test_dll_path());
        if (!dll)
            fail_msg("cannot load %ls (error %lu)", tcc_test_dll_path(), GetLastError());
    }
    return dll;
}

void *tcc_test_export(const char *name)
{
    void *function = (void *)GetProcAddress(tcc_test_dll(), name);

    if (!function)
        fail_msg("tapi3cc.dll does not export %s", name);
    return function;
}

HRESULT tcc_test_create(REFCLSID clsid, REFIID riid, void **out)
{
    HRESULT (WINAPI *get_class_object)(REFCLSID, REFIID, void **) = tcc_test_export("DllGetClassObject");
    IClassFactory *factory;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = get_class_object(clsid, &IID_IClassFactory, (void **)&factory)))
        return hr;
    hr = IClassFactory_CreateInstance(factory, NULL, riid, out);
    IClassFactory_Release(factory);
    return hr;
}

int tcc_test_setup_com(void **state)
{
    HRESULT hr = CoInitializeEx(NULL, COINIT_MULTITHREADED);

    if (FAILED(hr))
    {
        fprintf(stderr, "CoInitializeEx failed: 0x%08lx\n", (unsigned long)hr);
        return -1;
    }
    tcc_test_dll();
    return 0;
}

int tcc_test_teardown_com(void **state)
{
    HRESULT (WINAPI *can_unload)(void) = (void *)GetProcAddress(tcc_test_dll(), "DllCanUnloadNow");
    HRESULT hr = can_unload ? can_unload() : E_FAIL;

    CoUninitialize();
    if (hr != S_OK)
    {
        fprintf(stderr, "DllCanUnloadNow returned 0x%08lx at the end: an object was leaked\n",
                (unsigned long)hr);
        return -1;
    }
    printf("DllCanUnloadNow: S_OK (no live objects)\n");
    return 0;
}

BSTR tcc_test_error_description(void)
{
    IErrorInfo *error = NULL;
    BSTR description = NULL;

    if (GetErrorInfo(0, &error) == S_OK && error)
    {
        IErrorInfo_GetDescription(error, &description);
        IErrorInfo_Release(error);
    }
    return description;
}

ULONG tcc_test_refcount(IUnknown *unknown)
{
    IUnknown_AddRef(unknown);
    return IUnknown_Release(unknown);
}

void tcc_test_assert_error_mentions(const WCHAR *text, const char *file, int line)
{
    BSTR description = tcc_test_error_description();

    if (!description)
        _fail(file, line);
    if (!wcsstr(description, text))
    {
        print_error("%s:%d: error description \"%ls\" does not mention \"%ls\"\n", file, line, description, text);
        SysFreeString(description);
        _fail(file, line);
    }
    SysFreeString(description);
}

/* The emulator on a manual clock that starts at TCC_TEST_T0, without simulated
 * traffic, so that every statistic is exact. */
void tcc_test_use_manual_emulator(void)
{
    WCHAR value[128];

    swprintf(value, ARRAYSIZE(value), L"acd:clock=manual;start=%lld;simulate=no", (long long)TCC_TEST_T0);
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", value);
}

DWORD tcc_test_regsvr32(const WCHAR *options, const WCHAR *dll)
{
    WCHAR command[2 * MAX_PATH];
    STARTUPINFOW startup = { sizeof(startup) };
    PROCESS_INFORMATION process;
    DWORD code = 0xffffffff;

    _snwprintf(command, ARRAYSIZE(command), L"regsvr32.exe /s %ls \"%ls\"", options, dll);
    command[ARRAYSIZE(command) - 1] = 0;
    if (!CreateProcessW(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process))
        fail_msg("cannot run %ls (error %lu)", command, GetLastError());
    WaitForSingleObject(process.hProcess, INFINITE);
    GetExitCodeProcess(process.hProcess, &code);
    CloseHandle(process.hProcess);
    CloseHandle(process.hThread);
    return code;
}

ITAgentHandler *tcc_test_first_handler(ITTAPI2 *tapi)
{
    ITTAPICallCenter *center;
    IEnumAgentHandler *handlers;
    ITAgentHandler *handler;

    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers));
    assert_hr(S_OK, IEnumAgentHandler_Next(handlers, 1, &handler, NULL));
    IEnumAgentHandler_Release(handlers);
    ITTAPICallCenter_Release(center);
    return handler;
}

void tcc_test_register_plugin(const WCHAR *name)
{
    WCHAR path[MAX_PATH], key[128], *slash;

    GetModuleFileNameW(NULL, path, ARRAYSIZE(path));
    slash = wcsrchr(path, '\\');
    wcscpy(slash + 1, L"tcc_test_plugin.dll");
    swprintf(key, ARRAYSIZE(key), L"Software\\tapi3cc\\Providers\\%ls", name);
    assert_int_equal(ERROR_SUCCESS, RegSetKeyValueW(HKEY_CURRENT_USER, key, L"Dll", REG_SZ, path,
                                                    (DWORD)((wcslen(path) + 1) * sizeof(WCHAR))));
}

void tcc_test_unregister_plugin(const WCHAR *name)
{
    WCHAR key[128];

    swprintf(key, ARRAYSIZE(key), L"Software\\tapi3cc\\Providers\\%ls", name);
    RegDeleteKeyW(HKEY_CURRENT_USER, key);
}

HRESULT tcc_test_control(ITAgentHandler *handler, DWORD operation, void *argument, DWORD argument_size)
{
    ITapi3ccProviderControl *control;
    HRESULT hr;

    if (FAILED(hr = ITAgentHandler_QueryInterface(handler, &IID_ITapi3ccProviderControl, (void **)&control)))
        return hr;
    hr = ITapi3ccProviderControl_Control(control, operation, argument, argument_size);
    ITapi3ccProviderControl_Release(control);
    return hr;
}

HRESULT tcc_test_set_time(ITAgentHandler *handler, LONGLONG unix_time)
{
    struct tcc_acd_set_time argument = { unix_time };
    return tcc_test_control(handler, TCC_ACD_CONTROL_SET_TIME, &argument, sizeof(argument));
}

HRESULT tcc_test_inject_call(ITAgentHandler *handler, DWORD queue_id, DWORD talk, DWORD wrapup, DWORD patience)
{
    struct tcc_acd_inject_call argument = { queue_id, talk, wrapup, patience };
    return tcc_test_control(handler, TCC_ACD_CONTROL_INJECT_CALL, &argument, sizeof(argument));
}

HRESULT tcc_test_raise_status(ITAgentHandler *handler, DWORD message, DWORD param1, DWORD param2, DWORD param3)
{
    struct tcc_acd_raise_status argument = { message, param1, param2, param3 };
    return tcc_test_control(handler, TCC_ACD_CONTROL_RAISE_STATUS, &argument, sizeof(argument));
}

HRESULT tcc_test_set_link(ITAgentHandler *handler, DWORD state)
{
    struct tcc_acd_set_link argument = { state };
    return tcc_test_control(handler, TCC_ACD_CONTROL_SET_LINK, &argument, sizeof(argument));
}

static HRESULT WINAPI test_sink_QueryInterface(ITTAPIEventNotification *iface, REFIID riid, void **out)
{
    *out = NULL;
    if (!IsEqualIID(riid, &IID_IUnknown) && !IsEqualIID(riid, &IID_ITTAPIEventNotification))
        return E_NOINTERFACE;
    *out = iface;
    return S_OK;
}

/* The sink lives as long as the test: its count is not kept. */
static ULONG WINAPI test_sink_AddRef(ITTAPIEventNotification *iface)
{
    return 2;
}

static ULONG WINAPI test_sink_Release(ITTAPIEventNotification *iface)
{
    return 1;
}

static HRESULT WINAPI test_sink_Event(ITTAPIEventNotification *iface, TAPI_EVENT type, IDispatch *event)
{
    struct tcc_test_sink *sink = CONTAINING_RECORD(iface, struct tcc_test_sink, ITTAPIEventNotification_iface);

    sink->on_event(type, event);
    return S_OK;
}

static const ITTAPIEventNotificationVtbl test_sink_vtbl =
{
    test_sink_QueryInterface, test_sink_AddRef, test_sink_Release, test_sink_Event,
};

void tcc_test_sink_init(struct tcc_test_sink *sink, void (*on_event)(TAPI_EVENT type, IDispatch *event))
{
    sink->ITTAPIEventNotification_iface.lpVtbl = &test_sink_vtbl;
    sink->on_event = on_event;
}

IConnectionPoint *tcc_test_advise(ITTAPI2 *tapi, struct tcc_test_sink *sink, DWORD *cookie)
{
    IConnectionPointContainer *container;
    IConnectionPoint *point;

    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IConnectionPointContainer, (void **)&container));
    assert_hr(S_OK, IConnectionPointContainer_FindConnectionPoint(container, &IID_ITTAPIEventNotification, &point));
    IConnectionPointContainer_Release(container);
    assert_hr(S_OK, IConnectionPoint_Advise(point, (IUnknown *)&sink->ITTAPIEventNotification_iface, cookie));
    return point;
}

void tcc_test_unadvise(IConnectionPoint *point, DWORD cookie)
{
    assert_hr(S_OK, IConnectionPoint_Unadvise(point, cookie));
    IConnectionPoint_Release(point);
}
