/*
 * The asterisk provider against the faults networks have, natively under ASan: the
 * provider talks to the real Asterisk through fault_relay (with_asterisk --relay),
 * whose control file the test writes, while a driver client reaches Asterisk
 * directly (as another desktop or a phone would).
 *
 *   silent   the flow goes silent (a NAT that forgot it): a pause made meanwhile is
 *            seen within keepalive + timeout + one reconnect, with the link's state
 *            raised out of service and back in service;
 *   cut      nothing gets through, new connections neither: the link is declared
 *            dead, requests fail at once, close returns within a second, an open
 *            fails within its bound, and the link comes back when the cable does;
 *   reset    an RST: reconnected at once;
 *   delay    every byte 200 ms late, every write split into 1-byte writes: login,
 *   + split  sessions, a call and its statistics as on a clean path;
 *   idle     an idle client sends one Ping per keepalive and nothing else.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "ami_model.h"
#include "ami_test_client.h"
#include "asterisk_provider.h"
#include "provider_watch.h"

#define KEEPALIVE_S 1
#define TIMEOUT_MS 1000
/* One reconnect: the first backoff (0.5 s), the connect, the login and the resync. */
#define RECONNECT_ALLOWANCE_MS 2500

static const struct tcc_provider *provider = &tcc_asterisk_provider;
static const tcc_wchar pin_1234[] = { '1', '2', '3', '4', 0 };
static char relay_config[1024];

static double now_s(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Sets the relay's faults (fault_relay.c) and gives it a moment to read them. */
static void relay_mode(const char *words)
{
    FILE *file = fopen(getenv("TCC_RELAY_CONTROL"), "w");

    assert_non_null(file);
    fprintf(file, "%s\n", words);
    assert_int_equal(0, fclose(file));
    usleep(100000);
}

static int setup(void **state)
{
    struct ami_test_client driver;
    char record[160];

    if (!getenv("TCC_RELAY_PORT") || !getenv("TCC_RELAY_CONTROL"))
    {
        fprintf(stderr, "run me through with_asterisk --relay\n");
        return -1;
    }
    ami_test_open_driver(&driver, "faults-setup");
    ami_test_agent_record("1234", record, sizeof(record));
    ami_test_db_put(&driver, "tapi3cc/agents", "1001", record);
    ami_test_db_put(&driver, "tapi3cc/addresses", "2001", "Local/2001@agents");
    ami_test_close(&driver);
    snprintf(relay_config, sizeof(relay_config), "port=%s;user=tapi3cc;secretfile=%s;keepalive=%d;timeout=%d;"
             "wrapup.sales=2", getenv("TCC_RELAY_PORT"), getenv("TCC_AMI_SECRETFILE"), KEEPALIVE_S, TIMEOUT_MS);
    return 0;
}

static struct tcc_asterisk_counters counters_of(void *context)
{
    struct tcc_asterisk_counters counters;

    assert_int_equal(0, provider->control(context, TCC_ASTERISK_CONTROL_COUNTERS, &counters, sizeof(counters)));
    return counters;
}

/* Opens through the relay, logs agent 1001 into sales and makes the session READY. */
static void *open_with_session(tcc_hagentsession *session, size_t *next)
{
    tcc_wchar id[] = { '1', '0', '0', '1', 0 };
    tcc_hagent agent;
    TCC_GUID sales;
    char error[256];
    void *context;

    assert_int_equal(0, provider->open(relay_config, &context, error, sizeof(error)));
    provider->set_event_callback(context, watch_record, NULL);
    *next = watch_count();
    ami_model_group_guid("sales", &sales);
    assert_int_equal(0, provider->create_agent(context, id, pin_1234, NULL, &agent));
    assert_int_equal(0, provider->create_agent_session(context, agent, pin_1234, 0, 0, &sales, session));
    assert_int_equal(0, provider->set_agent_session_state(context, *session, TCC_LINEAGENTSESSIONSTATE_READY, 0));
    *next = watch_session_state(provider, context, *next, *session, TCC_LINEAGENTSESSIONSTATE_READY);
    return context;
}

static void driver_action(const char *text)
{
    struct ami_test_client driver;
    struct ami_message message;

    ami_test_open_driver(&driver, "faults-driver");
    ami_test_action(&driver, text, &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    ami_test_close(&driver);
}

static void end_session(void *context, tcc_hagentsession session, size_t next)
{
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_ENDED, 0));
    watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_ENDED);
}

