/*
 * Concurrency soak: 8 threads of the multithreaded apartment for a bounded time
 * (TAPI3CC_SOAK_SECONDS, default 10) on one TAPI object while the emulator's
 * simulator runs: wallboard reads, session state changes, agents and sessions made
 * and ended, enumerations, Advise/Unadvise of event sinks, and the clock moving.
 * Afterwards the statistics agree with each other and no object is left alive
 * (the group teardown checks DllCanUnloadNow).
 */
#include "object_fixture.h"

#include <stdio.h>

#define THREADS 8
#define SHARED 4

static struct fixture f;
static ITAgent *agents[2];
static ITAgentSession *sessions[SHARED];
static volatile LONG stop, failures, operations, events_seen;
static volatile LONGLONG clock_now = TCC_TEST_T0;

/* A sink for the Advise/Unadvise churn: counts what reaches it. */
static struct tcc_test_sink sink;

static void count_event(TAPI_EVENT type, IDispatch *event)
{
    InterlockedIncrement(&events_seen);
}

static void failed(const char *what)
{
    if (InterlockedIncrement(&failures) <= 5)
        print_error("soak: %s\n", what);
}

static void wallboard(int index, LONG last_calls[SHARED])
{
    ITAgentSession *session = sessions[index % SHARED];
    LONG calls, talk, average, duration;
    AGENT_SESSION_STATE state;

    if (FAILED(ITAgentSession_get_NumberOfCalls(session, &calls)) ||
        FAILED(ITAgentSession_get_TotalTalkTime(session, &talk)) ||
        FAILED(ITAgentSession_get_AverageTalkTime(session, &average)) ||
        FAILED(ITAgentSession_get_SessionDuration(session, &duration)) ||
        FAILED(ITAgentSession_get_State(session, &state)))
        failed("a statistic could not be read");
    else if (calls < last_calls[index % SHARED] || talk < 0 || state > ASST_SESSION_ENDED)
        failed("a count went backwards or a value is out of range");
    else
        last_calls[index % SHARED] = calls;
}

static void churn(void)
{
    ITAgent *agent;
    ITAgentSession *session;
    AGENT_SESSION_STATE state;

    if (FAILED(ITAgentHandler_CreateAgent(f.handler, &agent)))
    {
        failed("CreateAgent");
        return;
    }
    if (SUCCEEDED(ITAgent_CreateSession(agent, f.support, f.line2, &session)))
    {
        ITAgentSession_put_State(session, ASST_READY);
        ITAgentSession_get_State(session, &state);
        ITAgentSession_put_State(session, ASST_SESSION_ENDED);
        ITAgentSession_Release(session);
    }
    else
        failed("CreateSession");
    ITAgent_Release(agent);
}

static void advise_and_look(IConnectionPoint *point)
{
    IEnumAgentSession *list;
    ITAgentSession *item[8];
    ULONG fetched;
    DWORD cookie;
    VARIANT groups;

    if (FAILED(IConnectionPoint_Advise(point, (IUnknown *)&sink.ITTAPIEventNotification_iface, &cookie)))
        failed("Advise");
    if (SUCCEEDED(ITAgent_EnumerateAgentSessions(agents[0], &list)))
    {
        while (IEnumAgentSession_Next(list, 8, item, &fetched) == S_OK || fetched)
        {
            for (ULONG i = 0; i < fetched; i++)
                ITAgentSession_Release(item[i]);
            if (!fetched)
                break;
        }
        IEnumAgentSession_Release(list);
    }
    if (SUCCEEDED(ITAgentHandler_get_ACDGroups(f.handler, &groups)))
        VariantClear(&groups);
    if (FAILED(IConnectionPoint_Unadvise(point, cookie)))
        failed("Unadvise");
}

static DWORD WINAPI worker(void *arg)
{
    int index = (int)(INT_PTR)arg;
    LONG last_calls[SHARED] = { 0 };
    IConnectionPoint *point = NULL;
    IConnectionPointContainer *container;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (SUCCEEDED(ITTAPI2_QueryInterface(f.tapi, &IID_IConnectionPointContainer, (void **)&container)))
    {
        IConnectionPointContainer_FindConnectionPoint(container, &IID_ITTAPIEventNotification, &point);
        IConnectionPointContainer_Release(container);
    }
    for (int round = 0; !stop; round++)
    {
        switch (index % 4)
        {
        case 0:
            wallboard(round, last_calls);
            /* Simulated time goes on, within one measurement period (an hour). */
            if (index == 0 && clock_now < TCC_TEST_T0 + 3500)
            {
                clock_now += 2;
                tcc_test_set_time(f.handler, clock_now);
            }
            break;
        case 1:
            ITAgentSession_put_State(sessions[round % SHARED], round & 1 ? ASST_NOT_READY : ASST_READY);
            wallboard(round + 1, last_calls);
            break;
        case 2:
            churn();
            break;
        case 3:
            advise_and_look(point);
            break;
        }
        InterlockedIncrement(&operations);
    }
    if (point)
        IConnectionPoint_Release(point);
    CoUninitialize();
    return 0;
}

