/*
 * The asterisk provider's model (src/providers/asterisk/ami_model.c) fed with AMI
 * messages as Asterisk 22 sends them (field names as recorded in
 * shared/asterisk/README.md and tests/asterisk/test_ami_live.c), on a manual clock:
 * the resync, a member's login, pause, call, wrap-up and logout with their status
 * messages in order, a membership made by another client, queue statistics, and a
 * resync that finds a member and a queue gone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ami_model.h"

#define T0 1767254400

static int64_t now_value;

static int64_t manual_clock(void *user)
{
    return now_value;
}

static void apply(struct ami_model *model, const char *text)
{
    struct ami_framer framer;
    struct ami_message message;

    ami_framer_init(&framer, 0);
    assert_int_equal(0, ami_framer_feed(&framer, text, strlen(text)));
    while (ami_framer_next(&framer, &message) == 1)
        ami_model_apply(model, &message);
    ami_framer_free(&framer);
}

/* The next status message must be (message, param1, param2, param3). */
static void expect(struct ami_model *model, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    struct ami_status status;

    if (ami_model_take(model, &status, 1) != 1)
        fail_msg("no status message; expected %u(%u, 0x%x, 0x%x)", message, param1, param2, param3);
    if (status.message != message || status.param1 != param1 || status.param2 != param2 || status.param3 != param3)
        fail_msg("status %u(%u, 0x%x, 0x%x); expected %u(%u, 0x%x, 0x%x)", status.message, status.param1,
                 status.param2, status.param3, message, param1, param2, param3);
}

static void expect_none(struct ami_model *model)
{
    struct ami_status status;

    if (ami_model_take(model, &status, 1))
        fail_msg("unexpected status %u(%u, 0x%x, 0x%x)", status.message, status.param1, status.param2,
                 status.param3);
}

/* Queue status messages (UPDATEINFO) are not checked here: they are skipped. */
static void skip_queue_updates(struct ami_model *model, struct ami_status *next)
{
    do
        assert_int_equal(1, ami_model_take(model, next, 1));
    while (next->message == TCC_LINE_QUEUESTATUS && next->param2 == TCC_LINEQUEUESTATUS_UPDATEINFO);
}

static struct ami_model *synced_model(void)
{
    struct ami_model *model;

    now_value = T0;
    model = ami_model_create(manual_clock, NULL);
    assert_non_null(model);
    ami_model_set_queue_wrapup(model, "sales", 2);
    ami_model_begin_resync(model);
    apply(model, "Event: QueueParams\r\nQueue: support\r\nMax: 0\r\nStrategy: ringall\r\nCalls: 0\r\n"
                 "Holdtime: 8\r\nTalkTime: 0\r\nCompleted: 0\r\nAbandoned: 0\r\nActionID: 3\r\n\r\n"
                 "Event: QueueParams\r\nQueue: sales\r\nMax: 0\r\nStrategy: rrmemory\r\nCalls: 0\r\n\r\n"
                 "Event: QueueStatusComplete\r\nListItems: 2\r\n\r\n");
    ami_model_end_resync(model);
    expect_none(model);     /* what the first resync finds is no news */
    return model;
}

static void test_queues_and_groups(void **state)
{
    struct ami_model *model = synced_model();
    const char *name;
    TCC_GUID guid, again;
    uint32_t id, found;

    assert_int_equal(2, ami_model_queue_count(model));
    assert_true(ami_model_queue_at(model, 1, &name, &id, &guid));
    assert_string_equal("sales", name);
    assert_int_equal(2, id);
    ami_model_group_guid("sales", &again);
    assert_memory_equal(&guid, &again, sizeof(guid));           /* the same in every process */
    assert_int_equal(0x3000, guid.Data3 & 0xf000);               /* RFC 4122 version 3 */
    assert_true(ami_model_queue_by_group(model, &guid, &found, &name));
    assert_int_equal(2, found);
    assert_false(ami_model_queue_at(model, 2, &name, &id, &guid));
    ami_model_destroy(model);
}