/* Closes the provider on a cut path: within a second; then the path and the queue
 * are as they were. */
static void close_within_a_second(void *context, const char *what)
{
    double started = now_s(), took;

    provider->close(context);
    took = now_s() - started;
    printf("asterisk faults: %s returned in %.3f s\n", what, took);
    assert_true(took < 1.0);
    relay_mode("pass");
    driver_action("Action: QueueRemove\r\nQueue: sales\r\nInterface: Local/2001@agents\r\n");
}

/* The flow goes silent; a supervisor pauses the agent meanwhile.  The provider
 * notices the dead path by its Ping and sees the pause after one reconnect. */
static void test_silent_path(void **state)
{
    tcc_hagentsession session;
    struct tcc_asterisk_counters before, after;
    size_t next, down, up;
    double paused_at, seen_after;
    void *context = open_with_session(&session, &next);

    before = counters_of(context);
    relay_mode("silent");
    paused_at = now_s();
    driver_action("Action: QueuePause\r\nQueue: sales\r\nInterface: Local/2001@agents\r\nPaused: true\r\n"
                  "Reason: supervisor\r\n");
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    seen_after = now_s() - paused_at;
    down = watch_wait(provider, context, 0, TCC_LINE_LINEDEVSTATE, WATCH_ANY, TCC_LINEDEVSTATE_OUTOFSERVICE,
                      WATCH_ANY, 0);
    up = watch_wait(provider, context, down, TCC_LINE_LINEDEVSTATE, WATCH_ANY, TCC_LINEDEVSTATE_INSERVICE,
                    WATCH_ANY, 5000);
    after = counters_of(context);
    printf("asterisk faults: silent path: the pause seen after %.2f s (keepalive %d s + timeout %.1f s + one "
           "reconnect); %llu Ping(s), %llu loss, %llu logins\n", seen_after, KEEPALIVE_S, TIMEOUT_MS / 1000.0,
           (unsigned long long)(after.pings - before.pings), (unsigned long long)(after.losses - before.losses),
           (unsigned long long)after.logins);
    assert_true(down > 0);
    assert_true(up > down);
    assert_true(seen_after <= KEEPALIVE_S + TIMEOUT_MS / 1000.0 + RECONNECT_ALLOWANCE_MS / 1000.0);
    assert_int_equal(1, after.losses - before.losses);
    assert_int_equal(2, after.logins);
    assert_true(after.pings > before.pings);
    assert_int_equal(TCC_LINK_UP, provider->link_state(context));
    end_session(context, session, next);
    provider->close(context);
    relay_mode("pass");
}

/* The cable is cut: nothing gets through, new connections neither. */
static void test_cut_path(void **state)
{
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };
    tcc_hagentsession session;
    size_t next, down, up;
    double started, took;
    char error[256];
    void *context = open_with_session(&session, &next), *other;

    relay_mode("cut");
    down = watch_wait(provider, context, next, TCC_LINE_LINEDEVSTATE, WATCH_ANY, TCC_LINEDEVSTATE_OUTOFSERVICE,
                      WATCH_ANY, (KEEPALIVE_S * 1000 + TIMEOUT_MS) * 2);
    assert_true(down > 0);
    assert_int_equal(TCC_LINK_DOWN, provider->link_state(context));

    /* Reads go on with the last figures; requests fail at once, not after the timeout. */
    assert_int_equal(0, provider->get_agent_session_info(context, session, &info));
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_READY, info.dwAgentSessionState);
    started = now_s();
    assert_int_equal(TCC_LINEERR_OPERATIONFAILED,
                     provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY, 0));
    took = now_s() - started;
    printf("asterisk faults: cut: a request failed in %.3f s\n", took);
    assert_true(took < TIMEOUT_MS / 1000.0 / 4);

    /* A new open cannot log in: it fails within its bound, naming the cause. */
    started = now_s();
    assert_int_equal(TCC_LINEERR_OPERATIONFAILED, provider->open(relay_config, &other, error, sizeof(error)));
    took = now_s() - started;
    printf("asterisk faults: cut: open failed in %.2f s: %s\n", took, error);
    assert_true(took < 3 * TIMEOUT_MS / 1000.0);
    assert_non_null(strstr(error, "127.0.0.1"));

    /* The cable is back: the link comes back, in service. */
    relay_mode("pass");
    up = watch_wait(provider, context, down, TCC_LINE_LINEDEVSTATE, WATCH_ANY, TCC_LINEDEVSTATE_INSERVICE, WATCH_ANY,
                    15000);
    assert_true(up > 0);
    assert_int_equal(TCC_LINK_UP, provider->link_state(context));
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY, 0));

    /* Cut again, and close while the provider is reconnecting: within a second. */
    relay_mode("cut");
    assert_true(watch_wait(provider, context, up, TCC_LINE_LINEDEVSTATE, WATCH_ANY,
                           TCC_LINEDEVSTATE_OUTOFSERVICE, WATCH_ANY, (KEEPALIVE_S * 1000 + TIMEOUT_MS) * 2) > 0);
    usleep(700000);     /* into the reconnect's connect or login */
    close_within_a_second(context, "cut: close during the reconnect");
}

