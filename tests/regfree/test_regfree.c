/*
 * Registration-free COM: run by tests/regfree/run in a Wine prefix of its own in
 * which nothing was ever registered, from a folder that holds this program,
 * tapi3cc.dll, tapi3cc_file_agent.dll and test_regfree.exe.manifest (the manifest
 * the README shows).  Through the manifest alone: the ProgID, CoCreateInstance of
 * CLSID_TAPI and of tapi3cc's own class, IDispatch (the type library, from the DLL
 * itself), a plug-in provider found beside tapi3cc.dll, and events delivered to a
 * single-threaded apartment.
 */
#include "harness.h"

#include <stdio.h>

static LONG session_events;

static void count_event(TAPI_EVENT type, IDispatch *event)
{
    if (type == TE_AGENTSESSION)
        InterlockedIncrement(&session_events);
}

static void assert_not_registered(HKEY root, const WCHAR *path)
{
    HKEY key;

    if (RegOpenKeyExW(root, path, 0, KEY_READ, &key) == ERROR_SUCCESS)
    {
        RegCloseKey(key);
        fail_msg("%ls is in the registry: this prefix is not registration-free", path);
    }
}

/* The object is tapi3cc's TAPI object: it names its event dispinterface (IProvideClassInfo2). */
static void assert_class_is_ours(ITTAPI2 *tapi)
{
    IProvideClassInfo2 *class_info;
    GUID clsid;

    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IProvideClassInfo2, (void **)&class_info));
    assert_hr(S_OK, IProvideClassInfo2_GetGUID(class_info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &clsid));
    assert_true(IsEqualGUID(&clsid, &DIID_ITTAPIDispatchEventNotification));
    IProvideClassInfo2_Release(class_info);
}

/* The first handler whose name starts with `prefix`. */
static ITAgentHandler *handler_named(ITTAPICallCenter *center, const WCHAR *prefix, ULONG *count)
{
    IEnumAgentHandler *handlers;
    ITAgentHandler *handler, *found = NULL;
    BSTR name;

    *count = 0;
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers));
    while (IEnumAgentHandler_Next(handlers, 1, &handler, NULL) == S_OK)
    {
        (*count)++;
        assert_hr(S_OK, ITAgentHandler_get_Name(handler, &name));
        if (!found && !wcsncmp(name, prefix, wcslen(prefix)))
            found = handler;
        else
            ITAgentHandler_Release(handler);
        SysFreeString(name);
    }
    IEnumAgentHandler_Release(handlers);
    assert_non_null(found);
    return found;
}

static void test_registration_free(void **state)
{
    static const CLSID clsid_tapi = { 0x21d6d48e, 0xa88b, 0x11d0, { 0x83, 0xdd, 0x00, 0xaa, 0x00, 0x3c, 0xca, 0xbd } };
    WCHAR providers[MAX_PATH + 64], desk[MAX_PATH];
    LPOLESTR names[] = { (LPOLESTR)L"AgentHandlers" };
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    ITTAPI2 *tapi, *drop_in;
    ITTAPICallCenter *center;
    ITAgentHandler *acd, *file_agent;
    IEnumACDGroup *groups;
    IEnumAddress *addresses;
    ITACDGroup *group;
    ITAddress *address;
    ITAgent *agent;
    ITAgentSession *session;
    ULONG handler_count;
    DISPID dispid = 0;
    DWORD cookie;
    CLSID clsid;
    BSTR id, pin;
    MSG message;

    assert_not_registered(HKEY_CLASSES_ROOT, L"CLSID\\{A18A7375-79F6-4D45-9568-DABF807A96D1}");
    assert_not_registered(HKEY_CLASSES_ROOT, L"Tapi3cc.TAPI");
    assert_not_registered(HKEY_CLASSES_ROOT, L"TypeLib\\{AB8E11FE-212B-4FAA-AC47-B38BA3AEB390}");
    assert_not_registered(HKEY_LOCAL_MACHINE, L"Software\\tapi3cc");
    assert_not_registered(HKEY_CURRENT_USER, L"Software\\tapi3cc");

    /* The ProgID and both classes, from the manifest. */
    /* (Wine answers a manifest's ProgID with an alias of the class's CLSID, which
     * CoCreateInstance takes as the class itself.) */
    assert_hr(S_OK, CLSIDFromProgID(L"Tapi3cc.TAPI", &clsid));
    assert_hr(S_OK, CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI2, (void **)&drop_in));
    assert_class_is_ours(drop_in);
    ITTAPI2_Release(drop_in);
    assert_hr(S_OK, CoCreateInstance(&clsid_tapi, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI2, (void **)&drop_in));
    assert_class_is_ours(drop_in);
    ITTAPI2_Release(drop_in);
    assert_hr(S_OK, CoCreateInstance(&CLSID_Tapi3cc, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI2, (void **)&tapi));

    /* Late binding: the type library comes from the DLL's resources. */
    assert_hr(S_OK, ITTAPI2_GetIDsOfNames(tapi, &IID_NULL, names, 1, LOCALE_USER_DEFAULT, &dispid));
    assert_int_equal(0x00020002, dispid);   /* ITTAPICallCenter::AgentHandlers, routed */

    /* The emulator and a plug-in found beside tapi3cc.dll, with no registry. */
    GetModuleFileNameW(NULL, desk, ARRAYSIZE(desk));
    wcscpy(wcsrchr(desk, '\\') + 1, L"desk.txt");
    swprintf(providers, ARRAYSIZE(providers), L"acd:clock=manual;simulate=no|file_agent:file=%ls", desk);
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", providers);
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENTSESSION));
    tcc_test_sink_init(&sink, count_event);
    point = tcc_test_advise(tapi, &sink, &cookie);
    assert_hr(S_OK, ITTAPI2_Initialize(tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
    acd = handler_named(center, L"tapi3cc ACD emulator", &handler_count);
    assert_int_equal(2, handler_count);
    file_agent = handler_named(center, L"File agent: ", &handler_count);

    /* Events reach this single-threaded apartment as it pumps messages. */
    assert_hr(S_OK, ITAgentHandler_EnumerateACDGroups(acd, &groups));
    assert_hr(S_OK, IEnumACDGroup_Next(groups, 1, &group, NULL));
    IEnumACDGroup_Release(groups);
    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(acd, &addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &address, NULL));
    IEnumAddress_Release(addresses);
    id = SysAllocString(L"1001");
    pin = SysAllocString(L"1234");
    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(acd, id, pin, &agent));
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, group, address, pin, &session));
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    SysFreeString(id);
    SysFreeString(pin);
    for (int waited = 0; session_events < 2 && waited < 3000; waited += 10)
    {
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE))
            DispatchMessageW(&message);
        Sleep(10);
    }
    assert_true(session_events >= 2);       /* ASE_NEW_SESSION, ASE_READY */
    printf("regfree: classes, ProgID, type library, a plug-in beside the DLL and %ld events, with nothing "
           "registered\n", session_events);

    tcc_test_unadvise(point, cookie);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    ITAddress_Release(address);
    ITACDGroup_Release(group);
    ITAgentHandler_Release(file_agent);
    ITAgentHandler_Release(acd);
    ITTAPICallCenter_Release(center);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
    assert_not_registered(HKEY_CLASSES_ROOT, L"CLSID\\{A18A7375-79F6-4D45-9568-DABF807A96D1}");
}

static int setup_sta(void **state)
{
    if (FAILED(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return -1;
    tcc_test_dll();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_registration_free),
    };

    return cmocka_run_group_tests_name("regfree", tests, setup_sta, tcc_test_teardown_com);
}
