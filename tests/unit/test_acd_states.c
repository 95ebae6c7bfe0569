/*
 * The emulator's rules: agents and their PINs and groups, every session state
 * transition (legal and illegal), the agent state derived from its sessions, and
 * the status messages the changes post.
 */
#include "acd_fixture.h"

#define NR TCC_LINEAGENTSESSIONSTATE_NOTREADY
#define RD TCC_LINEAGENTSESSIONSTATE_READY
#define OC TCC_LINEAGENTSESSIONSTATE_BUSYONCALL
#define WU TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP
#define EN TCC_LINEAGENTSESSIONSTATE_ENDED

static uint32_t session_state(struct acd_engine *engine, uint32_t session)
{
    struct acd_session_info info;

    assert_int_equal(0, acd_get_session_info(engine, session, &info));
    return info.state;
}

static uint32_t agent_state(struct acd_engine *engine, uint32_t agent)
{
    struct acd_agent_info info;

    assert_int_equal(0, acd_get_agent_info(engine, agent, &info));
    return info.state;
}

static void test_agent_creation_rules(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    char id[64], user[64];
    uint32_t agent;

    assert_int_equal(0, acd_create_agent(engine, "1001", "1234", NULL, &agent));
    assert_int_equal(1, agent);
    assert_int_equal(0, acd_get_agent_identity(engine, agent, id, sizeof(id), user, sizeof(user)));
    assert_string_equal("1001", id);
    assert_string_equal("alice", user);
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd_create_agent(engine, "1001", "9999", NULL, &agent));
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd_create_agent(engine, "1001", NULL, NULL, &agent));
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd_create_agent(engine, "1001", "12345", NULL, &agent));
    assert_int_equal(TCC_LINEERR_INVALAGENTID, acd_create_agent(engine, "4242", NULL, NULL, &agent));
    assert_int_equal(0, agent);
    /* No ID: an operating-system login, named by the caller. */
    assert_int_equal(0, acd_create_agent(engine, NULL, NULL, "DOMAIN\\dave", &agent));
    assert_int_equal(0, acd_get_agent_identity(engine, agent, id, sizeof(id), user, sizeof(user)));
    assert_string_equal("", id);
    assert_string_equal("DOMAIN\\dave", user);
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_create_agent(engine, NULL, NULL, NULL, NULL));
    assert_int_equal(TCC_LINEAGENTSTATEEX_NOTREADY, agent_state(engine, agent));
    acd_engine_destroy(engine);
}

static void test_session_creation_rules(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    static const TCC_GUID unknown = { 9, 9, 9, { 9 } };
    uint32_t alice, bob, dave, session;

    assert_int_equal(0, acd_create_agent(engine, "1001", "1234", NULL, &alice));
    assert_int_equal(0, acd_create_agent(engine, "1002", "77", NULL, &bob));   /* bob chose a PIN */
    assert_int_equal(0, acd_create_agent(engine, NULL, NULL, "dave", &dave));

    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd_create_session(engine, alice, NULL, 1, 0, &sales_guid, &session));
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd_create_session(engine, alice, "1233", 1, 0, &sales_guid, &session));
    assert_int_equal(0, session);
    assert_int_equal(0, acd_create_session(engine, alice, "1234", 1, 0, &sales_guid, &session));
    assert_int_equal(1, session);
    assert_int_equal(0, acd_create_session(engine, alice, "1234", 1, 0, &support_guid, &session));
    /* bob may not log into Support; nobody into a group that does not exist. */
    assert_int_equal(TCC_LINEERR_INVALAGENTGROUP, acd_create_session(engine, bob, "77", 2, 0, &support_guid, &session));
    assert_int_equal(TCC_LINEERR_INVALAGENTGROUP, acd_create_session(engine, dave, NULL, 2, 0, &unknown, &session));
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, acd_create_session(engine, bob, NULL, 2, 0, &sales_guid, &session));
    assert_int_equal(0, acd_create_session(engine, bob, "77", 2, 0, &sales_guid, &session));
    assert_int_equal(TCC_LINEERR_INVALADDRESSID, acd_create_session(engine, dave, NULL, 3, 0, &sales_guid, &session));
    assert_int_equal(TCC_LINEERR_INVALADDRESSID, acd_create_session(engine, dave, NULL, 1, 5, &sales_guid, &session));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_create_session(engine, 99, NULL, 1, 0, &sales_guid, &session));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_create_session(engine, dave, NULL, 1, 0, NULL, &session));
    /* An agent without ID may log into every group, and a new session is NOT_READY. */
    assert_int_equal(0, acd_create_session(engine, dave, NULL, 1, 0, &support_guid, &session));
    assert_int_equal(NR, session_state(engine, session));
    acd_engine_destroy(engine);
}