static void test_member_login_pause_call_wrapup_logout(void **state)
{
    struct ami_model *model = synced_model();
    TCC_LINEAGENTSESSIONINFO info = { 0 };
    TCC_LINEAGENTINFO agent = { 0 };
    TCC_LINEQUEUEINFO queue = { 0 };
    struct ami_status next;
    const char *queue_name, *interface, *agent_id;
    uint32_t session, state_now, sessions[4];

    ami_model_set_agent_handle(model, "1001", 7);
    apply(model, "Event: QueueMemberAdded\r\nPrivilege: agent,all\r\nQueue: sales\r\nMemberName: 1001\r\n"
                 "Interface: Local/1001@agents\r\nStateInterface: Local/1001@agents\r\nMembership: dynamic\r\n"
                 "Penalty: 0\r\nCallsTaken: 0\r\nPaused: 1\r\nWrapuptime: 0\r\n\r\n");
    session = ami_model_find_session(model, "sales", "Local/1001@agents");
    assert_int_equal(1, session);
    expect(model, TCC_LINE_AGENTSESSIONSTATUS, 1, TCC_LINEAGENTSESSIONSTATUS_NEWSESSION |
           TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    expect_none(model);         /* the agent was NOTREADY already */
    assert_true(ami_model_session_member(model, session, &queue_name, &interface, &agent_id, &state_now));
    assert_string_equal("sales", queue_name);
    assert_string_equal("Local/1001@agents", interface);
    assert_string_equal("1001", agent_id);

    now_value = T0 + 10;
    apply(model, "Event: QueueMemberPause\r\nQueue: sales\r\nMemberName: 1001\r\nInterface: Local/1001@agents\r\n"
                 "Paused: 0\r\nPausedReason: ready\r\n\r\n");
    expect(model, TCC_LINE_AGENTSESSIONSTATUS, 1, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_READY);
    expect(model, TCC_LINE_AGENTSTATUSEX, 7, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_READY);

    now_value = T0 + 20;
    apply(model, "Event: QueueCallerJoin\r\nQueue: sales\r\nUniqueid: 1764.1\r\nPosition: 1\r\nCount: 1\r\n\r\n"
                 "Event: AgentCalled\r\nQueue: sales\r\nInterface: Local/1001@agents\r\nMemberName: 1001\r\n\r\n");
    now_value = T0 + 24;
    assert_true(ami_model_queue_info(model, 2, &queue));
    assert_int_equal(1, queue.dwCurrentCallsQueued);
    assert_int_equal(4, queue.dwCurrentLongestWaitTime);
    apply(model, "Event: QueueCallerLeave\r\nQueue: sales\r\nUniqueid: 1764.1\r\nCount: 0\r\n\r\n"
                 "Event: AgentConnect\r\nQueue: sales\r\nInterface: Local/1001@agents\r\nMemberName: 1001\r\n"
                 "HoldTime: 4\r\nRingTime: 0\r\n\r\n");
    skip_queue_updates(model, &next);
    assert_int_equal(TCC_LINE_AGENTSESSIONSTATUS, next.message);
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_BUSYONCALL, next.param3);
    expect(model, TCC_LINE_AGENTSTATUSEX, 7, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_BUSYACD);

    now_value = T0 + 54;
    apply(model, "Event: AgentComplete\r\nQueue: sales\r\nInterface: Local/1001@agents\r\nMemberName: 1001\r\n"
                 "HoldTime: 4\r\nTalkTime: 30\r\nReason: agent\r\n\r\n");
    expect(model, TCC_LINE_AGENTSESSIONSTATUS, 1, TCC_LINEAGENTSESSIONSTATUS_STATE,
           TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP);      /* the queue's 2 s, as configured */
    expect_none(model);         /* still BUSYACD */
    now_value = T0 + 55;
    ami_model_tick(model);
    expect_none(model);
    now_value = T0 + 60;
    ami_model_tick(model);
    expect(model, TCC_LINE_AGENTSESSIONSTATUS, 1, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_READY);
    expect(model, TCC_LINE_AGENTSTATUSEX, 7, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_READY);

    assert_true(ami_model_session_info(model, session, &info));
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_READY, info.dwAgentSessionState);
    assert_int_equal(60, info.dwSessionDuration);
    assert_int_equal(1, info.dwNumberOfCalls);
    assert_int_equal(30, info.dwTotalTalkTime);
    assert_int_equal(2, info.dwTotalWrapUpTime);            /* wrap-up ended at T0 + 56 */
    assert_int_equal(32, info.dwTotalCallTime);
    assert_int_equal(4, info.dwLongestTimeToAnswer);
    assert_int_equal(4, info.dwAverageTimeToAnswer);
    assert_int_equal(1 * 3600 * 10000 / 60, info.cyACDCallRate);
    ami_model_agent_info(model, "1001", &agent);
    assert_int_equal(TCC_LINEAGENTSTATEEX_READY, agent.dwAgentState);
    assert_int_equal(1, agent.dwNumberOfACDCalls);
    assert_int_equal(30, agent.dwTotalACDTalkTime);
    assert_int_equal(2, agent.dwTotalACDWrapUpTime);
    assert_true(ami_model_queue_info(model, 2, &queue));
    assert_int_equal(1, queue.dwTotalCallsQueued);
    assert_int_equal(0, queue.dwCurrentCallsQueued);
    assert_int_equal(4, queue.dwAverageWaitTime);       /* the queue's first: taken whole, as Asterisk does */
    assert_int_equal(4, queue.dwLongestEverWaitTime);

    /* A caller who gives up. */
    apply(model, "Event: QueueCallerJoin\r\nQueue: sales\r\nUniqueid: 1764.9\r\nPosition: 1\r\nCount: 1\r\n\r\n");
    now_value = T0 + 70;
    apply(model, "Event: QueueCallerAbandon\r\nQueue: sales\r\nUniqueid: 1764.9\r\nPosition: 1\r\n"
                 "OriginalPosition: 1\r\nHoldTime: 10\r\n\r\n"
                 "Event: QueueCallerLeave\r\nQueue: sales\r\nUniqueid: 1764.9\r\nCount: 0\r\n\r\n");
    assert_true(ami_model_queue_info(model, 2, &queue));
    assert_int_equal(2, queue.dwTotalCallsQueued);
    assert_int_equal(1, queue.dwTotalCallsAbandoned);
    assert_int_equal(4, queue.dwAverageWaitTime);           /* an abandon leaves it as it was */
    assert_int_equal(10, queue.dwLongestEverWaitTime);
    assert_int_equal(1, queue.dwFinalDisposition);
    ami_model_take(model, (struct ami_status[16]){ 0 }, 16);

    /* Logged out (by anyone): the session ends and stays listed. */
    apply(model, "Event: QueueMemberRemoved\r\nQueue: sales\r\nMemberName: 1001\r\nInterface: Local/1001@agents\r\n"
                 "\r\n");
    expect(model, TCC_LINE_AGENTSESSIONSTATUS, 1, TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_ENDED);
    expect(model, TCC_LINE_AGENTSTATUSEX, 7, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_NOTREADY);
    assert_int_equal(0, ami_model_find_session(model, "sales", "Local/1001@agents"));
    assert_int_equal(1, ami_model_agent_sessions(model, "1001", sessions, 4));
    assert_true(ami_model_session_info(model, session, &info));
    assert_int_equal(70, info.dwSessionDuration);
    now_value = T0 + 100;
    assert_true(ami_model_session_info(model, session, &info));
    assert_int_equal(70, info.dwSessionDuration);           /* timing stopped */
    ami_model_destroy(model);
}

