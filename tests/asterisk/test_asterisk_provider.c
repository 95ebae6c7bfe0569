/*
 * The asterisk provider through the provider contract, natively under ASan, against
 * the real Asterisk that with_asterisk started: agents and addresses in AstDB (put
 * there by a driver client, as the admin tool will), open, groups and addresses,
 * agents by ID and PBKDF2 PIN, a session's login, ready, a queue call, wrap-up, and
 * logout with their status messages in order, a membership made by another AMI
 * client, zero AMI actions for reads, a queue's statistics against Asterisk's own,
 * Asterisk killed mid-call and restarted, and open's errors (no server, wrong
 * secret) naming the host, never the secret.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "ami_crypto.h"
#include "ami_model.h"
#include "ami_test_client.h"
#include "asterisk_provider.h"
#include "provider_watch.h"

static const struct tcc_provider *provider = &tcc_asterisk_provider;

static void to_utf16(const char *text, tcc_wchar *out)
{
    while ((*out++ = (tcc_wchar)(unsigned char)*text++))
        ;
}

static char config[1024];

static int setup(void **state)
{
    struct ami_test_client driver;
    char record_1001[160], record_1002[160];

    ami_test_open_driver(&driver, "provider-setup");
    ami_test_agent_record("1234", record_1001, sizeof(record_1001));
    ami_test_agent_record("2345", record_1002, sizeof(record_1002));
    ami_test_db_put(&driver, "tapi3cc/agents", "1001", record_1001);
    ami_test_db_put(&driver, "tapi3cc/agents", "1002", record_1002);
    ami_test_db_put(&driver, "tapi3cc/addresses", "2001", "Local/2001@agents");
    ami_test_db_put(&driver, "tapi3cc/addresses", "2002", "Local/2002@agents");
    ami_test_db_put(&driver, "tapi3cc/agents", "1003", record_1002);     /* PIN 2345 too */
    ami_test_db_put(&driver, "tapi3cc/addresses", "2003", "Local/2003@agents");
    ami_test_close(&driver);
    snprintf(config, sizeof(config), "host=127.0.0.1;port=%s;user=tapi3cc;secretfile=%s;wrapup.sales=2;"
             "wrapup.support=3",
             getenv("TCC_AMI_PORT"), getenv("TCC_AMI_SECRETFILE"));
    return 0;
}

static struct tcc_asterisk_counters counters_of(void *context)
{
    struct tcc_asterisk_counters counters;

    assert_int_equal(0, provider->control(context, TCC_ASTERISK_CONTROL_COUNTERS, &counters, sizeof(counters)));
    return counters;
}

