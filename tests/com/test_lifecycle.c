/*
 * The TAPI object's lifecycle under pressure (issue 10's smaller faults):
 *   - Initialize and Shutdown racing on two threads never leave an event thread
 *     running over closed handlers;
 *   - a provider list longer than any fixed buffer, in any script, is read whole;
 *   - more handlers than the old fixed limit of 16 all open and all are polled, so
 *     the emulator's time-driven changes reach sinks from the last one too.
 */
#include "object_fixture.h"

#include <stdio.h>
#include <tlhelp32.h>

#define RACE_ROUNDS 300
#define MANY_HANDLERS 20

static ULONG thread_count(void)
{
    THREADENTRY32 entry = { sizeof(entry) };
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    ULONG count = 0;

    if (snapshot == INVALID_HANDLE_VALUE)
        fail_msg("CreateToolhelp32Snapshot failed (%lu)", GetLastError());
    for (BOOL more = Thread32First(snapshot, &entry); more; more = Thread32Next(snapshot, &entry))
        count += entry.th32OwnerProcessID == GetCurrentProcessId();
    CloseHandle(snapshot);
    return count;
}

/* Waits up to a second for the process to have `expected` threads (an ended
 * thread may take a moment to leave the list). */
static BOOL settles_at(ULONG expected)
{
    for (int i = 0; i < 100; i++)
    {
        if (thread_count() == expected)
            return TRUE;
        Sleep(10);
    }
    return FALSE;
}

struct race
{
    ITTAPI2 *tapi;
    HANDLE go;
    LONG delay_us;          /* Shutdown starts this long after Initialize */
};

static void spin_us(LONG us)
{
    LARGE_INTEGER frequency, start, now;

    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&start);
    do
        QueryPerformanceCounter(&now);
    while ((now.QuadPart - start.QuadPart) * 1000000 / frequency.QuadPart < us);
}

static DWORD WINAPI initialize_thread(void *arg)
{
    struct race *race = arg;

    WaitForSingleObject(race->go, INFINITE);
    ITTAPI2_Initialize(race->tapi);
    return 0;
}

static DWORD WINAPI shutdown_thread(void *arg)
{
    struct race *race = arg;

    WaitForSingleObject(race->go, INFINITE);
    spin_us(race->delay_us);
    ITTAPI2_Shutdown(race->tapi);
    return 0;
}

static BOOL initialized(ITTAPI2 *tapi)
{
    IEnumAddress *addresses;

    if (FAILED(ITTAPI2_EnumerateAddresses(tapi, &addresses)))
        return FALSE;
    IEnumAddress_Release(addresses);
    return TRUE;
}

static void test_initialize_shutdown_race(void **state)
{
    LARGE_INTEGER frequency, start, end;
    LONG initialize_us;
    int ended_initialized = 0, ended_shut_down = 0;
    ITTAPI2 *tapi;

    tcc_test_use_manual_emulator();
    /* How long Initialize takes: Shutdown is aimed across that span. */
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&start);
    assert_hr(S_OK, ITTAPI2_Initialize(tapi));
    QueryPerformanceCounter(&end);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
    initialize_us = (LONG)((end.QuadPart - start.QuadPart) * 1000000 / frequency.QuadPart);

    for (int round = 0; round < RACE_ROUNDS; round++)
    {
        struct race race = { NULL, CreateEventW(NULL, TRUE, FALSE, NULL),
                             (LONG)((LONGLONG)initialize_us * 12 / 10 * round / RACE_ROUNDS) };
        HANDLE threads[2];
        ULONG baseline;

        assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&race.tapi));
        baseline = thread_count();
        threads[0] = CreateThread(NULL, 0, initialize_thread, &race, 0, NULL);
        threads[1] = CreateThread(NULL, 0, shutdown_thread, &race, 0, NULL);
        SetEvent(race.go);
        WaitForMultipleObjects(2, threads, TRUE, INFINITE);
        CloseHandle(threads[0]);
        CloseHandle(threads[1]);
        CloseHandle(race.go);
        /* Initialized: one event thread; shut down: none. */
        if (initialized(race.tapi))
        {
            ended_initialized++;
            if (!settles_at(baseline + 1))
                fail_msg("round %d: initialized with %lu threads, expected %lu", round, thread_count(),
                         baseline + 1);
        }
        else
        {
            ended_shut_down++;
            if (!settles_at(baseline))
                fail_msg("round %d: shut down, yet %lu threads are left, expected %lu (an event thread runs "
                         "over closed handlers)", round, thread_count(), baseline);
        }
        assert_hr(S_OK, ITTAPI2_Shutdown(race.tapi));
        ITTAPI2_Release(race.tapi);
    }
    print_message("lifecycle: %d Initialize/Shutdown races (Initialize %ld us): %d ended initialized, "
                  "%d shut down\n", RACE_ROUNDS, initialize_us, ended_initialized, ended_shut_down);
}

/* A provider list of more than 4,096 UTF-8 bytes (and 2,048 characters) is read
 * whole: here a file name of 3,000 non-ASCII characters, which the provider is
 * asked to open, and names in its refusal. */
