/*
 * A new session's events are never lost to a race between threads (issue 10).
 *
 * The emulator lets whichever thread is already delivering status messages deliver
 * everyone's: while one thread changes its session's state in a loop, the
 * ASE_NEW_SESSION of a session another thread creates is often delivered by the
 * first thread, before the creating thread has put the new object in the identity
 * map.  The event must still arrive, naming the object CreateSession returned.
 */
#include "object_fixture.h"

#include <stdio.h>

#define CREATIONS 1000

static struct fixture f;
static ITAgentSession *alice_session;
static volatile LONG stop, flips;

static SRWLOCK seen_lock = SRWLOCK_INIT;
static ITAgentSession *seen[CREATIONS + 16];
static ULONG seen_count;

static void record_new_session(TAPI_EVENT type, IDispatch *event)
{
    ITAgentSessionEvent *session_event;
    AGENT_SESSION_EVENT value;
    ITAgentSession *session;

    if (type != TE_AGENTSESSION ||
        FAILED(IDispatch_QueryInterface(event, &IID_ITAgentSessionEvent, (void **)&session_event)))
        return;
    if (SUCCEEDED(ITAgentSessionEvent_get_Event(session_event, &value)) && value == ASE_NEW_SESSION &&
        SUCCEEDED(ITAgentSessionEvent_get_Session(session_event, &session)))
    {
        AcquireSRWLockExclusive(&seen_lock);
        if (seen_count < ARRAYSIZE(seen))
            seen[seen_count++] = session;   /* compared only: the reference goes now */
        ReleaseSRWLockExclusive(&seen_lock);
        ITAgentSession_Release(session);
    }
    ITAgentSessionEvent_Release(session_event);
}

static BOOL was_seen(ITAgentSession *session)
{
    BOOL found = FALSE;

    AcquireSRWLockShared(&seen_lock);
    for (ULONG i = 0; i < seen_count && !found; i++)
        found = seen[i] == session;
    ReleaseSRWLockShared(&seen_lock);
    return found;
}

/* For each creation, a burst of state changes that keeps the engine delivering on
 * this thread while the main thread creates a session.  Bursts, not an endless
 * loop: events must not pile up faster than they are delivered. */
#define BURST 40
static HANDLE burst_start;

static DWORD WINAPI flipper(void *arg)
{
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    while (WaitForSingleObject(burst_start, INFINITE) == WAIT_OBJECT_0 && !stop)
    {
        for (int i = 0; i < BURST; i++)
        {
            ITAgentSession_put_State(alice_session, i & 1 ? ASST_NOT_READY : ASST_READY);
            InterlockedIncrement(&flips);
        }
    }
    CoUninitialize();
    return 0;
}

static void spin(int rounds)
{
    for (volatile int i = 0; i < rounds * 200; i++)
        ;
}

static void test_new_session_event_not_lost(void **state)
{
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    ITAgent *alice, *bob;
    ITTAPI2 *tapi;
    HANDLE threads[2];
    DWORD cookie;
    int lost = 0;

    tcc_test_sink_init(&sink, record_new_session);
    tcc_test_use_manual_emulator();
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENTSESSION));
    point = tcc_test_advise(tapi, &sink, &cookie);
    fixture_initialize(&f, tapi);
    alice = fixture_agent(&f, L"1001", L"1234");
    bob = fixture_agent(&f, L"1002", L"2345");
    alice_session = fixture_session(&f, alice, f.support, f.line1, L"1234");

    burst_start = CreateSemaphoreW(NULL, 0, 2, NULL);
    threads[0] = CreateThread(NULL, 0, flipper, NULL, 0, NULL);
    threads[1] = CreateThread(NULL, 0, flipper, NULL, 0, NULL);
    for (int i = 0; i < CREATIONS; i++)
    {
        ITAgentSession *session;
        int waited = 0;

        ReleaseSemaphore(burst_start, 2, NULL);
        spin(i % 50);   /* the creation lands at a different point of the burst each time */
        session = fixture_session(&f, bob, f.sales, f.line2, L"2345");
        while (!was_seen(session) && waited < 2000)
        {
            Sleep(1);
            waited++;
        }
        if (!was_seen(session))
            lost++;
        /* The next session may reuse this one's address: start the list afresh. */
        AcquireSRWLockExclusive(&seen_lock);
        seen_count = 0;
        ReleaseSRWLockExclusive(&seen_lock);
        assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
        ITAgentSession_Release(session);
    }
    InterlockedExchange(&stop, 1);
    ReleaseSemaphore(burst_start, 2, NULL);
    WaitForMultipleObjects(2, threads, TRUE, INFINITE);
    CloseHandle(burst_start);
    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    print_message("creation race: %d sessions created while %ld state changes ran on two other threads; "
                  "%d ASE_NEW_SESSION lost\n", CREATIONS, flips, lost);
    assert_int_equal(0, lost);

    tcc_test_unadvise(point, cookie);
    ITAgentSession_Release(alice_session);
    ITAgent_Release(alice);
    ITAgent_Release(bob);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_new_session_event_not_lost),
    };

    return cmocka_run_group_tests_name("creation race", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
