/*
 * Plug-in providers (tcc_test_plugin.dll, registered under
 * HKCU\Software\tapi3cc\Providers\testplugin): loaded by name, refused with a
 * message naming the DLL and the cause when the table is too new, malformed or
 * missing; contract versions 2 and 3 (open_ex, app data, control through
 * ITapi3ccProviderControl); a plug-in found beside tapi3cc.dll without the registry;
 * built-in names win; and, through the plug-in, two edges of the object
 * layer: a handler name longer than any first guess of lineGetAgentCaps' size, and
 * a new session's event delivered on a thread of the provider's own before the
 * request returns.
 */
#include "object_fixture.h"

#include <stdio.h>

#include "tapi3cc/provider.h"

#define PLUGIN_KEY L"Software\\tapi3cc\\Providers\\testplugin"

static int setup(void **state)
{
    tcc_test_register_plugin(L"testplugin");
    return 0;
}

static int teardown(void **state)
{
    tcc_test_unregister_plugin(L"testplugin");
    SetEnvironmentVariableW(L"TCC_TEST_PLUGIN_TABLE", NULL);
    return 0;
}

static ITTAPI2 *initialized_tapi(const WCHAR *providers, HRESULT expected)
{
    ITTAPI2 *tapi;

    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", providers);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(expected, ITTAPI2_Initialize(tapi));
    return tapi;
}

/* Loaded by name; lineGetAgentCaps needs 6,024 bytes here, more than the 4,096 the
 * handler asked for first. */
static void test_loaded_by_name_long_caps(void **state)
{
    ITTAPI2 *tapi = initialized_tapi(L"testplugin:plugin_name_length=3000;clock=manual;simulate=no", S_OK);
    ITAgentHandler *handler = tcc_test_first_handler(tapi);
    BSTR name;

    assert_hr(S_OK, ITAgentHandler_get_Name(handler, &name));
    assert_int_equal(3000, SysStringLen(name));
    assert_memory_equal(L"Plug-in ACDxx", name, 13 * sizeof(WCHAR));
    SysFreeString(name);
    ITAgentHandler_Release(handler);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
}

static void expect_refusal(const WCHAR *table, const WCHAR *cause)
{
    ITTAPI2 *tapi;
    BSTR text;

    SetEnvironmentVariableW(L"TCC_TEST_PLUGIN_TABLE", table);
    tapi = initialized_tapi(L"testplugin", E_INVALIDARG);
    text = tcc_test_error_description();
    if (!text || !wcsstr(text, L"tcc_test_plugin.dll") || !wcsstr(text, cause) || !wcsstr(text, L"'testplugin'"))
        fail_msg("the refusal should name the plug-in, its DLL and \"%ls\": %ls", cause, text ? text : L"(none)");
    SysFreeString(text);
    ITTAPI2_Release(tapi);
    SetEnvironmentVariableW(L"TCC_TEST_PLUGIN_TABLE", NULL);
}

static void test_refused_tables(void **state)
{
    WCHAR too_new[64];

    swprintf(too_new, ARRAYSIZE(too_new), L"asks for provider contract version %d", TCC_PROVIDER_VERSION + 1);
    expect_refusal(L"too_new", too_new);
    expect_refusal(L"malformed", L"member 'get_queue_info' is missing");
    expect_refusal(L"none", L"returned no provider table");
}

/* Version 3 (open_ex given its table's app data, control forwarded) and a DLL built
 * against the version 2 header (open, no control) both work with this host. */
static void test_contract_versions_and_control(void **state)
{
    struct tcc_acd_set_time set_time = { TCC_TEST_T0 + 60 };
    ITTAPI2 *tapi = initialized_tapi(L"testplugin:clock=manual;simulate=no", S_OK);
    ITAgentHandler *handler = tcc_test_first_handler(tapi);
    ITapi3ccProviderControl *control;
    BSTR text;

    assert_hr(S_OK, ITAgentHandler_QueryInterface(handler, &IID_ITapi3ccProviderControl, (void **)&control));
    assert_hr(S_OK, ITapi3ccProviderControl_Control(control, TCC_ACD_CONTROL_SET_TIME, &set_time, sizeof(set_time)));
    assert_hr(TCC_LINEERR_INVALPARAM, ITapi3ccProviderControl_Control(control, TCC_ACD_CONTROL_SET_TIME, &set_time, 4));
    assert_hr(TCC_LINEERR_OPERATIONUNAVAIL, ITapi3ccProviderControl_Control(control, 0x12345678, NULL, 0));
    text = tcc_test_error_description();
    if (!text || !wcsstr(text, L"ITapi3ccProviderControl::Control") || !wcsstr(text, L"does not offer"))
        fail_msg("an unknown operation should say so: %ls", text ? text : L"(none)");
    SysFreeString(text);
    assert_hr(E_POINTER, ITapi3ccProviderControl_Control(control, TCC_ACD_CONTROL_SET_TIME, NULL, 8));
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    assert_hr(TAPI_E_NOT_INITIALIZED,
              ITapi3ccProviderControl_Control(control, TCC_ACD_CONTROL_SET_TIME, &set_time, sizeof(set_time)));
    ITapi3ccProviderControl_Release(control);
    ITAgentHandler_Release(handler);
    ITTAPI2_Release(tapi);

    SetEnvironmentVariableW(L"TCC_TEST_PLUGIN_TABLE", L"v2");
    tapi = initialized_tapi(L"testplugin:clock=manual;simulate=no", S_OK);
    handler = tcc_test_first_handler(tapi);
    assert_hr(S_OK, ITAgentHandler_QueryInterface(handler, &IID_ITapi3ccProviderControl, (void **)&control));
    assert_hr(TCC_LINEERR_OPERATIONUNAVAIL,
              ITapi3ccProviderControl_Control(control, TCC_ACD_CONTROL_SET_TIME, &set_time, sizeof(set_time)));
    ITapi3ccProviderControl_Release(control);
    ITAgentHandler_Release(handler);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
}