static void test_long_provider_value(void **state)
{
    static WCHAR value[3100];
    ITTAPI2 *tapi;
    HRESULT hr;
    BSTR text;
    int length;

    length = swprintf(value, ARRAYSIZE(value), L"acd:clock=manual;start=%lld;simulate=no;file=C:\\",
                      (long long)TCC_TEST_T0);
    for (int i = 0; i < 3000; i++)
        value[length++] = 0x00E9;       /* é: two UTF-8 bytes each */
    value[length] = 0;
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", value);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    hr = ITTAPI2_Initialize(tapi);
    text = tcc_test_error_description();
    if (SUCCEEDED(hr))
        fail_msg("Initialize succeeded: the configured value was not read");
    if (!text || !wcsstr(text, L"provider 'acd' did not open"))
        fail_msg("unexpected error 0x%08lx: %ls", (unsigned long)hr, text ? text : L"(none)");
    SysFreeString(text);
    ITTAPI2_Release(tapi);
}

/* Twenty handlers; the last one's session goes to wrap-up only as its simulated
 * clock is brought up to date, which nothing but the event thread's polling does. */
static volatile LONG wrapup_seen;
static ITAgentSession *watched;

static void watch_session(TAPI_EVENT type, IDispatch *event)
{
    ITAgentSessionEvent *session_event;
    ITAgentSession *session;
    AGENT_SESSION_EVENT value;

    if (type != TE_AGENTSESSION ||
        FAILED(IDispatch_QueryInterface(event, &IID_ITAgentSessionEvent, (void **)&session_event)))
        return;
    if (SUCCEEDED(ITAgentSessionEvent_get_Session(session_event, &session)))
    {
        if (SUCCEEDED(ITAgentSessionEvent_get_Event(session_event, &value)) && session == watched &&
            value == ASE_WRAPUP)
            InterlockedExchange(&wrapup_seen, 1);
        ITAgentSession_Release(session);
    }
    ITAgentSessionEvent_Release(session_event);
}

static void test_many_handlers_all_polled(void **state)
{
    static WCHAR value[4096];
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    IEnumAgentHandler *handlers;
    ITAgentHandler *handler[MANY_HANDLERS], *extra;
    IEnumACDGroup *groups;
    IEnumAddress *addresses;
    ITACDGroup *sales;
    ITAddress *line;
    ITAgent *agent;
    ITAgentSession *session;
    ITTAPI2 *tapi;
    BSTR id = SysAllocString(L"1001"), pin = SysAllocString(L"1234");
    DWORD cookie;
    int length = 0;

    for (int i = 0; i < MANY_HANDLERS; i++)
        length += swprintf(value + length, ARRAYSIZE(value) - length, L"%lsacd:clock=manual;start=%lld;simulate=no",
                           i ? L"|" : L"", (long long)TCC_TEST_T0);
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", value);
    tcc_test_sink_init(&sink, watch_session);
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENTSESSION));
    point = tcc_test_advise(tapi, &sink, &cookie);
    assert_hr(S_OK, ITTAPI2_Initialize(tapi));
    {
        ITTAPICallCenter *center;

        assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
        assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers));
        ITTAPICallCenter_Release(center);
    }
    for (int i = 0; i < MANY_HANDLERS; i++)
        assert_hr(S_OK, IEnumAgentHandler_Next(handlers, 1, &handler[i], NULL));
    assert_hr(S_FALSE, IEnumAgentHandler_Next(handlers, 1, &extra, NULL));
    IEnumAgentHandler_Release(handlers);

    /* The last handler: alice READY in Sales, a 10 s call arrives and is answered. */
    assert_hr(S_OK, ITAgentHandler_EnumerateACDGroups(handler[MANY_HANDLERS - 1], &groups));
    assert_hr(S_OK, IEnumACDGroup_Next(groups, 1, &sales, NULL));
    IEnumACDGroup_Release(groups);
    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(handler[MANY_HANDLERS - 1], &addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &line, NULL));
    IEnumAddress_Release(addresses);
    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(handler[MANY_HANDLERS - 1], id, pin, &agent));
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, sales, line, pin, &session));
    watched = session;
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, tcc_test_inject_call(handler[MANY_HANDLERS - 1], 1, 10, 5, 100));
    /* Time moves past the talk; no request of ours follows. */
    assert_hr(S_OK, tcc_test_set_time(handler[MANY_HANDLERS - 1], TCC_TEST_T0 + 11));
    for (int waited = 0; !wrapup_seen && waited < 3000; waited += 10)
        Sleep(10);
    if (!wrapup_seen)
        fail_msg("the session of handler %d never reported wrap-up: its provider is not polled", MANY_HANDLERS);

    tcc_test_unadvise(point, cookie);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    ITAddress_Release(line);
    ITACDGroup_Release(sales);
    for (int i = 0; i < MANY_HANDLERS; i++)
        ITAgentHandler_Release(handler[i]);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    ITTAPI2_Release(tapi);
    SysFreeString(id);
    SysFreeString(pin);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_initialize_shutdown_race),
        cmocka_unit_test(test_long_provider_value),
        cmocka_unit_test(test_many_handlers_all_polled),
    };

    return cmocka_run_group_tests_name("lifecycle", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