static void test_call_center_over_ami(void **state)
{
    static const tcc_wchar pin_1234[] = { '1', '2', '3', '4', 0 }, pin_bad[] = { '0', '0', '0', '0', 0 };
    uint8_t buffer[4096];
    TCC_LINEAGENTGROUPLIST *groups = (void *)buffer;
    TCC_ADDRESSLIST *addresses = (void *)buffer;
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };
    TCC_LINEQUEUEINFO queue = { .dwTotalSize = sizeof(queue) };
    struct tcc_asterisk_counters before, after;
    struct ami_test_client driver;
    struct ami_message message;
    tcc_wchar id[16];
    tcc_hagent agent, other;
    tcc_hagentsession session;
    TCC_GUID sales, support;
    char error[256];
    void *context;
    size_t next;

    assert_int_equal(0, provider->open(config, &context, error, sizeof(error)));
    provider->set_event_callback(context, watch_record, NULL);
    assert_int_equal(1, counters_of(context).connected);

    memset(buffer, 0, sizeof(buffer));
    groups->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_group_list(context, groups));
    assert_int_equal(2, groups->dwNumEntries);
    ami_model_group_guid("sales", &sales);
    ami_model_group_guid("support", &support);
    memset(buffer, 0, sizeof(buffer));
    addresses->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_address_list(context, addresses));
    assert_int_equal(3, addresses->dwNumEntries);

    /* Agents: AstDB's record, the PIN checked against its PBKDF2 hash. */
    to_utf16("9999", id);
    assert_int_equal(TCC_LINEERR_INVALAGENTID, provider->create_agent(context, id, pin_1234, NULL, &agent));
    to_utf16("1001", id);
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, provider->create_agent(context, id, pin_bad, NULL, &agent));
    assert_int_equal(TCC_LINEERR_OPERATIONUNAVAIL, provider->create_agent(context, NULL, NULL, id, &agent));
    assert_int_equal(0, provider->create_agent(context, id, pin_1234, NULL, &agent));
    assert_int_equal(0, provider->create_agent(context, id, pin_1234, NULL, &other));
    assert_int_equal(agent, other);

    /* Login (QueueAdd, paused), ready, a queue call, wrap-up, ready again. */
    assert_int_equal(0, provider->create_agent_session(context, agent, pin_1234, 0, 0, &sales, &session));
    next = watch_session_state(provider, context, 0, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_READY, 0));
    assert_int_equal(0, provider->get_agent_session_info(context, session, &info));
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_READY, info.dwAgentSessionState);
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_READY);

    ami_test_open(&driver, "provider-driver");
    ami_test_next(&driver, &message);
    assert_string_equal("Authentication accepted", ami_test_login(&driver, "driver", ami_test_secret, &message));
    ami_test_action(&driver, "Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
                    "Variable: QUEUE=sales\r\nAsync: true\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_BUSYONCALL);
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP);
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_READY);
    assert_int_equal(0, provider->get_agent_session_info(context, session, &info));
    assert_int_equal(1, info.dwNumberOfCalls);
    assert_true(info.dwTotalTalkTime >= 2);
    assert_true(info.dwTotalWrapUpTime >= 1);

    /* Reads send nothing to Asterisk. */
    before = counters_of(context);
    for (int i = 0; i < 1000; i++)
    {
        assert_int_equal(0, provider->get_agent_session_info(context, session, &info));
        assert_int_equal(0, provider->get_queue_info(context, 2, &queue));
    }
    after = counters_of(context);
    assert_int_equal(before.actions_sent, after.actions_sent);

    /* The queue's figures, beside Asterisk's own (QueueStatus). */
    assert_int_equal(0, provider->get_queue_info(context, 2, &queue));
    assert_int_equal(1, queue.dwTotalCallsQueued);
    assert_int_equal(0, queue.dwCurrentCallsQueued);
    assert_int_equal(0, queue.dwTotalCallsAbandoned);
    ami_test_action(&driver, "Action: QueueStatus\r\nQueue: sales\r\n", &message);
    ami_test_wait_event(&driver, "QueueParams", "Queue", "sales", &message);
    assert_int_equal(1, ami_get_u64(&message, "Completed", 99));
    assert_int_equal(0, ami_get_u64(&message, "Abandoned", 99));

    /* A membership made by another AMI client is the agent's session too. */
    ami_test_action(&driver, "Action: QueueAdd\r\nQueue: support\r\nInterface: Local/2002@agents\r\n"
                    "MemberName: 1001\r\nPaused: false\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    next = watch_session_state(provider, context, next, session + 1, TCC_LINEAGENTSESSIONSTATE_READY);
    {
        TCC_LINEAGENTSESSIONLIST *list = (void *)buffer;

        memset(buffer, 0, sizeof(buffer));
        list->dwTotalSize = sizeof(buffer);
        assert_int_equal(0, provider->get_agent_session_list(context, agent, list));
        assert_int_equal(2, list->dwNumEntries);
    }

    /* Logout: QueueRemove ends the session. */
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_ENDED, 0));
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_ENDED);
    assert_int_equal(TCC_LINEERR_INVALAGENTSESSIONSTATE,
                     provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_READY, 0));
    ami_test_action(&driver, "Action: QueueRemove\r\nQueue: support\r\nInterface: Local/2002@agents\r\n", &message);
    next = watch_session_state(provider, context, next, session + 1, TCC_LINEAGENTSESSIONSTATE_ENDED);
    printf("asterisk provider: login, ready, a call, wrap-up, a foreign membership and logout; %llu AMI actions "
           "in all, none for 2,000 reads\n", (unsigned long long)counters_of(context).actions_sent);
    ami_test_close(&driver);
    provider->close(context);
}

static volatile sig_atomic_t restarted;

static void on_restarted(int signal_number)
{
    restarted = 1;
}

/* Asterisk killed mid-call and started again (by with_asterisk): the provider
 * reconnects and resynchronises, the session that Asterisk forgot ends, the objects
 * held stay valid, and a new login works. */