/* Brings a new session of `agent` to `target` the way it really gets there. */
static uint32_t session_in(struct acd_engine *engine, uint32_t agent, uint32_t target)
{
    uint32_t session;

    assert_int_equal(0, acd_create_session(engine, agent, NULL, 1, 0, &support_guid, &session));
    if (target == NR)
        return session;
    assert_int_equal(0, acd_set_session_state(engine, session, RD, 0));
    if (target == EN)
        assert_int_equal(0, acd_set_session_state(engine, session, EN, 0));
    if (target == OC || target == WU)
    {
        assert_int_equal(0, acd_inject_call(engine, 30, 100, 50, 0));
        if (target == WU)
            fake_now += 100;
    }
    assert_int_equal(target, session_state(engine, session));
    return session;
}

static void test_every_requested_transition(void **state)
{
    static const uint32_t states[] = { NR, RD, OC, WU, EN };
    /* allowed[from][to] for a client's request (spec §4.1: the busy states are
     * entered by calls, not requested; SESSION_ENDED is terminal). */
    static const bool allowed[5][5] =
    {
        /*           NR     RD     OC     WU     EN   */
        /* NR */ { true,  true,  false, false, true  },
        /* RD */ { true,  true,  false, false, true  },
        /* OC */ { true,  true,  false, false, true  },
        /* WU */ { true,  true,  false, false, true  },
        /* EN */ { false, false, false, false, false },
    };

    for (size_t from = 0; from < 5; from++)
        for (size_t to = 0; to < 5; to++)
        {
            struct acd_engine *engine = engine_from(small_topology);
            uint32_t agent, session;
            int32_t result;

            assert_int_equal(0, acd_create_agent(engine, NULL, NULL, "x", &agent));
            session = session_in(engine, agent, states[from]);
            result = acd_set_session_state(engine, session, states[to], 0);
            if (allowed[from][to])
            {
                if (result)
                    fail_msg("0x%x -> 0x%x refused (0x%08x)", states[from], states[to], (unsigned)result);
                assert_int_equal(states[to], session_state(engine, session));
            }
            else
            {
                if (result != TCC_LINEERR_INVALAGENTSESSIONSTATE)
                    fail_msg("0x%x -> 0x%x returned 0x%08x", states[from], states[to], (unsigned)result);
                assert_int_equal(states[from], session_state(engine, session));
            }
            acd_engine_destroy(engine);
        }
}

static void test_invalid_state_values(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    uint32_t agent, session;

    assert_int_equal(0, acd_create_agent(engine, NULL, NULL, "x", &agent));
    session = session_in(engine, agent, NR);
    assert_int_equal(TCC_LINEERR_INVALAGENTSESSIONSTATE, acd_set_session_state(engine, session, RD | NR, 0));
    assert_int_equal(TCC_LINEERR_INVALAGENTSESSIONSTATE, acd_set_session_state(engine, session, 0x40, 0));
    assert_int_equal(TCC_LINEERR_INVALAGENTSESSIONSTATE,
                     acd_set_session_state(engine, session, TCC_LINEAGENTSESSIONSTATE_RELEASED, 0));
    assert_int_equal(TCC_LINEERR_INVALAGENTSESSIONSTATE, acd_set_session_state(engine, session, 0, EN));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_set_session_state(engine, 77, RD, 0));
    /* 0 leaves the state and sets only the next state. */
    assert_int_equal(0, acd_set_session_state(engine, session, 0, RD));
    assert_int_equal(NR, session_state(engine, session));

    assert_int_equal(TCC_LINEERR_INVALAGENTSTATE, acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_BUSYACD, 0));
    assert_int_equal(TCC_LINEERR_INVALAGENTSTATE, acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_UNKNOWN, 0));
    assert_int_equal(TCC_LINEERR_INVALAGENTSTATE, acd_set_agent_state(engine, agent, 3, 0));
    assert_int_equal(TCC_LINEERR_INVALAGENTSTATE, acd_set_agent_state(engine, agent, 0, 0x80));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_set_agent_state(engine, 99, TCC_LINEAGENTSTATEEX_READY, 0));
    acd_engine_destroy(engine);
}

