/*
 * Several threads of the multithreaded apartment on shared objects: statistics
 * read while sessions change state, agents change state, calls arrive and new
 * sessions and enumerations come and go.  Afterwards every reference is gone and
 * the statistics still agree with each other.
 */
#include "object_fixture.h"

#define THREADS 6
#define ROUNDS 300

static struct fixture f;
static ITAgent *agent;
static ITAgentSession *session;
static LONG failures;

static DWORD WINAPI worker(void *arg)
{
    int index = (int)(INT_PTR)arg;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    for (int round = 0; round < ROUNDS; round++)
    {
        LONG value, talk, calls;
        AGENT_SESSION_STATE session_state;
        IEnumAgentSession *sessions;
        ITAgentSession *found;
        VARIANT v;

        switch ((index + round) % 5)
        {
        case 0:     /* a wallboard: one session's statistics, consistent among themselves */
            if (FAILED(ITAgentSession_get_NumberOfCalls(session, &calls)) ||
                FAILED(ITAgentSession_get_TotalTalkTime(session, &talk)) ||
                FAILED(ITAgentSession_get_AverageTalkTime(session, &value)) || calls < 0 || talk < 0)
                InterlockedIncrement(&failures);
            break;
        case 1:     /* ready / not ready; refusals while on a call are fine */
            ITAgentSession_put_State(session, round & 1 ? ASST_READY : ASST_NOT_READY);
            if (FAILED(ITAgentSession_get_State(session, &session_state)) || session_state > ASST_SESSION_ENDED)
                InterlockedIncrement(&failures);
            break;
        case 2:     /* the same session found again is the same object */
            if (FAILED(ITAgent_EnumerateAgentSessions(agent, &sessions)))
            {
                InterlockedIncrement(&failures);
                break;
            }
            if (IEnumAgentSession_Next(sessions, 1, &found, NULL) != S_OK || found != session)
                InterlockedIncrement(&failures);
            else
                ITAgentSession_Release(found);
            IEnumAgentSession_Release(sessions);
            break;
        case 3:     /* calls arrive and the clock moves */
            tcc_test_inject_call(f.handler, 1, 30, 5, 60);
            tcc_test_set_time(f.handler, TCC_TEST_T0 + round * THREADS + index);
            break;
        case 4:     /* collections and sessions of other agents come and go */
            if (FAILED(ITAgentHandler_get_ACDGroups(f.handler, &v)))
                InterlockedIncrement(&failures);
            VariantClear(&v);
            {
                ITAgent *other;

                if (SUCCEEDED(ITAgentHandler_CreateAgent(f.handler, &other)))
                {
                    ITAgentSession *short_lived;

                    if (SUCCEEDED(ITAgent_CreateSession(other, f.support, f.line2, &short_lived)))
                    {
                        ITAgentSession_put_State(short_lived, ASST_SESSION_ENDED);
                        ITAgentSession_Release(short_lived);
                    }
                    ITAgent_Release(other);
                }
            }
            break;
        }
    }
    CoUninitialize();
    return 0;
}

static void test_shared_objects(void **state)
{
    HANDLE threads[THREADS];
    LONG calls, talk, total_calls;

    fixture_open(&f);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    for (int i = 0; i < THREADS; i++)
        threads[i] = CreateThread(NULL, 0, worker, (void *)(INT_PTR)i, 0, NULL);
    WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
    for (int i = 0; i < THREADS; i++)
        CloseHandle(threads[i]);
    assert_int_equal(0, failures);

    /* The session's calls are the agent's ACD calls (one session, one period). */
    assert_hr(S_OK, ITAgentSession_get_NumberOfCalls(session, &calls));
    assert_hr(S_OK, ITAgent_get_NumberOfACDCalls(agent, &total_calls));
    assert_int_equal(calls, total_calls);
    assert_hr(S_OK, ITAgentSession_get_TotalTalkTime(session, &talk));
    assert_true(talk <= calls * 30);
    print_message("threads: %d x %d rounds, %ld calls answered\n", THREADS, ROUNDS, calls);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_shared_objects),
    };

    return cmocka_run_group_tests_name("threads", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