/* A queue's average wait is Asterisk's own running figure: seeded by QueueParams,
 * moved by each answered call. */
static void test_average_wait_as_asterisk_keeps_it(void **state)
{
    struct ami_model *model = synced_model();
    TCC_LINEQUEUEINFO queue = { 0 };

    assert_true(ami_model_queue_info(model, 1, &queue));
    assert_int_equal(8, queue.dwAverageWaitTime);       /* support's Holdtime at the resync */
    /* The resync said Completed 0, Abandoned 0: the next is taken whole ... */
    apply(model, "Event: AgentConnect\r\nQueue: support\r\nInterface: Local/x@agents\r\nHoldTime: 20\r\n\r\n");
    assert_true(ami_model_queue_info(model, 1, &queue));
    assert_int_equal(20, queue.dwAverageWaitTime);
    /* ... and once a call has completed, averaged in. */
    apply(model, "Event: AgentComplete\r\nQueue: support\r\nInterface: Local/x@agents\r\nTalkTime: 5\r\n\r\n"
                 "Event: AgentConnect\r\nQueue: support\r\nInterface: Local/x@agents\r\nHoldTime: 4\r\n\r\n");
    assert_true(ami_model_queue_info(model, 1, &queue));
    assert_int_equal((20 * 3 + 4) / 4, queue.dwAverageWaitTime);
    ami_model_destroy(model);
}