static void test_reconnect_after_crash(void **state)
{
    static const tcc_wchar pin_2345[] = { '2', '3', '4', '5', 0 }, id_1002[] = { '1', '0', '0', '2', 0 };
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };
    struct ami_test_client driver;
    struct ami_message message;
    struct tcc_asterisk_counters counters;
    tcc_hagent agent;
    tcc_hagentsession session, again;
    TCC_GUID support;
    char error[256];
    void *context;
    size_t next;

    signal(SIGUSR2, on_restarted);
    ami_model_group_guid("support", &support);
    assert_int_equal(0, provider->open(config, &context, error, sizeof(error)));
    provider->set_event_callback(context, watch_record, NULL);
    next = watch_count();
    assert_int_equal(0, provider->create_agent(context, id_1002, pin_2345, NULL, &agent));
    assert_int_equal(0, provider->create_agent_session(context, agent, pin_2345, 1, 1, &support, &session));
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_READY, 0));

    ami_test_open(&driver, "reconnect-driver");
    ami_test_next(&driver, &message);
    assert_string_equal("Authentication accepted", ami_test_login(&driver, "driver", ami_test_secret, &message));
    ami_test_action(&driver, "Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
                    "Variable: QUEUE=support\r\nAsync: true\r\n", &message);
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_BUSYONCALL);
    ami_test_close(&driver);

    kill(getppid(), SIGUSR1);
    for (int waited = 0; !restarted && waited < 30000; waited += 50)
        usleep(50000);
    assert_true(restarted);
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_ENDED);
    counters = counters_of(context);
    assert_int_equal(2, counters.logins);
    assert_int_equal(1, counters.connected);
    assert_int_equal(0, provider->get_agent_session_info(context, session, &info));     /* still valid */
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_ENDED, info.dwAgentSessionState);

    /* Asterisk's queue counts began again; so do the provider's. */
    {
        TCC_LINEQUEUEINFO queue = { .dwTotalSize = sizeof(queue) };
        uint8_t buffer[512];
        TCC_LINEQUEUELIST *list = (void *)buffer;
        uint32_t queue_id;

        memset(buffer, 0, sizeof(buffer));
        list->dwTotalSize = sizeof(buffer);
        assert_int_equal(0, provider->get_queue_list(context, &support, list));
        queue_id = ((const TCC_LINEQUEUEENTRY *)(buffer + list->dwListOffset))->dwQueueID;
        ami_test_open(&driver, "reconnect-after");
        ami_test_next(&driver, &message);
        assert_string_equal("Authentication accepted", ami_test_login(&driver, "driver", ami_test_secret, &message));
        ami_test_action(&driver, "Action: QueueStatus\r\nQueue: support\r\n", &message);
        ami_test_wait_event(&driver, "QueueParams", "Queue", "support", &message);
        assert_int_equal(0, provider->get_queue_info(context, queue_id, &queue));
        assert_int_equal(ami_get_u64(&message, "Completed", 99) + ami_get_u64(&message, "Abandoned", 99) +
                         ami_get_u64(&message, "Calls", 99), queue.dwTotalCallsQueued);
        assert_int_equal(ami_get_u64(&message, "Abandoned", 99), queue.dwTotalCallsAbandoned);
        assert_int_equal(ami_get_u64(&message, "Holdtime", 99), queue.dwAverageWaitTime);
        ami_test_close(&driver);
    }
    assert_int_equal(0, provider->create_agent_session(context, agent, pin_2345, 1, 1, &support, &again));
    assert_true(again != session);
    next = watch_session_state(provider, context, next, again, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    assert_int_equal(0, provider->set_agent_session_state(context, again, TCC_LINEAGENTSESSIONSTATE_ENDED, 0));
    printf("asterisk provider: Asterisk killed mid-call and restarted: reconnected (%llu logins), the forgotten "
           "session ended, a new one made\n", (unsigned long long)counters.logins);
    provider->close(context);
}

/* Two processes, each with its own connection: the second sees the session the first
 * made, its state, its changes as they happen, and the same queue figures. */
