/*
 * Memory stays flat over a long run: a client that listens to every call-center
 * event and holds only an agent and its session, while a million status messages
 * come from the provider and agents log in and out, must not grow.  What grew before
 * (issue 10): identity-map slots that were never taken again, objects made for every
 * queue event, and the notes of sessions that had ended.
 *
 * The messages are fed in rounds through the emulator's RAISE_STATUS control; each
 * round waits until the sink has seen its last event, so what is measured is what
 * stays, not a backlog.  Private bytes (PrivateUsage; Wine reports it as 0 and gives
 * the same figure as PagefileUsage) and the bytes in use in the process's heaps
 * (HeapWalk, exact to the byte) after the first 10,000 messages and after all of
 * them are printed.  The heaps may not grow by FLAT_HEAP_BYTES (what remains is the
 * emulator's record of each ended session, about 100 bytes a login); private bytes,
 * which under Wine are resident anonymous pages and move by whole pages with thread
 * stacks and Wine's own caches, may not grow by FLAT_PRIVATE_BYTES.  Before the fixes
 * the heaps grew by 1.6 MB every 100,000 messages.
 */
#include "object_fixture.h"

#include <psapi.h>
#include <stdio.h>

#define ROUND 10000
#define ROUNDS 100
#define FLAT_HEAP_BYTES (512 * 1024)
#define FLAT_PRIVATE_BYTES (2048 * 1024)
#define LOGINS 20            /* a round's logins and logouts */
#define QUEUE_SALES_INBOUND 1
#define QUEUE_NONE 99

static volatile LONG delivered;

static void count_event(TAPI_EVENT type, IDispatch *event)
{
    InterlockedIncrement(&delivered);
}

static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX counters = { sizeof(counters) };

    GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&counters, sizeof(counters));
    return counters.PrivateUsage ? counters.PrivateUsage : counters.PagefileUsage;
}

/* What every heap of the process has handed out and not taken back. */
static SIZE_T heap_bytes(void)
{
    HANDLE heaps[64];
    DWORD count = GetProcessHeaps(ARRAYSIZE(heaps), heaps);
    SIZE_T total = 0;

    for (DWORD i = 0; i < count && i < ARRAYSIZE(heaps); i++)
    {
        PROCESS_HEAP_ENTRY entry = { 0 };

        HeapLock(heaps[i]);
        while (HeapWalk(heaps[i], &entry))
            if (entry.wFlags & PROCESS_HEAP_ENTRY_BUSY)
                total += entry.cbData;
        HeapUnlock(heaps[i]);
    }
    return total;
}

static void wait_for(LONG expected)
{
    for (int waited = 0; InterlockedCompareExchange(&delivered, 0, 0) < expected; waited++)
    {
        if (waited > 30000)
            fail_msg("only %ld of %ld events arrived", delivered, expected);
        Sleep(1);
    }
}

/* A session made and ended, as an agent logging in and out does all day. */
static void log_in_and_out(struct fixture *f, ITAgent *agent)
{
    ITAgentSession *session = fixture_session(f, agent, f->sales, f->line2, L"2345");

    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    ITAgentSession_Release(session);
}

static void test_memory_is_flat(void **state)
{
    struct tcc_test_sink sink;
    IConnectionPoint *point;
    struct fixture f;
    ITTAPI2 *tapi;
    ITAgent *agent, *other;
    ITAgentSession *session;
    SIZE_T first = 0, last, first_heap = 0, last_heap;
    LONG expected = 0;
    DWORD cookie;

    tcc_test_sink_init(&sink, count_event);
    tcc_test_use_manual_emulator();
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENT | TE_AGENTSESSION | TE_ACDGROUP | TE_QUEUE |
                                                  TE_AGENTHANDLER));
    point = tcc_test_advise(tapi, &sink, &cookie);
    fixture_initialize(&f, tapi);
    expected = 1;                               /* AHE_NEW_AGENTHANDLER */
    wait_for(expected);
    agent = fixture_agent(&f, L"1001", L"1234");
    other = fixture_agent(&f, L"1002", L"2345");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    Sleep(200);
    expected = InterlockedCompareExchange(&delivered, 0, 0);

    for (int round = 0; round < ROUNDS; round++)
    {
        for (int i = 0; i < ROUND; i++)
        {
            /* One in ten: a queue no client holds (an event with a queue object made
             * for it); one in ten: a queue the ACD does not have; the rest: status of
             * agents and sessions nobody holds, which are dropped. */
            if (i % 10 == 9)
            {
                tcc_test_raise_status(f.handler, TCC_LINE_QUEUESTATUS, QUEUE_SALES_INBOUND,
                                      TCC_LINEQUEUESTATUS_NEWQUEUE, 0);
                expected++;
            }
            else if (i % 10 == 8)
                tcc_test_raise_status(f.handler, TCC_LINE_QUEUESTATUS, QUEUE_NONE, TCC_LINEQUEUESTATUS_NEWQUEUE,
                                      0);
            else if (i & 1)
                tcc_test_raise_status(f.handler, TCC_LINE_AGENTSESSIONSTATUS, 0x7000000 + i,
                                      TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_READY);
            else
                tcc_test_raise_status(f.handler, TCC_LINE_AGENTSTATUSEX, 0x7000000 + i,
                                      TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_READY);
        }
        /* Twenty logins and logouts a round; their own events are counted too. */
        for (int i = 0; i < LOGINS; i++)
            log_in_and_out(&f, other);
        wait_for(expected);
        Sleep(20);
        expected = InterlockedCompareExchange(&delivered, 0, 0);
        if (round == 0)
        {
            first = private_bytes();
            first_heap = heap_bytes();
        }
    }
    last = private_bytes();
    last_heap = heap_bytes();
    print_message("memory: after %d status messages and after %d: private bytes %lu KB and %lu KB (%+ld KB), "
                  "heap bytes in use %lu KB and %lu KB (%+ld KB); %ld events delivered\n", ROUND, ROUND * ROUNDS,
                  (unsigned long)(first / 1024), (unsigned long)(last / 1024), ((long)last - (long)first) / 1024,
                  (unsigned long)(first_heap / 1024), (unsigned long)(last_heap / 1024),
                  ((long)last_heap - (long)first_heap) / 1024, delivered);
    assert_true(last_heap < first_heap + FLAT_HEAP_BYTES);
    assert_true(last < first + FLAT_PRIVATE_BYTES);

    tcc_test_unadvise(point, cookie);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    ITAgent_Release(other);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_memory_is_flat),
    };

    return cmocka_run_group_tests_name("memory", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
