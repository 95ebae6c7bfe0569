/*
 * Every statistic on hand-built scenarios with a fake clock; the expected values
 * are worked out in the comments from the definitions in acd_engine.h.
 */
#include "acd_fixture.h"

#define RD TCC_LINEAGENTSESSIONSTATE_READY
#define NR TCC_LINEAGENTSESSIONSTATE_NOTREADY
#define EN TCC_LINEAGENTSESSIONSTATE_ENDED

struct scenario
{
    struct acd_engine *engine;
    uint32_t agent, session;
};

/* alice logs into Sales on line 1 at T0, NOT_READY. */
static struct scenario start(void)
{
    struct scenario s;

    s.engine = engine_from(small_topology);
    assert_int_equal(0, acd_create_agent(s.engine, "1001", "1234", NULL, &s.agent));
    assert_int_equal(0, acd_create_session(s.engine, s.agent, "1234", 1, 0, &sales_guid, &s.session));
    return s;
}

/*
 * T0      call 1 arrives in Sales; nobody is ready
 * T0+20   alice READY: answers call 1 (waited 20), talks 100, wraps 30
 * T0+120  wrap-up; T0+150 READY
 * T0+200  call 2 arrives, answered at once (waited 0), talks 50, wraps 10
 * T0+250  wrap-up; T0+260 READY; queried at T0+300.
 */
static void two_calls(struct scenario *s)
{
    assert_int_equal(0, acd_inject_call(s->engine, 10, 100, 30, 0));
    fake_now = T0 + 20;
    assert_int_equal(0, acd_set_session_state(s->engine, s->session, RD, 0));
    fake_now = T0 + 200;
    assert_int_equal(0, acd_inject_call(s->engine, 10, 50, 10, 0));
    fake_now = T0 + 300;
}

static void test_session_statistics(void **state)
{
    struct scenario s = start();
    struct acd_session_info info;

    two_calls(&s);
    assert_int_equal(0, acd_get_session_info(s.engine, s.session, &info));
    assert_int_equal(T0, info.start);
    assert_int_equal(300, info.duration);
    assert_int_equal(2, info.calls);
    assert_int_equal(150, info.talk_time);          /* 100 + 50 */
    assert_int_equal(75, info.average_talk_time);
    assert_int_equal(40, info.wrapup_time);         /* 30 + 10 */
    assert_int_equal(20, info.average_wrapup_time);
    assert_int_equal(190, info.call_time);
    assert_int_equal(95, info.average_call_time);
    assert_int_equal(240000, info.acd_call_rate);   /* 2 calls in 300 s = 24.0000 per hour */
    assert_int_equal(20, info.longest_time_to_answer);
    assert_int_equal(10, info.average_time_to_answer);
    assert_int_equal(1, info.line_id);
    assert_int_equal(0, info.group);
    acd_engine_destroy(s.engine);
}

/* A call in progress counts up to now. */
static void test_statistics_during_a_call(void **state)
{
    struct scenario s = start();
    struct acd_session_info info;
    struct acd_agent_info agent;

    assert_int_equal(0, acd_inject_call(s.engine, 10, 100, 30, 0));
    fake_now = T0 + 20;
    assert_int_equal(0, acd_set_session_state(s.engine, s.session, RD, 0));
    fake_now = T0 + 70;
    assert_int_equal(0, acd_get_session_info(s.engine, s.session, &info));
    assert_int_equal(1, info.calls);
    assert_int_equal(50, info.talk_time);
    assert_int_equal(50, info.average_talk_time);
    assert_int_equal(0, info.wrapup_time);
    fake_now = T0 + 130;    /* talk ended at T0+120: 10 s into wrap-up */
    assert_int_equal(0, acd_get_session_info(s.engine, s.session, &info));
    assert_int_equal(100, info.talk_time);
    assert_int_equal(10, info.wrapup_time);
    assert_int_equal(110, info.call_time);
    assert_int_equal(0, acd_get_agent_info(s.engine, s.agent, &agent));
    assert_int_equal(100, agent.acd_talk_time);
    assert_int_equal(10, agent.acd_wrapup_time);
    /* READY in wrap-up ends it: 15 s of wrap-up in all. */
    fake_now = T0 + 135;
    assert_int_equal(0, acd_set_session_state(s.engine, s.session, RD, 0));
    fake_now = T0 + 500;
    assert_int_equal(0, acd_get_session_info(s.engine, s.session, &info));
    assert_int_equal(15, info.wrapup_time);
    assert_int_equal(115, info.call_time);
    acd_engine_destroy(s.engine);
}