/* With nothing registered, tapi3cc_NAME.dll beside tapi3cc.dll is the plug-in NAME
 * (registration-free deployment). */
static void test_found_beside_the_dll(void **state)
{
    WCHAR source[MAX_PATH], target[MAX_PATH], *slash;
    ITTAPI2 *tapi;
    ITAgentHandler *handler;
    BSTR name;

    GetModuleFileNameW(NULL, source, ARRAYSIZE(source));
    slash = wcsrchr(source, '\\');
    wcscpy(slash + 1, L"tcc_test_plugin.dll");
    wcscpy(target, source);
    wcscpy(wcsrchr(target, '\\') + 1, L"tapi3cc_besideplugin.dll");
    assert_true(CopyFileW(source, target, FALSE));
    tapi = initialized_tapi(L"besideplugin:clock=manual;simulate=no", S_OK);
    handler = tcc_test_first_handler(tapi);
    assert_hr(S_OK, ITAgentHandler_get_Name(handler, &name));
    assert_true(SysStringLen(name) > 0);
    SysFreeString(name);
    ITAgentHandler_Release(handler);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
    assert_true(DeleteFileW(target));
    /* Gone from the folder and not registered: an unknown name. */
    tapi = initialized_tapi(L"besideplugin", E_INVALIDARG);
    assert_error_mentions(L"no provider is called 'besideplugin'");
    ITTAPI2_Release(tapi);
}

static void test_unknown_and_builtin_names(void **state)
{
    ITTAPI2 *tapi = initialized_tapi(L"nosuchprovider", E_INVALIDARG);
    ITAgentHandler *handler;
    BSTR text = tcc_test_error_description(), name;

    if (!text || !wcsstr(text, L"no provider is called 'nosuchprovider'"))
        fail_msg("unexpected message: %ls", text ? text : L"(none)");
    SysFreeString(text);
    ITTAPI2_Release(tapi);

    /* A plug-in registered as "acd" does not replace the built-in emulator. */
    tcc_test_register_plugin(L"acd");
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", L"acd:plugin_name_length=40;clock=manual;simulate=no");
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    /* The plug-in would take this key; the built-in emulator refuses it. */
    assert_true(FAILED(ITTAPI2_Initialize(tapi)));
    ITTAPI2_Release(tapi);
    tapi = initialized_tapi(L"acd:clock=manual;simulate=no", S_OK);
    handler = tcc_test_first_handler(tapi);
    assert_hr(S_OK, ITAgentHandler_get_Name(handler, &name));
    assert_null(wcsstr(name, L"Plug-in"));
    SysFreeString(name);
    ITAgentHandler_Release(handler);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
    tcc_test_unregister_plugin(L"acd");
}

/* The provider delivers NEWSESSION on a thread of its own, then answers the request
 * 200 ms later: the event must wait for the session object, not be dropped. */
static volatile LONG new_sessions;
static ITAgentSession *volatile announced;

static void record(TAPI_EVENT type, IDispatch *event)
{
    ITAgentSessionEvent *session_event;
    AGENT_SESSION_EVENT value;

    if (type == TE_AGENTSESSION &&
        SUCCEEDED(IDispatch_QueryInterface(event, &IID_ITAgentSessionEvent, (void **)&session_event)))
    {
        ITAgentSession *session;

        if (SUCCEEDED(ITAgentSessionEvent_get_Event(session_event, &value)) && value == ASE_NEW_SESSION &&
            SUCCEEDED(ITAgentSessionEvent_get_Session(session_event, &session)))
        {
            announced = session;
            ITAgentSession_Release(session);
            InterlockedIncrement(&new_sessions);
        }
        ITAgentSessionEvent_Release(session_event);
    }
}

static void test_event_from_provider_thread(void **state)
{
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    struct fixture f;
    ITTAPI2 *tapi;
    ITAgent *agent;
    ITAgentSession *session;
    DWORD cookie;

    tcc_test_sink_init(&sink, record);
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", L"testplugin:plugin_threaded=1;clock=manual;simulate=no");
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENTSESSION));
    point = tcc_test_advise(tapi, &sink, &cookie);
    fixture_initialize(&f, tapi);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    for (int waited = 0; !new_sessions && waited < 2000; waited += 10)
        Sleep(10);
    assert_int_equal(1, new_sessions);
    assert_ptr_equal(session, announced);

    tcc_test_unadvise(point, cookie);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test_setup_teardown(test_loaded_by_name_long_caps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contract_versions_and_control, setup, teardown),
        cmocka_unit_test_setup_teardown(test_found_beside_the_dll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_and_builtin_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_from_provider_thread, setup, teardown),
    };

    return cmocka_run_group_tests_name("plugins", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
