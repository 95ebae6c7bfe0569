/*
 * The example plug-in provider (examples/file_agent, tapi3cc_file_agent.dll) through
 * COM: registered by `regsvr32`, loaded by the name "file_agent", its agent's session
 * following a state file that the test writes as another program would, with an
 * event for each change, statistics from the file's history, a client's change
 * written back to the file, refusals of a wrong ID and PIN; `regsvr32 /u` removes it.
 */
#include "object_fixture.h"

#include <stdio.h>

#define PROVIDER_KEY L"Software\\tapi3cc\\Providers\\file_agent"

static WCHAR state_path[MAX_PATH], dll_path[MAX_PATH];

struct seen
{
    LONG count;
    LONG events[64];
};
static struct seen seen;

static void keep_event(TAPI_EVENT type, IDispatch *event)
{
    ITAgentSessionEvent *session_event;
    AGENT_SESSION_EVENT value;

    if (type != TE_AGENTSESSION ||
        FAILED(IDispatch_QueryInterface(event, &IID_ITAgentSessionEvent, (void **)&session_event)))
        return;
    if (SUCCEEDED(ITAgentSessionEvent_get_Event(session_event, &value)) && seen.count < 64)
        seen.events[InterlockedIncrement(&seen.count) - 1] = value;
    ITAgentSessionEvent_Release(session_event);
}

/* Waits up to two seconds for event `value` after the first `from` events. */
static LONG wait_for_event(LONG from, AGENT_SESSION_EVENT value)
{
    for (int waited = 0; waited < 2000; waited += 10)
    {
        for (LONG i = from; i < seen.count; i++)
            if (seen.events[i] == (LONG)value)
                return i + 1;
        Sleep(10);
    }
    fail_msg("session event %d did not arrive", value);
    return 0;
}

static void write_state(const char *word)
{
    FILE *file = _wfopen(state_path, L"wb");

    assert_non_null(file);
    fprintf(file, "%s\n", word);
    fclose(file);
}

static void assert_file_says(const char *word)
{
    char text[32] = "";
    FILE *file = _wfopen(state_path, L"rb");

    assert_non_null(file);
    fscanf(file, "%31s", text);
    fclose(file);
    assert_string_equal(word, text);
}

