/*
 * The trace (TAPI3CC_TRACE): one run through a plug-in provider with a sink
 * connected, an agent and a session with a PIN, a state change, and a login with a
 * wrong PIN.  The trace must then hold every kind of line (the plug-in's load, the
 * provider's own line, requests with arguments, result and duration, a failed
 * request's LINEERR, status messages, events handed to the sink), each with a
 * timestamp and thread ID, and neither PIN.
 *
 * The trace is decided once per process, so this test has a program of its own.
 */
#include "object_fixture.h"

#include <stdio.h>
#include <stdlib.h>

#define RIGHT_PIN L"Kq7secretPIN"
#define WRONG_PIN L"Zx4wrongPIN"

static const char topology[] =
    "[system]\nname = Trace ACD\nguid = {6C1D8D2A-3E57-4C58-9B2F-0A7E5D1C4B99}\nsimulate = no\n"
    "[group:Sales]\nguid = {1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C91}\n"
    "[group:Support]\nguid = {1B2C3D4E-0002-4A5B-8C9D-0E1F2A3B4C92}\n"
    "[queue:Sales Inbound]\nid = 1\ngroup = Sales\n"
    "[address:Agent line 1]\nline_id = 0\naddress_id = 0\ndialable = 2001\n"
    "[address:Agent line 2]\nline_id = 1\naddress_id = 0\ndialable = 2002\n"
    "[agent:Alice]\nid = 1001\npin = Kq7secretPIN\n";

static WCHAR trace_path[MAX_PATH], topology_path[MAX_PATH];
static LONG session_events;

static void count_event(TAPI_EVENT type, IDispatch *event)
{
    if (type == TE_AGENTSESSION)
        InterlockedIncrement(&session_events);
}

static char *read_all(const WCHAR *path)
{
    FILE *file = _wfopen(path, L"rb");
    char *text;
    long size;

    assert_non_null(file);
    fseek(file, 0, SEEK_END);
    size = ftell(file);
    fseek(file, 0, SEEK_SET);
    text = calloc(1, size + 1);
    assert_int_equal(size, fread(text, 1, size, file));
    fclose(file);
    return text;
}

/* Every line: "YYYY-MM-DDTHH:MM:SS.mmmZ [thread] text". */
static void assert_line_format(const char *text)
{
    for (const char *line = text; *line; line = strchr(line, '\n') + 1)
    {
        unsigned year, month, day, hour, minute, second, milli, thread;
        int used = 0;

        if (sscanf(line, "%4u-%2u-%2uT%2u:%2u:%2u.%3uZ [%u] %n", &year, &month, &day, &hour, &minute, &second,
                   &milli, &thread, &used) != 8 || !used || !thread)
            fail_msg("a trace line without its timestamp and thread: %.80s", line);
        if (!strchr(line, '\n'))
            fail_msg("the last trace line has no newline");
    }
}

static void assert_has(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("the trace has no \"%s\":\n%s", needle, text);
}

static void test_trace_holds_every_kind_of_line_and_no_pin(void **state)
{
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    struct fixture f;
    ITTAPI2 *tapi;
    ITAgent *agent, *intruder = NULL;
    ITAgentSession *session;
    WCHAR providers[MAX_PATH + 64];
    BSTR id, wrong;
    AGENT_SESSION_STATE session_state;
    ITAddress *address;
    BSTR name;
    DWORD cookie;
    char *text, pin[32];

    swprintf(providers, ARRAYSIZE(providers), L"testplugin:clock=manual;start=%lld;file=%ls",
             (long long)TCC_TEST_T0, topology_path);
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", providers);
    tcc_test_sink_init(&sink, count_event);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENTSESSION | TE_AGENT));
    point = tcc_test_advise(tapi, &sink, &cookie);
    fixture_initialize(&f, tapi);
    agent = fixture_agent(&f, L"1001", RIGHT_PIN);
    session = fixture_session(&f, agent, f.sales, f.line1, RIGHT_PIN);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_READY, session_state);
    id = SysAllocString(L"1001");
    wrong = SysAllocString(WRONG_PIN);
    assert_hr(TAPI_E_CALLCENTER_INVALPASSWORD, ITAgentHandler_CreateAgentWithID(f.handler, id, wrong, &intruder));
    SysFreeString(id);
    SysFreeString(wrong);
    for (int waited = 0; session_events < 2 && waited < 2000; waited += 10)
        Sleep(10);
    assert_true(session_events >= 2);               /* ASE_NEW_SESSION, ASE_READY */
    tcc_test_unadvise(point, cookie);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    address = f.line1;
    ITAddress_AddRef(address);
    fixture_close(&f);
    /* After Shutdown the traced table is gone; the provider's name is still there. */
    assert_hr(S_OK, ITAddress_get_ServiceProviderName(address, &name));
    assert_bstr(L"testplugin", name);
    SysFreeString(name);
    ITAddress_Release(address);

    text = read_all(trace_path);
    assert_line_format(text);
    assert_has(text, "plug-in 'testplugin' loaded from ");
    assert_has(text, "provider testplugin: opened");
    assert_has(text, "request testplugin.open(\"clock=manual;");
    assert_has(text, "request testplugin.create_agent(id 1001, PIN (given), user ");
    assert_has(text, "request testplugin.create_agent_session(hAgent ");
    assert_has(text, "request testplugin.set_agent_session_state(hAgentSession ");
    assert_has(text, "request testplugin.get_agent_session_info(hAgentSession ");
    assert_has(text, "= LINEERR 0x80000059 in ");       /* the wrong PIN */
    assert_has(text, " us\n");
    assert_has(text, "status testplugin.LINE_AGENTSESSIONSTATUS(27: ");
    assert_has(text, "event TE_AGENTSESSION (0x400) handed to sink ");
    assert_has(text, "request testplugin.close");
    WideCharToMultiByte(CP_UTF8, 0, RIGHT_PIN, -1, pin, sizeof(pin), NULL, NULL);
    if (strstr(text, pin))
        fail_msg("the right PIN is in the trace");
    WideCharToMultiByte(CP_UTF8, 0, WRONG_PIN, -1, pin, sizeof(pin), NULL, NULL);
    if (strstr(text, pin))
        fail_msg("the wrong PIN is in the trace");
    printf("trace: %u bytes, every kind of line, no PIN\n", (unsigned)strlen(text));
    free(text);
}

static int setup(void **state)
{
    FILE *file;

    tcc_test_register_plugin(L"testplugin");
    file = _wfopen(topology_path, L"wb");
    assert_non_null(file);
    fputs(topology, file);
    fclose(file);
    return 0;
}

static int teardown(void **state)
{
    tcc_test_unregister_plugin(L"testplugin");
    DeleteFileW(topology_path);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test_setup_teardown(test_trace_holds_every_kind_of_line_and_no_pin, setup, teardown),
    };
    WCHAR directory[MAX_PATH];

    /* Before the DLL first asks whether to trace. */
    GetTempPathW(ARRAYSIZE(directory), directory);
    swprintf(trace_path, ARRAYSIZE(trace_path), L"%lstapi3cc_test_trace_%lu.log", directory, GetCurrentProcessId());
    swprintf(topology_path, ARRAYSIZE(topology_path), L"%lstapi3cc_test_trace_%lu.ini", directory,
             GetCurrentProcessId());
    DeleteFileW(trace_path);
    SetEnvironmentVariableW(L"TAPI3CC_TRACE", trace_path);
    return cmocka_run_group_tests_name("trace", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