static void test_two_processes(void **state)
{
    static const tcc_wchar pin_1234[] = { '1', '2', '3', '4', 0 }, id_1001[] = { '1', '0', '0', '1', 0 };
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };
    TCC_LINEQUEUEINFO queue;
    tcc_hagent agent;
    tcc_hagentsession session;
    TCC_GUID sales;
    char error[256];
    void *context;
    pid_t child;
    int status;

    signal(SIGUSR2, on_restarted);      /* here: "the child saw it" */
    ami_model_group_guid("sales", &sales);
    assert_int_equal(0, provider->open(config, &context, error, sizeof(error)));
    assert_int_equal(0, provider->create_agent(context, id_1001, pin_1234, NULL, &agent));
    assert_int_equal(0, provider->create_agent_session(context, agent, pin_1234, 0, 0, &sales, &session));
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_READY, 0));
    queue.dwTotalSize = sizeof(queue);
    assert_int_equal(0, provider->get_queue_info(context, 2, &queue));      /* sales: the figures to agree on */

    if ((child = fork()) == 0)
    {
        uint8_t buffer[1024];
        TCC_LINEAGENTSESSIONLIST *list = (void *)buffer;
        const TCC_LINEAGENTSESSIONENTRY *entries;
        tcc_hagentsession seen_session = 0;
        tcc_hagent seen_agent;
        void *other;

        /* The child reports by its exit status: a cmocka failure here would not. */
        if (provider->open(config, &other, error, sizeof(error)) ||
            provider->create_agent(other, id_1001, pin_1234, NULL, &seen_agent))
            _exit(10);
        provider->set_event_callback(other, watch_record, NULL);
        memset(buffer, 0, sizeof(buffer));
        list->dwTotalSize = sizeof(buffer);
        if (provider->get_agent_session_list(other, seen_agent, list))
            _exit(11);
        entries = (const void *)(buffer + list->dwListOffset);
        for (uint32_t i = 0; i < list->dwNumEntries; i++)
        {
            info.dwTotalSize = sizeof(info);
            if (!provider->get_agent_session_info(other, entries[i].hAgentSession, &info) &&
                info.dwAgentSessionState == TCC_LINEAGENTSESSIONSTATE_READY)
                seen_session = entries[i].hAgentSession;
        }
        if (!seen_session)
            _exit(12);
        {
            TCC_LINEQUEUEINFO mine = { .dwTotalSize = sizeof(mine) };

            if (provider->get_queue_info(other, 2, &mine) || mine.dwTotalCallsQueued != queue.dwTotalCallsQueued ||
                mine.dwTotalCallsAbandoned != queue.dwTotalCallsAbandoned ||
                mine.dwAverageWaitTime != queue.dwAverageWaitTime)
                _exit(14);      /* the same queue figures in both processes */
        }
        /* Tell the parent, then see its change arrive. */
        kill(getppid(), SIGUSR2);
        for (int waited = 0; waited < 10000; waited += 20)
        {
            info.dwTotalSize = sizeof(info);
            if (!provider->get_agent_session_info(other, seen_session, &info) &&
                info.dwAgentSessionState == TCC_LINEAGENTSESSIONSTATE_NOTREADY)
            {
                provider->close(other);
                _exit(0);
            }
            usleep(20000);
        }
        _exit(13);
    }
    assert_true(child > 0);
    restarted = 0;
    for (int waited = 0; !restarted && waited < 10000; waited += 20)
        usleep(20000);
    assert_true(restarted);             /* the child saw the session, READY */
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY, 0));
    assert_int_equal(child, waitpid(child, &status, 0));
    if (!WIFEXITED(status) || WEXITSTATUS(status))
        fail_msg("the second process failed (status %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_ENDED, 0));
    printf("asterisk provider: a second process saw the first one's session, its change and the same queue "
           "figures\n");
    provider->close(context);
}

/* What Asterisk's own events said, tallied by the test's client. */
struct tally
{
    unsigned completes, abandons, left[2];         /* left: per queue (0 sales, 1 support) */
    uint64_t wait_sum[2];
    uint32_t longest_wait[2], talk[3];              /* talk: per agent device 2001..2003 */
};

static int queue_index(const char *queue)
{
    return queue && !strcmp(queue, "support");
}

static void tally_message(struct tally *tally, const struct ami_message *message)
{
    const char *event = ami_kind(message, "Event"), *interface;
    uint32_t hold = (uint32_t)ami_get_u64(message, "HoldTime", 0);
    int queue = queue_index(ami_get(message, "Queue"));

    if (!event)
        return;
    if (!strcmp(event, "AgentConnect") || !strcmp(event, "QueueCallerAbandon"))
    {
        tally->left[queue]++;
        tally->wait_sum[queue] += hold;
        if (hold > tally->longest_wait[queue])
            tally->longest_wait[queue] = hold;
        tally->abandons += !strcmp(event, "QueueCallerAbandon");
    }
    else if (!strcmp(event, "AgentComplete") && (interface = ami_get(message, "Interface")) &&
             !strncmp(interface, "Local/200", 9) && interface[9] >= '1' && interface[9] <= '3')
    {
        tally->talk[interface[9] - '1'] += (uint32_t)ami_get_u64(message, "TalkTime", 0);
        tally->completes++;
    }
}

static void originate(struct ami_test_client *driver, const char *queue, int wait, struct tally *tally)
{
    struct ami_message message;
    char text[256];

    snprintf(text, sizeof(text), "Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\n"
             "Data: %d\r\nVariable: QUEUE=%s\r\nAsync: true\r\nActionID: originate\r\n\r\n", wait, queue);
    assert_int_equal((ssize_t)strlen(text), write(driver->fd, text, strlen(text)));
    (void)message;
    (void)tally;
}

/* Reads the driver's messages, tallying them, until `done` holds. */
static void read_until(struct ami_test_client *driver, struct tally *tally, unsigned completes, unsigned abandons)
{
    struct ami_message message;

    while (tally->completes < completes || tally->abandons < abandons)
    {
        ami_test_next(driver, &message);
        tally_message(tally, &message);
    }
}

/* A scripted run on two queues and three agents, answered and abandoned calls:
 * every count equals what Asterisk reports in QueueStatus (Completed, Abandoned,
 * Calls, Holdtime, each member's CallsTaken) and QueueSummary (Callers,
 * LongestHoldTime), and the longest wait and the talk times equal the ones
 * Asterisk's events gave, worked out here. */