/* A close on a path that died silently while it was live: within a second too. */
static void test_close_on_silent_path(void **state)
{
    tcc_hagentsession session;
    size_t next;
    void *context = open_with_session(&session, &next);

    relay_mode("cut");
    close_within_a_second(context, "close on a silent live path");
}

/* An RST: the link is lost at once and made again. */
static void test_reset(void **state)
{
    tcc_hagentsession session;
    size_t next, down;
    void *context = open_with_session(&session, &next);

    relay_mode("reset");
    down = watch_wait(provider, context, next, TCC_LINE_LINEDEVSTATE, WATCH_ANY, TCC_LINEDEVSTATE_OUTOFSERVICE,
                      WATCH_ANY, 2000);
    assert_true(down > 0);
    assert_true(watch_wait(provider, context, down, TCC_LINE_LINEDEVSTATE, WATCH_ANY, TCC_LINEDEVSTATE_INSERVICE,
                           WATCH_ANY, RECONNECT_ALLOWANCE_MS * 2) > 0);
    assert_int_equal(2, counters_of(context).logins);
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY, 0));
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    printf("asterisk faults: reset: reconnected, the session answers\n");
    end_session(context, session, next);
    provider->close(context);
    relay_mode("pass");
}

/* Every byte 200 ms late and every write split into 1-byte writes. */
static void test_delayed_split_path(void **state)
{
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };
    tcc_hagentsession session;
    size_t next;
    void *context;

    relay_mode("delay=200 split");
    context = open_with_session(&session, &next);
    driver_action("Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
                  "Variable: QUEUE=sales\r\nAsync: true\r\n");
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_BUSYONCALL);
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP);
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_READY);
    assert_int_equal(0, provider->get_agent_session_info(context, session, &info));
    assert_int_equal(1, info.dwNumberOfCalls);
    assert_true(info.dwTotalTalkTime >= 2);
    assert_int_equal(0, counters_of(context).losses);
    printf("asterisk faults: 200 ms late, 1-byte writes: login, a call (talk %u s) and wrap-up, no loss\n",
           info.dwTotalTalkTime);
    end_session(context, session, next);
    provider->close(context);
    relay_mode("pass");
}

/* An idle client's only traffic: one Ping per keepalive. */
static void test_idle_pings(void **state)
{
    struct tcc_asterisk_counters before, after;
    char error[256];
    void *context;

    assert_int_equal(0, provider->open(relay_config, &context, error, sizeof(error)));
    before = counters_of(context);
    usleep(3500000);
    after = counters_of(context);
    printf("asterisk faults: idle for 3.5 s with keepalive %d s: %llu actions, %llu of them Pings\n", KEEPALIVE_S,
           (unsigned long long)(after.actions_sent - before.actions_sent),
           (unsigned long long)(after.pings - before.pings));
    assert_int_equal(after.actions_sent - before.actions_sent, after.pings - before.pings);
    assert_in_range(after.pings - before.pings, 2, 4);
    assert_int_equal(0, after.losses);
    provider->close(context);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_idle_pings),
        cmocka_unit_test(test_silent_path),
        cmocka_unit_test(test_cut_path),
        cmocka_unit_test(test_close_on_silent_path),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_delayed_split_path),
    };

    if (ami_test_read_secret())
        return 2;
    return cmocka_run_group_tests_name("asterisk_faults", tests, setup, NULL);
}