/* The queue's counts follow Asterisk's totals across resyncs: calls that ended while
 * tapi3cc was away are added; totals that went down (Asterisk restarted) restart the
 * period from them. */
static void test_queue_counts_across_resyncs(void **state)
{
    struct ami_model *model = synced_model();
    TCC_LINEQUEUEINFO queue = { 0 };

    apply(model, "Event: QueueCallerJoin\r\nQueue: support\r\nUniqueid: 7.1\r\n\r\n"
                 "Event: QueueCallerLeave\r\nQueue: support\r\nUniqueid: 7.1\r\n\r\n"
                 "Event: AgentConnect\r\nQueue: support\r\nInterface: Local/x@agents\r\nHoldTime: 2\r\n\r\n"
                 "Event: AgentComplete\r\nQueue: support\r\nInterface: Local/x@agents\r\nTalkTime: 5\r\n\r\n");
    ami_model_begin_resync(model);
    apply(model, "Event: QueueParams\r\nQueue: support\r\nCalls: 1\r\nHoldtime: 3\r\nCompleted: 4\r\n"
                 "Abandoned: 2\r\n\r\nEvent: QueueParams\r\nQueue: sales\r\nCalls: 0\r\n\r\n");
    ami_model_end_resync(model);
    assert_true(ami_model_queue_info(model, 1, &queue));
    assert_int_equal(1 + 3 + 2, queue.dwTotalCallsQueued);     /* 1 seen, 3 completed and 2 abandoned missed */
    assert_int_equal(2, queue.dwTotalCallsAbandoned);
    assert_int_equal(3, queue.dwAverageWaitTime);

    ami_model_begin_resync(model);      /* Asterisk restarted: its counts began again */
    apply(model, "Event: QueueParams\r\nQueue: support\r\nCalls: 0\r\nHoldtime: 0\r\nCompleted: 1\r\n"
                 "Abandoned: 0\r\n\r\nEvent: QueueParams\r\nQueue: sales\r\nCalls: 0\r\n\r\n");
    ami_model_end_resync(model);
    assert_true(ami_model_queue_info(model, 1, &queue));
    assert_int_equal(1, queue.dwTotalCallsQueued);
    assert_int_equal(0, queue.dwTotalCallsAbandoned);

    /* A restart that left the same totals is told by CoreStatus's start time. */
    ami_model_note_server_start(model, "2026-11-30 03:00:00");
    apply(model, "Event: QueueCallerJoin\r\nQueue: support\r\nUniqueid: 7.2\r\n\r\n");
    ami_model_begin_resync(model);
    ami_model_note_server_start(model, "2026-11-30 04:00:00");
    apply(model, "Event: QueueParams\r\nQueue: support\r\nCalls: 0\r\nCompleted: 1\r\nAbandoned: 0\r\n\r\n"
                 "Event: QueueParams\r\nQueue: sales\r\nCalls: 0\r\n\r\n");
    ami_model_end_resync(model);
    assert_true(ami_model_queue_info(model, 1, &queue));
    assert_int_equal(1, queue.dwTotalCallsQueued);          /* the join before the restart is gone */
    assert_int_equal(0, queue.dwCurrentCallsQueued);
    ami_model_destroy(model);
}

