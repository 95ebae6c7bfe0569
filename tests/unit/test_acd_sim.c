/*
 * The simulator: the same seed and clock give the same numbers; a long simulated
 * day keeps every invariant; and several threads may query and change the engine
 * while the simulation runs.
 */
#include "acd_fixture.h"

#include <pthread.h>
#include <stdbool.h>

#define RD TCC_LINEAGENTSESSIONSTATE_READY

struct center
{
    struct acd_engine *engine;
    uint32_t agents[3];
    uint32_t sessions[6];
    size_t session_count;
};

/* The demo topology with its three agents logged into each of their groups. */
static void open_center(struct center *center, uint64_t seed)
{
    struct acd_config config;
    char error[256];
    static const char *ids[] = { "1001", "1002", "1003" }, *pins[] = { "1234", "2345", NULL };

    assert_int_equal(0, acd_config_load_string(acd_demo_topology, "demo", &config, error, sizeof(error)));
    config.seed = seed;
    config.has_start = true;
    config.start = T0;
    fake_now = T0;
    assert_int_equal(0, acd_engine_create(&config, fake_clock, NULL, &center->engine));
    center->session_count = 0;
    for (size_t a = 0; a < 3; a++)
    {
        assert_int_equal(0, acd_create_agent(center->engine, ids[a], pins[a], NULL, &center->agents[a]));
        for (size_t g = 0; g < config.group_count; g++)
        {
            uint32_t session;

            if (!(config.agents[a].groups & (UINT64_C(1) << g)))
                continue;
            assert_int_equal(0, acd_create_session(center->engine, center->agents[a], pins[a],
                                                   config.addresses[a].line_id, config.addresses[a].address_id,
                                                   &config.groups[g].guid, &session));
            assert_int_equal(0, acd_set_session_state(center->engine, session, RD, 0));
            center->sessions[center->session_count++] = session;
        }
    }
    acd_config_free(&config);
}

struct snapshot
{
    struct acd_session_info sessions[6];
    struct acd_agent_info agents[3];
    struct acd_queue_info queues[3];
    struct acd_engine_totals totals;
};

static void take(struct center *center, struct snapshot *snapshot)
{
    memset(snapshot, 0, sizeof(*snapshot));
    for (size_t i = 0; i < center->session_count; i++)
        assert_int_equal(0, acd_get_session_info(center->engine, center->sessions[i], &snapshot->sessions[i]));
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(0, acd_get_agent_info(center->engine, center->agents[i], &snapshot->agents[i]));
    for (uint32_t q = 1; q <= 3; q++)
        assert_int_equal(0, acd_get_queue_info(center->engine, q, &snapshot->queues[q - 1]));
    acd_engine_totals(center->engine, &snapshot->totals);
}

static void run_until(struct center *center, int64_t end, int64_t step)
{
    struct acd_engine_totals totals;

    while (fake_now < end)
    {
        fake_now = fake_now + step < end ? fake_now + step : end;
        acd_engine_totals(center->engine, &totals);
    }
}

static void test_same_seed_same_numbers(void **state)
{
    struct center one, two, three;
    struct snapshot *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b)), *c = calloc(1, sizeof(*c));

    open_center(&one, 42);
    run_until(&one, T0 + 8 * 3600, 600);
    take(&one, a);
    /* The same seed, queried at other moments: the same numbers at the end. */
    open_center(&two, 42);
    run_until(&two, T0 + 8 * 3600, 37);
    take(&two, b);
    assert_true(a->totals.arrived > 80);
    assert_int_equal(a->totals.arrived, b->totals.arrived);
    assert_int_equal(a->totals.answered, b->totals.answered);
    assert_memory_equal(a->sessions, b->sessions, sizeof(a->sessions));
    assert_memory_equal(a->agents, b->agents, sizeof(a->agents));
    assert_memory_equal(a->queues, b->queues, sizeof(a->queues));
    /* Another seed, another day. */
    open_center(&three, 43);
    run_until(&three, T0 + 8 * 3600, 600);
    take(&three, c);
    assert_true(memcmp(a->sessions, c->sessions, sizeof(a->sessions)) != 0);
    printf("seed 42: %llu calls arrived, %llu answered, %llu abandoned, %llu flowed in 8 hours\n",
           (unsigned long long)a->totals.arrived, (unsigned long long)a->totals.answered,
           (unsigned long long)a->totals.abandoned, (unsigned long long)a->totals.flowed);
    acd_engine_destroy(one.engine);
    acd_engine_destroy(two.engine);
    acd_engine_destroy(three.engine);
    free(a);
    free(b);
    free(c);
}