static void test_statistics_match_asterisk(void **state)
{
    static const tcc_wchar pins[3][5] = { { '1', '2', '3', '4', 0 }, { '2', '3', '4', '5', 0 },
                                          { '2', '3', '4', '5', 0 } };
    static const char *const ids[3] = { "1001", "1002", "1003" };
    TCC_LINEAGENTSESSIONINFO info;
    TCC_LINEQUEUEINFO queue;
    TCC_LINEAGENTINFO agent_info;
    struct ami_test_client driver;
    struct ami_message message;
    struct tally tally = { 0 };
    tcc_hagent agents[3];
    tcc_hagentsession sessions[3];
    TCC_GUID groups[2];
    uint32_t queue_ids[2] = { 0 }, completed[2] = { 0 }, abandoned[2] = { 0 }, waiting[2] = { 0 }, holdtime[2] = { 0 };
    uint32_t calls_taken[3] = { 0 };
    char error[256];
    void *context;

    ami_model_group_guid("sales", &groups[0]);
    ami_model_group_guid("support", &groups[1]);
    assert_int_equal(0, provider->open(config, &context, error, sizeof(error)));
    for (size_t i = 0; i < 2; i++)
    {
        uint8_t buffer[512];
        TCC_LINEQUEUELIST *list = (void *)buffer;

        memset(buffer, 0, sizeof(buffer));
        list->dwTotalSize = sizeof(buffer);
        assert_int_equal(0, provider->get_queue_list(context, &groups[i], list));
        assert_int_equal(1, list->dwNumEntries);
        queue_ids[i] = ((const TCC_LINEQUEUEENTRY *)(buffer + list->dwListOffset))->dwQueueID;
    }
    for (int i = 0; i < 3; i++)
    {
        tcc_wchar id[8];

        for (int c = 0; c < 5; c++)
            id[c] = (tcc_wchar)ids[i][c];
        assert_int_equal(0, provider->create_agent(context, id, pins[i], NULL, &agents[i]));
        assert_int_equal(0, provider->create_agent_session(context, agents[i], pins[i], (uint32_t)i, (uint32_t)i,
                                                           &groups[i == 2], &sessions[i]));
        assert_int_equal(0, provider->set_agent_session_state(context, sessions[i], TCC_LINEAGENTSESSIONSTATE_READY,
                                                              0));
    }

    ami_test_open(&driver, "statistics");
    ami_test_next(&driver, &message);
    assert_string_equal("Authentication accepted", ami_test_login(&driver, "driver", ami_test_secret, &message));
    originate(&driver, "sales", 30, &tally);
    originate(&driver, "sales", 30, &tally);
    originate(&driver, "support", 30, &tally);
    read_until(&driver, &tally, 3, 0);
    originate(&driver, "sales", 30, &tally);
    read_until(&driver, &tally, 4, 0);
    /* Support's only agent away: its next caller gives up after 2 s. */
    assert_int_equal(0, provider->set_agent_session_state(context, sessions[2], TCC_LINEAGENTSESSIONSTATE_NOTREADY,
                                                          0));
    originate(&driver, "support", 2, &tally);
    read_until(&driver, &tally, 4, 1);

    /* Asterisk's own figures. */
    ami_test_action(&driver, "Action: QueueStatus\r\n", &message);
    for (;;)
    {
        const char *event;

        ami_test_next(&driver, &message);
        if (!(event = ami_kind(&message, "Event")))
            continue;
        if (!strcmp(event, "QueueStatusComplete"))
            break;
        if (!strcmp(event, "QueueParams"))
        {
            int q = queue_index(ami_get(&message, "Queue"));

            completed[q] = (uint32_t)ami_get_u64(&message, "Completed", 999);
            abandoned[q] = (uint32_t)ami_get_u64(&message, "Abandoned", 999);
            waiting[q] = (uint32_t)ami_get_u64(&message, "Calls", 999);
            holdtime[q] = (uint32_t)ami_get_u64(&message, "Holdtime", 999);
        }
        else if (!strcmp(event, "QueueMember"))
        {
            const char *name = ami_get(&message, "Name");

            for (int i = 0; name && i < 3; i++)
                if (!strcmp(name, ids[i]))
                    calls_taken[i] += (uint32_t)ami_get_u64(&message, "CallsTaken", 999);
        }
    }
    /* QueueSummary's figures of the moment: callers waiting and the longest wait. */
    ami_test_action(&driver, "Action: QueueSummary\r\nQueue: sales\r\n", &message);
    ami_test_wait_event(&driver, "QueueSummary", "Queue", "sales", &message);
    {
        uint64_t callers = ami_get_u64(&message, "Callers", 99), longest = ami_get_u64(&message, "LongestHoldTime", 99);

        queue.dwTotalSize = sizeof(queue);
        assert_int_equal(0, provider->get_queue_info(context, queue_ids[0], &queue));
        assert_int_equal(callers, queue.dwCurrentCallsQueued);
        assert_int_equal(longest, queue.dwCurrentLongestWaitTime);
    }
    ami_test_close(&driver);

    /* The provider's connection is another one: its last events may still be on the
     * way, so its figures are given a moment to catch up (no more than 5 s). */
    for (int waited = 0, settled = 0; !settled && waited < 5000; waited += 20)
    {
        settled = 1;
        for (int q = 0; q < 2; q++)
        {
            queue.dwTotalSize = sizeof(queue);
            settled &= !provider->get_queue_info(context, queue_ids[q], &queue) &&
                       queue.dwTotalCallsQueued == completed[q] + abandoned[q] + waiting[q] &&
                       queue.dwTotalCallsAbandoned == abandoned[q];
        }
        if (!settled)
            usleep(20000);
    }
    for (int q = 0; q < 2; q++)
    {
        queue.dwTotalSize = sizeof(queue);
        assert_int_equal(0, provider->get_queue_info(context, queue_ids[q], &queue));
        assert_int_equal(completed[q] + abandoned[q] + waiting[q], queue.dwTotalCallsQueued);
        assert_int_equal(abandoned[q], queue.dwTotalCallsAbandoned);
        assert_int_equal(waiting[q], queue.dwCurrentCallsQueued);
        assert_int_equal(abandoned[q], queue.dwFinalDisposition);
        assert_int_equal(holdtime[q], queue.dwAverageWaitTime);    /* Asterisk's own Holdtime */
        assert_int_equal(tally.longest_wait[q], queue.dwLongestEverWaitTime);
    }
    assert_int_equal(3, completed[0]);
    assert_int_equal(1, completed[1]);
    assert_int_equal(1, abandoned[1]);
    for (int i = 0; i < 3; i++)
    {
        info.dwTotalSize = sizeof(info);
        assert_int_equal(0, provider->get_agent_session_info(context, sessions[i], &info));
        assert_int_equal(calls_taken[i], info.dwNumberOfCalls);
        assert_int_equal(tally.talk[i], info.dwTotalTalkTime);
        agent_info.dwTotalSize = sizeof(agent_info);
        assert_int_equal(0, provider->get_agent_info(context, agents[i], &agent_info));
        assert_int_equal(calls_taken[i], agent_info.dwNumberOfACDCalls);
        assert_int_equal(tally.talk[i], agent_info.dwTotalACDTalkTime);
        provider->set_agent_session_state(context, sessions[i], TCC_LINEAGENTSESSIONSTATE_ENDED, 0);
    }
    printf("asterisk provider: 2 queues, 3 agents, 4 answered calls and 1 abandoned: every count equals "
           "QueueStatus (sales %u completed; support %u completed, %u abandoned; CallsTaken %u, %u, %u)\n",
           completed[0], completed[1], abandoned[1], calls_taken[0], calls_taken[1], calls_taken[2]);
    provider->close(context);
}