static void test_agent_statistics(void **state)
{
    struct scenario s = start();
    struct acd_agent_info info;

    two_calls(&s);
    assert_int_equal(0, acd_get_agent_info(s.engine, s.agent, &info));
    assert_int_equal(3600, info.measurement_period);
    assert_int_equal(2, info.acd_calls);
    assert_int_equal(150, info.acd_talk_time);
    assert_int_equal(40, info.acd_wrapup_time);
    assert_int_equal(190, info.acd_call_time);
    assert_int_equal(240000, info.overall_call_rate);   /* 2 calls in 300 s logged in */
    assert_int_equal(0, info.incoming_calls);
    assert_int_equal(0, info.outgoing_calls);
    acd_engine_destroy(s.engine);
}

/* The overall call rate counts only time logged into at least one session. */
static void test_overall_rate_counts_logged_in_time_once(void **state)
{
    struct scenario s = start();
    struct acd_agent_info info;
    uint32_t second;

    /* A second session over the same time does not double the agent-hours. */
    assert_int_equal(0, acd_create_session(s.engine, s.agent, "1234", 2, 0, &support_guid, &second));
    two_calls(&s);
    assert_int_equal(0, acd_set_session_state(s.engine, s.session, EN, 0));
    assert_int_equal(0, acd_set_session_state(s.engine, second, EN, 0));
    fake_now = T0 + 900;    /* logged out since T0+300 */
    assert_int_equal(0, acd_get_agent_info(s.engine, s.agent, &info));
    assert_int_equal(240000, info.overall_call_rate);
    acd_engine_destroy(s.engine);
}

/* Ending a session stops its duration. */
static void test_ended_session_stops_timing(void **state)
{
    struct scenario s = start();
    struct acd_session_info info;

    fake_now = T0 + 42;
    assert_int_equal(0, acd_set_session_state(s.engine, s.session, EN, 0));
    fake_now = T0 + 4000;
    assert_int_equal(0, acd_get_session_info(s.engine, s.session, &info));
    assert_int_equal(42, info.duration);
    assert_int_equal(0, info.acd_call_rate);
    assert_int_equal(0, info.average_talk_time);
    acd_engine_destroy(s.engine);
}

/*
 * Measurement period 600 set at T0+300: window [T0+300, T0+900).
 * T0+400 call 3 answered, talks 100, wraps 10 (ends T0+510)
 * T0+880 call 4 answered, talks 40 (ends T0+920), wraps 10.
 * At T0+600: 1 call, talk 100, wrap 10, logged in 300 s -> 12.0000 per hour.
 * At T0+950 (window [T0+900, T0+1500)): call 4 was answered in the last window, so 0
 * calls; its talk from T0+900 to T0+920 = 20, wrap-up 10; logged in 50.
 */
static void test_measurement_period_windows(void **state)
{
    struct scenario s = start();
    struct acd_agent_info info;

    two_calls(&s);
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_set_agent_measurement_period(s.engine, s.agent, 0));
    assert_int_equal(0, acd_set_agent_measurement_period(s.engine, s.agent, 600));
    assert_int_equal(0, acd_get_agent_info(s.engine, s.agent, &info));
    assert_int_equal(600, info.measurement_period);
    assert_int_equal(0, info.acd_calls);
    assert_int_equal(0, info.acd_talk_time);

    fake_now = T0 + 400;
    assert_int_equal(0, acd_inject_call(s.engine, 10, 100, 10, 0));
    fake_now = T0 + 600;
    assert_int_equal(0, acd_get_agent_info(s.engine, s.agent, &info));
    assert_int_equal(1, info.acd_calls);
    assert_int_equal(100, info.acd_talk_time);
    assert_int_equal(10, info.acd_wrapup_time);
    assert_int_equal(120000, info.overall_call_rate);

    fake_now = T0 + 880;
    assert_int_equal(0, acd_inject_call(s.engine, 10, 40, 10, 0));
    fake_now = T0 + 950;
    assert_int_equal(0, acd_get_agent_info(s.engine, s.agent, &info));
    assert_int_equal(0, info.acd_calls);
    assert_int_equal(20, info.acd_talk_time);
    assert_int_equal(10, info.acd_wrapup_time);
    assert_int_equal(30, info.acd_call_time);
    assert_int_equal(0, info.overall_call_rate);
    acd_engine_destroy(s.engine);
}

/*
 * Nobody ready.  T0: call A arrives in Sales (flows to Overflow after 60 s,
 * patience 100 s); call B arrives in Support (patience 0: waits for ever).
 * T0+60 A flows Sales -> Overflow; T0+100 A abandons in Overflow (no flow_to:
 * final disposition).  At T0+130: Support has B waiting for 130 s.
 */