static void check_invariants(struct center *center, const struct snapshot *s)
{
    uint64_t agent_calls = 0, session_calls = 0;

    /* Every call that arrived was answered, abandoned, or is still waiting. */
    assert_int_equal(s->totals.arrived, s->totals.answered + s->totals.abandoned + s->totals.waiting);
    assert_true(s->totals.completed <= s->totals.answered);
    for (size_t i = 0; i < center->session_count; i++)
    {
        const struct acd_session_info *x = &s->sessions[i];

        assert_int_equal(x->call_time, x->talk_time + x->wrapup_time);
        if (x->calls)
        {
            assert_int_equal(x->average_talk_time, x->talk_time / x->calls);
            assert_int_equal(x->average_wrapup_time, x->wrapup_time / x->calls);
            assert_int_equal(x->average_call_time, x->call_time / x->calls);
            assert_int_equal(x->average_time_to_answer <= x->longest_time_to_answer, 1);
            assert_int_equal(x->acd_call_rate, (int64_t)x->calls * 36000000 / x->duration);
        }
        assert_true(x->call_time <= x->duration);
        session_calls += x->calls;
    }
    /* The agent state (kept from counts) agrees with its sessions' states. */
    for (size_t i = 0; i < 3; i++)
    {
        uint32_t expected = TCC_LINEAGENTSTATEEX_NOTREADY;
        bool busy = false, ready = false;

        for (size_t j = 0; j < center->session_count; j++)
        {
            const struct acd_session_info *x = &s->sessions[j];

            if (x->agent != center->agents[i])
                continue;
            busy |= x->state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL || x->state == TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP;
            ready |= x->state == RD;
        }
        if (busy)
            expected = TCC_LINEAGENTSTATEEX_BUSYACD;
        else if (ready)
            expected = TCC_LINEAGENTSTATEEX_READY;
        assert_int_equal(expected, s->agents[i].state);
    }
    for (size_t i = 0; i < 3; i++)
    {
        assert_int_equal(s->agents[i].acd_call_time, s->agents[i].acd_talk_time + s->agents[i].acd_wrapup_time);
        assert_true(s->agents[i].acd_call_time <= s->agents[i].measurement_period);
        agent_calls += s->agents[i].acd_calls;
    }
    assert_int_equal(session_calls, s->totals.answered);
    assert_true(agent_calls <= session_calls);   /* agents count the current hour only */
    for (size_t q = 0; q < 3; q++)
    {
        const struct acd_queue_info *x = &s->queues[q];

        assert_true(x->current_longest_wait <= x->longest_ever_wait);
        assert_true(x->average_wait <= x->longest_ever_wait);
        assert_true(x->final_disposition <= x->calls_abandoned);
    }
}

static void test_invariants_over_a_long_day(void **state)
{
    struct center center;
    struct snapshot *snapshot = calloc(1, sizeof(*snapshot));

    open_center(&center, 7);
    for (int hour = 1; hour <= 12; hour++)
    {
        run_until(&center, T0 + hour * 3600, 97);
        take(&center, snapshot);
        check_invariants(&center, snapshot);
    }
    assert_true(snapshot->totals.answered > 150);
    assert_true(snapshot->totals.flowed > 0);
    acd_engine_destroy(center.engine);
    free(snapshot);
}

/* Threads: two query everything, two change states and log sessions in and out,
 * while the clock (shared, atomic) moves the simulation on. */
static int64_t shared_now = T0;
static int64_t shared_clock(void *user)
{
    return __atomic_load_n(&shared_now, __ATOMIC_SEQ_CST);
}

struct worker
{
    struct acd_engine *engine;
    uint32_t agent;
    int kind;
    unsigned operations, failures;
};