/* The only session of agent `id` (PIN 1234 or 2345), or 0. */
static tcc_hagentsession only_session(void *context, const char *id, const char *pin)
{
    uint8_t buffer[1024];
    TCC_LINEAGENTSESSIONLIST *list = (void *)buffer;
    tcc_wchar id_utf16[16], pin_utf16[16];
    tcc_hagent agent;

    to_utf16(id, id_utf16);
    to_utf16(pin, pin_utf16);
    assert_int_equal(0, provider->create_agent(context, id_utf16, pin_utf16, NULL, &agent));
    memset(buffer, 0, sizeof(buffer));
    list->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_agent_session_list(context, agent, list));
    assert_true(list->dwNumEntries <= 1);
    return list->dwNumEntries ? ((TCC_LINEAGENTSESSIONENTRY *)(buffer + list->dwListOffset))->hAgentSession : 0;
}

/* desktop=1001: one agent's desktop gets that agent's sessions and every queue
 * figure, and Asterisk sends it fewer events than a desktop of all agents; the lag
 * probe on its member tells when the bytes of its change were read. */
static void test_desktop_filter(void **state)
{
    char desktop_config[1200], error[256];
    TCC_LINEQUEUEINFO everyone_queue = { .dwTotalSize = sizeof(everyone_queue) };
    TCC_LINEQUEUEINFO desktop_queue = { .dwTotalSize = sizeof(desktop_queue) };
    struct tcc_asterisk_counters everyone_before, everyone_after, desktop_before, desktop_after;
    tcc_hagentsession everyone_1001, everyone_1002, desktop_1001;
    struct tcc_asterisk_lag_probe probe = { "support", "Local/2001@agents", 0 };
    struct ami_test_client driver;
    struct ami_message message;
    void *everyone, *desktop;

    ami_test_open_driver(&driver, "provider-desktop");
    ami_test_action(&driver, "Action: QueueAdd\r\nQueue: support\r\nInterface: Local/2001@agents\r\n"
                    "MemberName: 1001\r\nPaused: true\r\n", &message);
    ami_test_action(&driver, "Action: QueueAdd\r\nQueue: support\r\nInterface: Local/2002@agents\r\n"
                    "MemberName: 1002\r\nPaused: true\r\n", &message);
    snprintf(desktop_config, sizeof(desktop_config), "%s;desktop=1001", config);
    assert_int_equal(0, provider->open(config, &everyone, error, sizeof(error)));
    assert_int_equal(0, provider->open(desktop_config, &desktop, error, sizeof(error)));

    /* The desktop knows its agent's session only. */
    assert_int_not_equal(0, everyone_1001 = only_session(everyone, "1001", "1234"));
    assert_int_not_equal(0, everyone_1002 = only_session(everyone, "1002", "2345"));
    assert_int_not_equal(0, desktop_1001 = only_session(desktop, "1001", "1234"));
    assert_int_equal(0, only_session(desktop, "1002", "2345"));

    /* Another agent's change reaches the first, not the desktop; its own reaches both. */
    assert_int_equal(0, provider->control(desktop, TCC_ASTERISK_CONTROL_LAG_PROBE, &probe, sizeof(probe)));
    everyone_before = counters_of(everyone);
    desktop_before = counters_of(desktop);
    ami_test_action(&driver, "Action: QueuePause\r\nQueue: support\r\nInterface: Local/2002@agents\r\n"
                    "Paused: false\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    watch_poll_state(provider, everyone, everyone_1002, 0, TCC_LINEAGENTSESSIONSTATE_READY);
    ami_test_action(&driver, "Action: QueuePause\r\nQueue: support\r\nInterface: Local/2001@agents\r\n"
                    "Paused: false\r\n", &message);
    watch_poll_state(provider, desktop, desktop_1001, 0, TCC_LINEAGENTSESSIONSTATE_READY);
    watch_poll_state(provider, everyone, everyone_1001, 0, TCC_LINEAGENTSESSIONSTATE_READY);
    everyone_after = counters_of(everyone);
    desktop_after = counters_of(desktop);
    assert_true(desktop_after.messages > desktop_before.messages);
    /* The lag probe saw when the bytes of the desktop's status change were read, once. */
    assert_int_equal(0, provider->control(desktop, TCC_ASTERISK_CONTROL_LAG_PROBE, &probe, sizeof(probe)));
    assert_true(probe.age_ns > 0 && probe.age_ns < 30000000000LL);
    assert_int_equal(0, provider->control(desktop, TCC_ASTERISK_CONTROL_LAG_PROBE, &probe, sizeof(probe)));
    assert_int_equal(-1, probe.age_ns);
    snprintf(probe.member, sizeof(probe.member), "Local/2002@agents");    /* not the desktop's */
    assert_int_equal(TCC_LINEERR_INVALPARAM,
                     provider->control(desktop, TCC_ASTERISK_CONTROL_LAG_PROBE, &probe, sizeof(probe)));
    assert_int_equal(TCC_LINEERR_INVALPARAM,
                     provider->control(desktop, TCC_ASTERISK_CONTROL_LAG_PROBE, &probe, sizeof(probe) - 1));
    assert_true(desktop_after.messages - desktop_before.messages <
                everyone_after.messages - everyone_before.messages);

    /* A caller in the queue counts on both (support rings every member: either answers). */
    ami_test_action(&driver, "Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
                    "Variable: QUEUE=support\r\nAsync: true\r\n", &message);
    watch_poll_state(provider, everyone, everyone_1001, everyone_1002, TCC_LINEAGENTSESSIONSTATE_BUSYONCALL);
    for (int waited = 0; waited < 10000; waited += 50)
    {
        assert_int_equal(0, provider->get_queue_info(everyone, 2, &everyone_queue));
        assert_int_equal(0, provider->get_queue_info(desktop, 2, &desktop_queue));
        if (everyone_queue.dwTotalCallsQueued == desktop_queue.dwTotalCallsQueued &&
            everyone_queue.dwAverageWaitTime == desktop_queue.dwAverageWaitTime)
            break;
        usleep(50000);
    }
    assert_true(everyone_queue.dwTotalCallsQueued >= 1);
    assert_int_equal(everyone_queue.dwTotalCallsQueued, desktop_queue.dwTotalCallsQueued);
    assert_int_equal(everyone_queue.dwAverageWaitTime, desktop_queue.dwAverageWaitTime);
    printf("asterisk provider: desktop=1001 sees its one session of two and the queue's %u call(s); Asterisk sent it "
           "%llu messages where the desktop of all agents got %llu\n", desktop_queue.dwTotalCallsQueued,
           (unsigned long long)(desktop_after.messages - desktop_before.messages),
           (unsigned long long)(everyone_after.messages - everyone_before.messages));

    provider->close(desktop);
    provider->close(everyone);
    ami_test_action(&driver, "Action: QueueRemove\r\nQueue: support\r\nInterface: Local/2001@agents\r\n", &message);
    ami_test_action(&driver, "Action: QueueRemove\r\nQueue: support\r\nInterface: Local/2002@agents\r\n", &message);
    ami_test_close(&driver);
}

/* The host's trace, kept for a test: the first refusal. */
static char traced[512];

static void keep_trace(const char *provider_name, const char *line)
{
    if (strstr(line, "refused") && !traced[0])
        snprintf(traced, sizeof(traced), "%s", line);
}

static int tracing_on(void)
{
    return 0;   /* lines, not the AMI traffic */
}

/* A desktop's Filter refused (a user without the "system" write right) is traced,
 * not silent, and the provider works on, unfiltered. */
static void test_desktop_filter_refused(void **state)
{
    static const struct tcc_host host = { TCC_HOST_VERSION_2, keep_trace, tracing_on };
    char refused_config[1200], error[256];
    void *context;

    snprintf(refused_config, sizeof(refused_config), "host=127.0.0.1;port=%s;user=nofilter;secretfile=%s;desktop=1001",
             getenv("TCC_AMI_PORT"), getenv("TCC_AMI_SECRETFILE"));
    traced[0] = 0;
    tcc_asterisk_provider_set_host(&host);
    assert_int_equal(0, provider->open(refused_config, &context, error, sizeof(error)));
    tcc_asterisk_provider_set_host(NULL);
    assert_int_equal(1, counters_of(context).connected);
    printf("asterisk provider: %s\n", traced);
    /* The first resync step (ActionID tcc-resync-LOGIN-0) is the first Filter. */
    assert_non_null(strstr(traced, "Asterisk refused a resync action (tcc-resync-1-0)"));
    provider->close(context);
}

static void test_open_errors(void **state)
{
    char bad[4300], secret_file[4096], error[256];
    void *context;
    FILE *file;

    snprintf(bad, sizeof(bad), "host=127.0.0.1;port=%d;user=tapi3cc;secretfile=%s",
             atoi(getenv("TCC_AMI_PORT")) + 1, getenv("TCC_AMI_SECRETFILE"));
    assert_int_equal(TCC_LINEERR_OPERATIONFAILED, provider->open(bad, &context, error, sizeof(error)));
    assert_non_null(strstr(error, "cannot connect to 127.0.0.1:"));

    snprintf(secret_file, sizeof(secret_file), "%s/wrong-secret", getenv("TCC_AMI_DIR"));
    assert_non_null(file = fopen(secret_file, "w"));
    fputs("definitely-not-it\n", file);
    fclose(file);
    snprintf(bad, sizeof(bad), "host=127.0.0.1;port=%s;user=tapi3cc;secretfile=%s", getenv("TCC_AMI_PORT"),
             secret_file);
    assert_int_equal(TCC_LINEERR_OPERATIONFAILED, provider->open(bad, &context, error, sizeof(error)));
    assert_non_null(strstr(error, "refused the login of user 'tapi3cc'"));
    assert_null(strstr(error, "definitely-not-it"));
    assert_null(strstr(error, ami_test_secret));

    assert_int_equal(TCC_LINEERR_INVALPARAM, provider->open("host=127.0.0.1;user=x", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "secretfile="));
    assert_int_equal(TCC_LINEERR_INVALPARAM, provider->open("colour=blue", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "unknown key 'colour'"));
    assert_int_equal(TCC_LINEERR_INVALPARAM, provider->open("desktop=", &context, error, sizeof(error)));
    assert_non_null(strstr(error, "desktop= takes one agent's ID"));
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_call_center_over_ami),
        cmocka_unit_test(test_reconnect_after_crash),
        cmocka_unit_test(test_two_processes),
        cmocka_unit_test(test_statistics_match_asterisk),
        cmocka_unit_test(test_desktop_filter),
        cmocka_unit_test(test_desktop_filter_refused),
        cmocka_unit_test(test_open_errors),
    };

    if (ami_test_read_secret())
        return 2;
    return cmocka_run_group_tests_name("asterisk_provider", tests, setup, NULL);
}