static void test_queue_statistics(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    struct acd_queue_info sales, overflow, support;

    assert_int_equal(0, acd_inject_call(engine, 10, 100, 10, 100));
    assert_int_equal(0, acd_inject_call(engine, 30, 100, 10, 0));
    fake_now = T0 + 59;
    assert_int_equal(0, acd_get_queue_info(engine, 10, &sales));
    assert_int_equal(1, sales.current_calls_queued);
    assert_int_equal(59, sales.current_longest_wait);
    fake_now = T0 + 130;
    assert_int_equal(0, acd_get_queue_info(engine, 10, &sales));
    assert_int_equal(0, acd_get_queue_info(engine, 20, &overflow));
    assert_int_equal(0, acd_get_queue_info(engine, 30, &support));

    assert_int_equal(1, sales.calls_queued);
    assert_int_equal(0, sales.current_calls_queued);
    assert_int_equal(1, sales.calls_flowed_out);
    assert_int_equal(0, sales.calls_abandoned);
    assert_int_equal(60, sales.longest_ever_wait);
    assert_int_equal(60, sales.average_wait);
    assert_int_equal(0, sales.final_disposition);

    assert_int_equal(1, overflow.calls_queued);
    assert_int_equal(1, overflow.calls_flowed_in);
    assert_int_equal(1, overflow.calls_abandoned);
    assert_int_equal(40, overflow.longest_ever_wait);
    assert_int_equal(40, overflow.average_wait);
    assert_int_equal(1, overflow.final_disposition);

    assert_int_equal(1, support.calls_queued);
    assert_int_equal(1, support.current_calls_queued);
    assert_int_equal(130, support.current_longest_wait);
    assert_int_equal(130, support.longest_ever_wait);
    assert_int_equal(0, support.average_wait);   /* no call has left it */

    /* Resetting the period clears the counts, not the waiting call. */
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_set_queue_measurement_period(engine, 30, 0));
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_set_queue_measurement_period(engine, 99, 60));
    assert_int_equal(0, acd_set_queue_measurement_period(engine, 30, 60));
    assert_int_equal(0, acd_get_queue_info(engine, 30, &support));
    assert_int_equal(60, support.measurement_period);
    assert_int_equal(0, support.calls_queued);
    assert_int_equal(1, support.current_calls_queued);
    assert_int_equal(TCC_LINEERR_INVALPARAM, acd_get_queue_info(engine, 99, &support));
    acd_engine_destroy(engine);
}

/* Routing: the call that waited longest goes to the session idle longest. */
static void test_longest_idle_session_answers(void **state)
{
    struct acd_engine *engine = engine_from(small_topology);
    struct acd_session_info info;
    uint32_t alice, bob, a, b;

    assert_int_equal(0, acd_create_agent(engine, "1001", "1234", NULL, &alice));
    assert_int_equal(0, acd_create_agent(engine, "1002", NULL, NULL, &bob));
    assert_int_equal(0, acd_create_session(engine, alice, "1234", 1, 0, &sales_guid, &a));
    assert_int_equal(0, acd_create_session(engine, bob, NULL, 2, 0, &sales_guid, &b));
    assert_int_equal(0, acd_set_session_state(engine, b, RD, 0));
    fake_now = T0 + 5;
    assert_int_equal(0, acd_set_session_state(engine, a, RD, 0));
    fake_now = T0 + 10;
    assert_int_equal(0, acd_inject_call(engine, 10, 30, 5, 0));   /* to bob: idle since T0 */
    assert_int_equal(0, acd_inject_call(engine, 10, 30, 5, 0));   /* to alice */
    assert_int_equal(0, acd_inject_call(engine, 10, 30, 5, 0));   /* waits */
    assert_int_equal(0, acd_get_session_info(engine, b, &info));
    assert_int_equal(1, info.calls);
    assert_int_equal(0, acd_get_session_info(engine, a, &info));
    assert_int_equal(1, info.calls);
    /* Both wrap-ups end at T0+45; bob's timer was set first (he answered first), so
     * he is READY first and takes the waiting call. */
    fake_now = T0 + 45;
    assert_int_equal(0, acd_get_session_info(engine, a, &info));
    assert_int_equal(1, info.calls);
    assert_int_equal(0, acd_get_session_info(engine, b, &info));
    assert_int_equal(2, info.calls);
    assert_int_equal(35, info.longest_time_to_answer);   /* waited T0+10 .. T0+45 */
    acd_engine_destroy(engine);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_session_statistics),
        cmocka_unit_test(test_statistics_during_a_call),
        cmocka_unit_test(test_agent_statistics),
        cmocka_unit_test(test_overall_rate_counts_logged_in_time_once),
        cmocka_unit_test(test_ended_session_stops_timing),
        cmocka_unit_test(test_measurement_period_windows),
        cmocka_unit_test(test_queue_statistics),
        cmocka_unit_test(test_longest_idle_session_answers),
    };

    return cmocka_run_group_tests_name("acd statistics", tests, NULL, NULL);
}