static void *work(void *argument)
{
    struct worker *w = argument;

    for (int i = 0; i < 2000; i++)
    {
        if (w->kind == 0)
        {
            struct acd_agent_info info;
            struct acd_queue_info queue;
            struct acd_session_info session;

            w->failures += acd_get_agent_info(w->engine, 1 + (uint32_t)(i % 3), &info) != 0;
            w->failures += acd_get_queue_info(w->engine, 1 + (uint32_t)(i % 3), &queue) != 0;
            w->failures += acd_get_session_info(w->engine, 1, &session) != 0;
            if (w->agent == 1)
                __atomic_add_fetch(&shared_now, 5, __ATOMIC_SEQ_CST);
        }
        else
        {
            uint32_t session;
            TCC_GUID sales;

            acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &sales);
            if (!acd_create_session(w->engine, w->agent, w->agent == 1 ? "1234" : "2345", w->agent - 1, 0,
                                    &sales, &session))
            {
                acd_set_session_state(w->engine, session, RD, 0);
                acd_set_agent_state(w->engine, w->agent, i % 2 ? TCC_LINEAGENTSTATEEX_READY
                                                               : TCC_LINEAGENTSTATEEX_NOTREADY, 0);
                acd_set_session_state(w->engine, session, TCC_LINEAGENTSESSIONSTATE_ENDED, 0);
            }
            else
                w->failures++;
        }
        w->operations++;
    }
    return NULL;
}

static unsigned events_seen;
static void count_event(void *user, uint32_t message, uint32_t p1, uint32_t p2, uint32_t p3)
{
    __atomic_add_fetch(&events_seen, 1, __ATOMIC_SEQ_CST);
}

static void test_threads(void **state)
{
    struct acd_config config;
    struct acd_engine *engine;
    struct worker workers[4];
    pthread_t threads[4];
    uint32_t agent, session;
    char error[256];
    struct acd_engine_totals totals;

    assert_int_equal(0, acd_config_load_string(acd_demo_topology, "demo", &config, error, sizeof(error)));
    config.has_start = true;
    config.start = T0;
    shared_now = T0;
    assert_int_equal(0, acd_engine_create(&config, shared_clock, NULL, &engine));
    acd_config_free(&config);
    acd_engine_set_event_callback(engine, count_event, NULL);
    assert_int_equal(0, acd_create_agent(engine, "1001", "1234", NULL, &agent));
    assert_int_equal(0, acd_create_agent(engine, "1002", "2345", NULL, &agent));
    assert_int_equal(0, acd_create_agent(engine, "1003", NULL, NULL, &agent));
    assert_int_equal(0, acd_create_session(engine, 3, NULL, 2, 0,
                                           &(TCC_GUID){ 0x1B2C3D4E, 2, 0x4A5B, { 0x8C, 0x9D, 0x0E, 0x1F, 0x2A, 0x3B, 0x4C, 0x02 } },
                                           &session));
    assert_int_equal(0, acd_set_session_state(engine, session, RD, 0));

    for (int i = 0; i < 4; i++)
    {
        workers[i] = (struct worker){ engine, (uint32_t)(i % 2) + 1, i / 2, 0, 0 };
        assert_int_equal(0, pthread_create(&threads[i], NULL, work, &workers[i]));
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < 4; i++)
    {
        assert_int_equal(2000, workers[i].operations);
        assert_int_equal(0, workers[i].failures);
    }
    acd_engine_totals(engine, &totals);
    assert_int_equal(totals.arrived, totals.answered + totals.abandoned + totals.waiting);
    assert_true(events_seen > 4000);
    printf("threads: %u operations, %u status messages, %llu calls, %llu timers run\n",
           workers[0].operations * 4, events_seen, (unsigned long long)totals.arrived,
           (unsigned long long)totals.events_processed);
    acd_engine_destroy(engine);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_same_seed_same_numbers),
        cmocka_unit_test(test_invariants_over_a_long_day),
        cmocka_unit_test(test_threads),
    };

    return cmocka_run_group_tests_name("acd simulator", tests, NULL, NULL);
}