static void test_soak(void **state)
{
    WCHAR text[16];
    DWORD seconds = 10;
    HANDLE threads[THREADS];
    LONG session_calls[2] = { 0 }, agent_calls, queued = 0, answered = 0;
    IEnumQueue *queues;
    ITQueue *queue;

    tcc_test_sink_init(&sink, count_event);
    if (GetEnvironmentVariableW(L"TAPI3CC_SOAK_SECONDS", text, ARRAYSIZE(text)))
        seconds = wcstoul(text, NULL, 10);
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", L"acd:clock=manual;start=1767254400;simulate=yes;seed=9");
    {
        ITTAPI2 *tapi;

        assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
        assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENT | TE_AGENTSESSION | TE_QUEUE));
        fixture_initialize(&f, tapi);
    }
    agents[0] = fixture_agent(&f, L"1001", L"1234");
    agents[1] = fixture_agent(&f, L"1002", L"2345");
    sessions[0] = fixture_session(&f, agents[0], f.sales, f.line1, L"1234");
    sessions[1] = fixture_session(&f, agents[0], f.support, f.line1, L"1234");
    sessions[2] = fixture_session(&f, agents[1], f.sales, f.line2, L"2345");
    sessions[3] = fixture_session(&f, agents[1], f.sales, f.line1, L"2345");
    for (int i = 0; i < SHARED; i++)
        assert_hr(S_OK, ITAgentSession_put_State(sessions[i], ASST_READY));

    for (int i = 0; i < THREADS; i++)
        threads[i] = CreateThread(NULL, 0, worker, (void *)(INT_PTR)i, 0, NULL);
    Sleep(seconds * 1000);
    InterlockedExchange(&stop, 1);
    WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
    for (int i = 0; i < THREADS; i++)
        CloseHandle(threads[i]);
    assert_int_equal(0, failures);

    /* The clock stands still now: the statistics must agree with each other. */
    for (int i = 0; i < SHARED; i++)
    {
        LONG calls, talk, wrapup, call_time;

        assert_hr(S_OK, ITAgentSession_get_NumberOfCalls(sessions[i], &calls));
        assert_hr(S_OK, ITAgentSession_get_TotalTalkTime(sessions[i], &talk));
        assert_hr(S_OK, ITAgentSession_get_TotalWrapUpTime(sessions[i], &wrapup));
        assert_hr(S_OK, ITAgentSession_get_TotalCallTime(sessions[i], &call_time));
        assert_int_equal(talk + wrapup, call_time);
        session_calls[i < 2 ? 0 : 1] += calls;
        answered += calls;
    }
    for (int a = 0; a < 2; a++)
    {
        assert_hr(S_OK, ITAgent_get_NumberOfACDCalls(agents[a], &agent_calls));
        assert_int_equal(session_calls[a], agent_calls);    /* one measurement period */
    }
    assert_hr(S_OK, ITACDGroup_EnumerateQueues(f.sales, &queues));
    while (IEnumQueue_Next(queues, 1, &queue, NULL) == S_OK)
    {
        LONG value;

        assert_hr(S_OK, ITQueue_get_TotalCallsQueued(queue, &value));
        queued += value;
        ITQueue_Release(queue);
    }
    IEnumQueue_Release(queues);
    assert_true(queued > 0);
    print_message("soak: %d threads, %lu s, %ld operations, %ld simulated seconds, %ld Sales calls queued, "
                  "%ld answered by the shared sessions, %ld events to churned sinks\n", THREADS,
                  (unsigned long)seconds, operations, (long)(clock_now - TCC_TEST_T0), queued, answered, events_seen);

    for (int i = 0; i < SHARED; i++)
        ITAgentSession_Release(sessions[i]);
    ITAgent_Release(agents[0]);
    ITAgent_Release(agents[1]);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_soak),
    };

    return cmocka_run_group_tests_name("soak", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