/* Calls drive READY -> BUSY_ON_CALL -> BUSY_WRAPUP -> next state. */
static void test_call_driven_transitions(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    uint32_t agent, session;

    assert_int_equal(0, acd_create_agent(engine, NULL, NULL, "x", &agent));
    session = session_in(engine, agent, RD);
    assert_int_equal(0, acd_inject_call(engine, 30, 60, 20, 0));
    assert_int_equal(OC, session_state(engine, session));
    assert_int_equal(TCC_LINEAGENTSTATEEX_BUSYACD, agent_state(engine, agent));
    /* Asked for NOT_READY after this call: the wrap-up ends there. */
    assert_int_equal(0, acd_set_session_state(engine, session, 0, NR));
    fake_now += 59;
    assert_int_equal(OC, session_state(engine, session));
    fake_now += 1;
    assert_int_equal(WU, session_state(engine, session));
    assert_int_equal(TCC_LINEAGENTSTATEEX_BUSYACD, agent_state(engine, agent));
    fake_now += 20;
    assert_int_equal(NR, session_state(engine, session));
    assert_int_equal(TCC_LINEAGENTSTATEEX_NOTREADY, agent_state(engine, agent));
    /* A NOT_READY session gets no call; READY takes the waiting one. */
    assert_int_equal(0, acd_inject_call(engine, 30, 60, 20, 0));
    assert_int_equal(NR, session_state(engine, session));
    assert_int_equal(0, acd_set_session_state(engine, session, RD, 0));
    assert_int_equal(OC, session_state(engine, session));
    fake_now += 80;
    assert_int_equal(RD, session_state(engine, session));
    acd_engine_destroy(engine);
}

static void test_agent_state_follows_sessions(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    struct acd_agent_info info;
    uint32_t agent, s1, s2;

    assert_int_equal(0, acd_create_agent(engine, "1001", "1234", NULL, &agent));
    assert_int_equal(TCC_LINEAGENTSTATEEX_NOTREADY, agent_state(engine, agent));
    assert_int_equal(0, acd_create_session(engine, agent, "1234", 1, 0, &sales_guid, &s1));
    assert_int_equal(0, acd_create_session(engine, agent, "1234", 1, 0, &support_guid, &s2));
    assert_int_equal(0, acd_set_session_state(engine, s2, RD, 0));
    assert_int_equal(TCC_LINEAGENTSTATEEX_READY, agent_state(engine, agent));

    /* The agent's own state goes to every session that is not busy. */
    assert_int_equal(0, acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_READY, 0));
    assert_int_equal(RD, session_state(engine, s1));
    assert_int_equal(0, acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_NOTREADY,
                                            TCC_LINEAGENTSTATEEX_READY));
    assert_int_equal(NR, session_state(engine, s1));
    assert_int_equal(NR, session_state(engine, s2));
    assert_int_equal(0, acd_get_agent_info(engine, agent, &info));
    assert_int_equal(TCC_LINEAGENTSTATEEX_NOTREADY, info.state);
    assert_int_equal(TCC_LINEAGENTSTATEEX_READY, info.next_state);

    /* A non-ACD call: the agent is busy and gets no ACD call. */
    assert_int_equal(0, acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_READY, 0));
    assert_int_equal(0, acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_BUSYOUTGOING, 0));
    assert_int_equal(TCC_LINEAGENTSTATEEX_BUSYOUTGOING, agent_state(engine, agent));
    assert_int_equal(0, acd_inject_call(engine, 30, 60, 20, 0));
    assert_int_equal(RD, session_state(engine, s2));
    assert_int_equal(TCC_LINEERR_INVALAGENTSTATE,
                     acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_BUSYINCOMING, 0));
    assert_int_equal(0, acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_READY, 0));
    assert_int_equal(OC, session_state(engine, s2));   /* the waiting call arrives now */
    assert_int_equal(TCC_LINEAGENTSTATEEX_BUSYACD, agent_state(engine, agent));
    assert_int_equal(TCC_LINEERR_INVALAGENTSTATE,
                     acd_set_agent_state(engine, agent, TCC_LINEAGENTSTATEEX_BUSYINCOMING, 0));
    assert_int_equal(0, acd_get_agent_info(engine, agent, &info));
    assert_int_equal(1, info.outgoing_calls);
    assert_int_equal(0, info.incoming_calls);

    /* Ending every session: the agent keeps the state last set. */
    assert_int_equal(0, acd_set_session_state(engine, s1, EN, 0));
    assert_int_equal(0, acd_set_session_state(engine, s2, EN, 0));
    assert_int_equal(TCC_LINEAGENTSTATEEX_READY, agent_state(engine, agent));
    acd_engine_destroy(engine);
}