static void test_file_agent_through_com(void **state)
{
    WCHAR providers[MAX_PATH + 64], registered[MAX_PATH];
    DWORD size = sizeof(registered), cookie;
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    ITTAPI2 *tapi;
    ITTAPICallCenter *center;
    IEnumAgentHandler *handlers;
    ITAgentHandler *handler;
    IEnumACDGroup *groups;
    IEnumAddress *addresses;
    ITACDGroup *group;
    ITAddress *address;
    ITAgent *agent, *refused = NULL;
    ITAgentSession *session, *second, *third = NULL;
    AGENT_SESSION_STATE session_state;
    AGENT_STATE agent_state;
    LONG calls, talk, next = 0;
    BSTR name, id, pin;

    assert_int_equal(0, tcc_test_regsvr32(L"", dll_path));
    assert_int_equal(ERROR_SUCCESS, RegGetValueW(HKEY_LOCAL_MACHINE, PROVIDER_KEY, L"Dll", RRF_RT_REG_SZ, NULL,
                                                 registered, &size));
    assert_int_equal(0, _wcsicmp(registered, dll_path));

    write_state("loggedout");
    swprintf(providers, ARRAYSIZE(providers), L"file_agent:file=%ls;id=100;pin=4711;address=2101", state_path);
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", providers);
    tcc_test_sink_init(&sink, keep_event);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENTSESSION));
    point = tcc_test_advise(tapi, &sink, &cookie);
    assert_hr(S_OK, ITTAPI2_Initialize(tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers));
    assert_hr(S_OK, IEnumAgentHandler_Next(handlers, 1, &handler, NULL));
    IEnumAgentHandler_Release(handlers);
    assert_hr(S_OK, ITAgentHandler_get_Name(handler, &name));
    assert_non_null(wcsstr(name, L"File agent: "));
    SysFreeString(name);
    assert_hr(S_OK, ITAgentHandler_EnumerateACDGroups(handler, &groups));
    assert_hr(S_OK, IEnumACDGroup_Next(groups, 1, &group, NULL));
    IEnumACDGroup_Release(groups);
    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(handler, &addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &address, NULL));
    IEnumAddress_Release(addresses);
    assert_hr(S_OK, ITAddress_get_DialableAddress(address, &name));
    assert_bstr(L"2101", name);
    SysFreeString(name);

    /* Its one agent, by ID and PIN. */
    id = SysAllocString(L"101");
    pin = SysAllocString(L"4711");
    assert_hr(TAPI_E_CALLCENTER_INVALAGENTID, ITAgentHandler_CreateAgentWithID(handler, id, pin, &refused));
    SysFreeString(id);
    SysFreeString(pin);
    id = SysAllocString(L"100");
    pin = SysAllocString(L"0000");
    assert_hr(TAPI_E_CALLCENTER_INVALPASSWORD, ITAgentHandler_CreateAgentWithID(handler, id, pin, &refused));
    SysFreeString(pin);
    pin = SysAllocString(L"4711");
    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(handler, id, pin, &agent));
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, group, address, pin, &session));
    SysFreeString(id);
    assert_file_says("notready");
    next = wait_for_event(next, ASE_NEW_SESSION);

    /* Another program writes the file: the session follows, with events. */
    write_state("ready");
    next = wait_for_event(next, ASE_READY);
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_READY, session_state);
    assert_hr(S_OK, ITAgent_get_State(agent, &agent_state));
    assert_int_equal(AS_READY, agent_state);
    write_state("busy");
    next = wait_for_event(next, ASE_BUSY);
    Sleep(1100);
    write_state("wrapup");
    next = wait_for_event(next, ASE_WRAPUP);
    write_state("ready");
    next = wait_for_event(next, ASE_READY);
    assert_hr(S_OK, ITAgentSession_get_NumberOfCalls(session, &calls));
    assert_int_equal(1, calls);
    assert_hr(S_OK, ITAgentSession_get_TotalTalkTime(session, &talk));
    assert_true(talk >= 1);
    write_state("dancing");        /* no state word: ignored */
    Sleep(400);
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_READY, session_state);

    /* The client's change goes to the file. */
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_NOT_READY));
    assert_file_says("notready");
    next = wait_for_event(next, ASE_NOT_READY);

    /* Logged out at the desk: the session ends; a new login is a new session. */
    write_state("loggedout");
    next = wait_for_event(next, ASE_END);
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_SESSION_ENDED, session_state);
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, group, address, pin, &second));
    assert_ptr_not_equal(session, second);
    /* One desk, one session at a time. */
    assert_hr(TCC_LINEERR_INVALAGENTSESSIONSTATE, ITAgent_CreateSessionWithPIN(agent, group, address, pin, &third));
    assert_null(third);
    SysFreeString(pin);

    tcc_test_unadvise(point, cookie);
    ITAgentSession_Release(second);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    ITAddress_Release(address);
    ITACDGroup_Release(group);
    ITAgentHandler_Release(handler);
    ITTAPICallCenter_Release(center);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);

    assert_int_equal(0, tcc_test_regsvr32(L"/u", dll_path));
    size = sizeof(registered);
    assert_int_equal(ERROR_FILE_NOT_FOUND, RegGetValueW(HKEY_LOCAL_MACHINE, PROVIDER_KEY, L"Dll", RRF_RT_REG_SZ, NULL,
                                                        registered, &size));
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_file_agent_through_com),
    };

    GetModuleFileNameW(NULL, dll_path, ARRAYSIZE(dll_path));
    wcscpy(state_path, dll_path);
    wcscpy(wcsrchr(dll_path, '\\') + 1, L"tapi3cc_file_agent.dll");
    wcscpy(wcsrchr(state_path, '\\') + 1, L"test_file_agent_desk.txt");
    return cmocka_run_group_tests_name("file_agent", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