/* A pause while on a call takes effect after the call (and its wrap-up). */
static void test_pause_during_call(void **state)
{
    struct ami_model *model = synced_model();

    apply(model, "Event: QueueMemberAdded\r\nQueue: support\r\nMemberName: 2002\r\nInterface: Local/2002@agents\r\n"
                 "Paused: 0\r\nWrapuptime: 0\r\n\r\n"
                 "Event: AgentConnect\r\nQueue: support\r\nInterface: Local/2002@agents\r\nMemberName: 2002\r\n"
                 "HoldTime: 1\r\n\r\n"
                 "Event: QueueMemberPause\r\nQueue: support\r\nInterface: Local/2002@agents\r\nPaused: 1\r\n\r\n");
    ami_model_take(model, (struct ami_status[16]){ 0 }, 16);
    now_value = T0 + 5;
    apply(model, "Event: AgentComplete\r\nQueue: support\r\nInterface: Local/2002@agents\r\nMemberName: 2002\r\n"
                 "TalkTime: 5\r\n\r\n");
    /* support has no wrap-up configured: straight to the pause. */
    expect(model, TCC_LINE_AGENTSESSIONSTATUS, 1, TCC_LINEAGENTSESSIONSTATUS_STATE,
           TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    ami_model_destroy(model);
}

/* Reconnected: the resync finds one member gone and one new, a queue gone and one
 * new; each is announced. */
static void test_resync_after_outage(void **state)
{
    struct ami_model *model = synced_model();
    uint32_t sessions[4];

    apply(model, "Event: QueueMemberAdded\r\nQueue: sales\r\nMemberName: 1001\r\nInterface: Local/1001@agents\r\n"
                 "Paused: 0\r\n\r\n");
    ami_model_take(model, (struct ami_status[16]){ 0 }, 16);
    now_value = T0 + 30;
    ami_model_begin_resync(model);
    apply(model, "Event: QueueParams\r\nQueue: sales\r\nCalls: 0\r\n\r\n"
                 "Event: QueueParams\r\nQueue: billing\r\nCalls: 1\r\n\r\n"
                 "Event: QueueMember\r\nQueue: billing\r\nName: 3003\r\nLocation: Local/3003@agents\r\n"
                 "Paused: 1\r\nInCall: 0\r\nWrapuptime: 0\r\n\r\n"
                 "Event: QueueEntry\r\nQueue: billing\r\nPosition: 1\r\nUniqueid: 99.1\r\nWait: 12\r\n\r\n");
    ami_model_end_resync(model);
    expect(model, TCC_LINE_GROUPSTATUS, 0, TCC_LINEGROUPSTATUS_NEWGROUP, 0);
    expect(model, TCC_LINE_QUEUESTATUS, 3, TCC_LINEQUEUESTATUS_NEWQUEUE, 0);
    expect(model, TCC_LINE_AGENTSESSIONSTATUS, 2, TCC_LINEAGENTSESSIONSTATUS_NEWSESSION |
           TCC_LINEAGENTSESSIONSTATUS_STATE, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    {
        struct ami_status next;

        skip_queue_updates(model, &next);       /* the waiting caller */
        assert_int_equal(TCC_LINE_AGENTSESSIONSTATUS, next.message);
        assert_int_equal(1, next.param1);
        assert_int_equal(TCC_LINEAGENTSESSIONSTATE_ENDED, next.param3);     /* 1001 gone meanwhile */
    }
    expect(model, TCC_LINE_QUEUESTATUS, 1, TCC_LINEQUEUESTATUS_QUEUEREMOVED, 0);   /* support gone */
    expect(model, TCC_LINE_GROUPSTATUS, 0, TCC_LINEGROUPSTATUS_GROUPREMOVED, 0);
    expect_none(model);
    assert_int_equal(2, ami_model_queue_count(model));
    assert_int_equal(1, ami_model_agent_sessions(model, "3003", sessions, 4));
    {
        TCC_LINEQUEUEINFO queue = { 0 };

        assert_true(ami_model_queue_info(model, 3, &queue));
        assert_int_equal(1, queue.dwCurrentCallsQueued);
        assert_int_equal(12, queue.dwCurrentLongestWaitTime);
    }
    ami_model_destroy(model);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_queues_and_groups),
        cmocka_unit_test(test_member_login_pause_call_wrapup_logout),
        cmocka_unit_test(test_average_wait_as_asterisk_keeps_it),
        cmocka_unit_test(test_queue_counts_across_resyncs),
        cmocka_unit_test(test_pause_during_call),
        cmocka_unit_test(test_resync_after_outage),
    };

    return cmocka_run_group_tests_name("ami_model", tests, NULL, NULL);
}