static void test_status_messages(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    struct recorder *recorder = calloc(1, sizeof(*recorder));
    uint32_t agent, session;

    acd_engine_set_event_callback(engine, record, recorder);
    assert_int_equal(0, acd_create_agent(engine, NULL, NULL, "x", &agent));
    assert_int_equal(0, acd_create_session(engine, agent, NULL, 1, 0, &support_guid, &session));
    assert_int_equal(0, acd_set_session_state(engine, session, RD, 0));
    assert_int_equal(0, acd_inject_call(engine, 30, 10, 5, 0));

    {
        const struct recorded expected[] =
        {
            { TCC_LINE_AGENTSTATUSEX, agent, TCC_LINEAGENTSTATUSEX_NEWAGENT | TCC_LINEAGENTSTATUSEX_STATE,
              TCC_LINEAGENTSTATEEX_NOTREADY },
            { TCC_LINE_AGENTSESSIONSTATUS, session,
              TCC_LINEAGENTSESSIONSTATUS_NEWSESSION | TCC_LINEAGENTSESSIONSTATUS_STATE, NR },
            { TCC_LINE_AGENTSESSIONSTATUS, session, TCC_LINEAGENTSESSIONSTATUS_STATE, RD },
            { TCC_LINE_AGENTSTATUSEX, agent, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_READY },
            { TCC_LINE_QUEUESTATUS, 30, TCC_LINEQUEUESTATUS_UPDATEINFO, 0 },   /* queued */
            { TCC_LINE_QUEUESTATUS, 30, TCC_LINEQUEUESTATUS_UPDATEINFO, 0 },   /* answered */
            { TCC_LINE_AGENTSESSIONSTATUS, session, TCC_LINEAGENTSESSIONSTATUS_STATE, OC },
            { TCC_LINE_AGENTSTATUSEX, agent, TCC_LINEAGENTSTATUSEX_STATE, TCC_LINEAGENTSTATEEX_BUSYACD },
        };

        assert_int_equal(sizeof(expected) / sizeof(expected[0]), recorder->count);
        for (size_t i = 0; i < recorder->count; i++)
            if (memcmp(&expected[i], &recorder->items[i], sizeof(expected[i])))
                fail_msg("message %zu: %u(%u, 0x%x, 0x%x), expected %u(%u, 0x%x, 0x%x)", i,
                         recorder->items[i].message, recorder->items[i].param1, recorder->items[i].param2,
                         recorder->items[i].param3, expected[i].message, expected[i].param1, expected[i].param2,
                         expected[i].param3);
    }
    /* Timers that fire on a query post from there, in order. */
    recorder->count = 0;
    fake_now += 15;
    assert_int_equal(RD, session_state(engine, session));
    assert_int_equal(3, recorder->count);
    assert_int_equal(WU, recorder->items[0].param3);
    assert_int_equal(RD, recorder->items[1].param3);
    assert_int_equal(TCC_LINE_AGENTSTATUSEX, recorder->items[2].message);
    assert_int_equal(TCC_LINEAGENTSTATEEX_READY, recorder->items[2].param3);
    acd_engine_destroy(engine);
    free(recorder);
}

/* A callback may call back into the engine (the lock is not held). */
static struct acd_engine *reentrant_engine;
static unsigned reentrant_calls;

static void reentrant(void *user, uint32_t message, uint32_t p1, uint32_t p2, uint32_t p3)
{
    struct acd_agent_info info;

    if (message == TCC_LINE_AGENTSTATUSEX && !acd_get_agent_info(reentrant_engine, p1, &info))
        reentrant_calls++;
    if (message == TCC_LINE_AGENTSESSIONSTATUS && p3 == RD)
        acd_set_session_state(reentrant_engine, p1, NR, 0);   /* posts more, delivered after */
}

static void test_callback_may_reenter(void **state)
{
    uint32_t agent, session;

    reentrant_engine = engine_from(small_topology);
    reentrant_calls = 0;
    acd_engine_set_event_callback(reentrant_engine, reentrant, NULL);
    assert_int_equal(0, acd_create_agent(reentrant_engine, NULL, NULL, "x", &agent));
    assert_int_equal(0, acd_create_session(reentrant_engine, agent, NULL, 1, 0, &support_guid, &session));
    assert_int_equal(0, acd_set_session_state(reentrant_engine, session, RD, 0));
    assert_int_equal(NR, session_state(reentrant_engine, session));
    assert_true(reentrant_calls >= 2);
    acd_engine_destroy(reentrant_engine);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_agent_creation_rules),
        cmocka_unit_test(test_session_creation_rules),
        cmocka_unit_test(test_every_requested_transition),
        cmocka_unit_test(test_invalid_state_values),
        cmocka_unit_test(test_call_driven_transitions),
        cmocka_unit_test(test_agent_state_follows_sessions),
        cmocka_unit_test(test_status_messages),
        cmocka_unit_test(test_callback_may_reenter),
    };

    return cmocka_run_group_tests_name("acd states", tests, NULL, NULL);
}
