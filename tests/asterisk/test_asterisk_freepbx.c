/*
 * The asterisk provider's FreePBX profile, natively under ASan, against the real
 * Asterisk running a center shaped as FreePBX 17 configures one (conf-freepbx:
 * queues 400 and 401 by number, static members Local/EXT@from-queue/n named by the
 * user's display name with hint:EXT@ext-local, the *45 and *46 feature codes, the
 * users' display names in AstDB AMPUSER/EXT/cidname).
 *
 * Agents are extensions; a static member is a session from the start that goes
 * READY and NOT_READY but refuses ENDED, saying why; a login through the provider is
 * FreePBX's own QueueAdd; a phone's *45 and *46 are sessions beginning, pausing and
 * ending; a group is named by name.QUEUE or by its number; one agent's desktop
 * (desktop=EXT) gets only that agent's sessions and member events; and a run of calls
 * leaves the queue's figures equal to QueueStatus.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ami_model.h"
#include "ami_test_client.h"
#include "asterisk_provider.h"
#include "provider_watch.h"

static const struct tcc_provider *provider = &tcc_asterisk_provider;
static const tcc_wchar pin_1234[] = { '1', '2', '3', '4', 0 };
static char config[1024];
static void *context;

static void to_utf16(const char *text, tcc_wchar *out)
{
    while ((*out++ = (tcc_wchar)(unsigned char)*text++))
        ;
}

static int setup(void **state)
{
    static const char *const users[][2] = { { "2001", "Alice" }, { "2002", "Bob" }, { "2003", "Carol" } };
    struct ami_test_client driver;
    char record[160], error[256];

    ami_test_open_driver(&driver, "freepbx-setup");
    ami_test_agent_record("1234", record, sizeof(record));
    for (size_t i = 0; i < 3; i++)
    {
        char key[32];

        snprintf(key, sizeof(key), "%s/cidname", users[i][0]);
        ami_test_db_put(&driver, "AMPUSER", key, users[i][1]);
        ami_test_db_put(&driver, "tapi3cc/agents", users[i][0], record);
    }
    ami_test_db_put(&driver, "QPENALTY/400/agents", "2002", "0");
    ami_test_close(&driver);
    snprintf(config, sizeof(config), "port=%s;user=tapi3cc;secretfile=%s;profile=freepbx;name.400=Sales",
             getenv("TCC_AMI_PORT"), getenv("TCC_AMI_SECRETFILE"));
    if (provider->open(config, &context, error, sizeof(error)))
    {
        fprintf(stderr, "open: %s\n", error);
        return -1;
    }
    provider->set_event_callback(context, watch_record, NULL);
    return 0;
}

static int teardown(void **state)
{
    provider->close(context);
    return 0;
}

static tcc_hagent agent_of(const char *extension)
{
    tcc_wchar id[16];
    tcc_hagent agent;

    to_utf16(extension, id);
    assert_int_equal(0, provider->create_agent(context, id, pin_1234, NULL, &agent));
    return agent;
}

/* The agent's sessions (ended ones too), into out[8]: how many. */
static uint32_t sessions_of(tcc_hagent agent, TCC_LINEAGENTSESSIONENTRY *out)
{
    uint8_t buffer[1024] = { 0 };
    TCC_LINEAGENTSESSIONLIST *list = (void *)buffer;

    list->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_agent_session_list(context, agent, list));
    assert_true(list->dwNumEntries <= 8);
    memcpy(out, buffer + list->dwListOffset, list->dwNumEntries * sizeof(*out));
    return list->dwNumEntries;
}

static uint32_t session_state(tcc_hagentsession session)
{
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };

    assert_int_equal(0, provider->get_agent_session_info(context, session, &info));
    return info.dwAgentSessionState;
}

/* The group list: "Sales" (queue 400, named by name.400) and "401". */
static void test_groups_and_addresses(void **state)
{
    uint8_t buffer[2048] = { 0 };
    TCC_LINEAGENTGROUPLIST *groups = (void *)buffer;
    TCC_ADDRESSLIST *addresses = (void *)buffer;
    char names[2][16] = { "", "" };

    groups->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_group_list(context, groups));
    assert_int_equal(2, groups->dwNumEntries);
    for (uint32_t i = 0; i < 2; i++)
    {
        const TCC_LINEAGENTGROUPENTRY *entry = (const TCC_LINEAGENTGROUPENTRY *)(buffer + groups->dwListOffset) + i;
        const uint16_t *name = (const void *)(buffer + entry->dwNameOffset);

        for (size_t c = 0; name[c] && c < 15; c++)
            names[i][c] = (char)name[c];
    }
    assert_true((!strcmp(names[0], "Sales") && !strcmp(names[1], "401")) ||
                (!strcmp(names[0], "401") && !strcmp(names[1], "Sales")));

    /* The users' extensions are the addresses. */
    memset(buffer, 0, sizeof(buffer));
    addresses->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_address_list(context, addresses));
    assert_int_equal(3, addresses->dwNumEntries);
    printf("asterisk freepbx: groups 'Sales' (400) and '401', addresses 2001-2003 from AMPUSER\n");
}

/* A static member (queues.conf) is agent 2001's session from the start. */
static void test_static_member(void **state)
{
    TCC_LINEAGENTSESSIONENTRY entries[8];
    tcc_hagent alice = agent_of("2001");
    tcc_hagentsession session;
    TCC_GUID sales;
    char reason[512];
    size_t next = watch_count();

    assert_int_equal(1, sessions_of(alice, entries));
    session = entries[0].hAgentSession;
    ami_model_group_guid("400", &sales);
    assert_memory_equal(&sales, &entries[0].GroupID, sizeof(sales));
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_READY, session_state(session));
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY, 0));
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    assert_int_equal(TCC_LINEERR_INVALAGENTSESSIONSTATE,
                     provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_ENDED, 0));
    assert_true(provider->error_text(context, reason, sizeof(reason)) > 0);
    printf("asterisk freepbx: a static member refuses ENDED: %s\n", reason);
    assert_non_null(strstr(reason, "static"));
    assert_non_null(strstr(reason, "configuration"));
    assert_int_equal(0, provider->error_text(context, reason, sizeof(reason)));     /* read once */
    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_READY, 0));
    watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_READY);
}

/* A login through the provider is FreePBX's own QueueAdd. */
static void test_login_as_freepbx_does(void **state)
{
    tcc_hagent carol = agent_of("2003");
    tcc_hagentsession session;
    struct ami_test_client driver;
    struct ami_message message;
    TCC_GUID sales;
    char reason[512];
    size_t next = watch_count();

    ami_model_group_guid("400", &sales);
    /* Her extension is her address (index 2): another one is refused, saying why. */
    assert_int_equal(TCC_LINEERR_INVALADDRESSID,
                     provider->create_agent_session(context, carol, pin_1234, 0, 0, &sales, &session));
    assert_true(provider->error_text(context, reason, sizeof(reason)) > 0);
    assert_non_null(strstr(reason, "extension"));
    assert_int_equal(0, provider->create_agent_session(context, carol, pin_1234, 2, 2, &sales, &session));
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY);

    ami_test_open_driver(&driver, "freepbx-login");
    ami_test_action(&driver, "Action: QueueStatus\r\nQueue: 400\r\nMember: Local/2003@from-queue/n\r\n", &message);
    ami_test_wait_event(&driver, "QueueMember", "Location", "Local/2003@from-queue/n", &message);
    assert_string_equal("Carol", ami_get(&message, "Name"));
    assert_string_equal("hint:2003@ext-local", ami_get(&message, "StateInterface"));
    assert_string_equal("dynamic", ami_get(&message, "Membership"));
    ami_test_close(&driver);
    printf("asterisk freepbx: CreateSession sent FreePBX's QueueAdd (Local/2003@from-queue/n, 'Carol', "
           "hint:2003@ext-local)\n");

    assert_int_equal(0, provider->set_agent_session_state(context, session, TCC_LINEAGENTSESSIONSTATE_ENDED, 0));
    watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_ENDED);
}

/* The phone's caller ID runs a feature code, as a desk phone does. */
static void phone_dials(const char *extension, const char *code)
{
    struct ami_test_client driver;
    struct ami_message message;
    char action[256];

    snprintf(action, sizeof(action), "Action: Originate\r\nChannel: Local/%s@phones\r\nContext: from-internal\r\n"
             "Exten: %s\r\nPriority: 1\r\nCallerID: <%s>\r\nAsync: false\r\n", extension, code, extension);
    ami_test_open_driver(&driver, "freepbx-phone");
    ami_test_action(&driver, action, &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    ami_test_close(&driver);
}

/* *45400 from Bob's phone logs him into 400; *46400 pauses and unpauses; *45400
 * again logs him out. */
static void test_phone_codes(void **state)
{
    TCC_LINEAGENTSESSIONENTRY entries[8];
    tcc_hagent bob = agent_of("2002");
    tcc_hagentsession session = 0;
    TCC_GUID sales;
    uint32_t count;
    size_t next = watch_count(), found;

    ami_model_group_guid("400", &sales);
    assert_int_equal(1, sessions_of(bob, entries));     /* his static member of 401 */
    phone_dials("2002", "*45400");
    found = watch_wait(provider, context, next, TCC_LINE_AGENTSESSIONSTATUS, WATCH_ANY,
                       TCC_LINEAGENTSESSIONSTATUS_NEWSESSION, WATCH_ANY, 10000);
    assert_true(found > 0);
    count = sessions_of(bob, entries);
    assert_int_equal(2, count);
    for (uint32_t i = 0; i < count; i++)
        if (!memcmp(&entries[i].GroupID, &sales, sizeof(sales)))
            session = entries[i].hAgentSession;
    assert_true(session != 0);
    assert_int_equal(TCC_LINEAGENTSESSIONSTATE_READY, session_state(session));

    phone_dials("2002", "*46400");
    next = watch_session_state(provider, context, found, session, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    phone_dials("2002", "*46400");
    next = watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_READY);
    phone_dials("2002", "*45400");
    watch_session_state(provider, context, next, session, TCC_LINEAGENTSESSIONSTATE_ENDED);
    printf("asterisk freepbx: *45400 from 2002's phone began a session, *46400 paused and unpaused it, *45400 "
           "ended it\n");
}

/* A run of calls to queue 400: the provider's figures equal QueueStatus's. */
static void test_calls_match_queue_status(void **state)
{
    TCC_LINEQUEUEINFO queue = { .dwTotalSize = sizeof(queue) };
    uint8_t buffer[512] = { 0 };
    TCC_LINEQUEUELIST *list = (void *)buffer;
    struct ami_test_client driver;
    struct ami_message message;
    TCC_GUID sales;
    uint32_t queue_id;
    uint64_t completed = 0;

    ami_model_group_guid("400", &sales);
    list->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_queue_list(context, &sales, list));
    queue_id = ((const TCC_LINEQUEUEENTRY *)(buffer + list->dwListOffset))->dwQueueID;
    ami_test_open_driver(&driver, "freepbx-calls");
    for (int call = 0; call < 3; call++)
    {
        ami_test_action(&driver, "Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\nData: 20\r\n"
                        "Variable: QUEUE=400\r\nVariable: TALK=1\r\nAsync: true\r\n", &message);
        assert_string_equal("Success", ami_get(&message, "Response"));
        ami_test_wait_event(&driver, "AgentComplete", "Queue", "400", &message);
    }
    /* Asterisk's own figures, then the provider's once its connection has caught up. */
    ami_test_action(&driver, "Action: QueueStatus\r\nQueue: 400\r\n", &message);
    ami_test_wait_event(&driver, "QueueParams", "Queue", "400", &message);
    completed = ami_get_u64(&message, "Completed", 99);
    for (int waited = 0; waited < 5000; waited += 50)
    {
        assert_int_equal(0, provider->get_queue_info(context, queue_id, &queue));
        if (queue.dwTotalCallsQueued == completed + ami_get_u64(&message, "Abandoned", 99))
            break;
        usleep(50000);
    }
    assert_true(completed >= 3);
    assert_int_equal(completed + ami_get_u64(&message, "Abandoned", 99) + ami_get_u64(&message, "Calls", 99),
                     queue.dwTotalCallsQueued);
    assert_int_equal(ami_get_u64(&message, "Abandoned", 99), queue.dwTotalCallsAbandoned);
    assert_int_equal(ami_get_u64(&message, "Calls", 99), queue.dwCurrentCallsQueued);
    assert_int_equal(ami_get_u64(&message, "Holdtime", 99), queue.dwAverageWaitTime);
    printf("asterisk freepbx: %llu calls through queue 400: queued, abandoned, waiting and average wait equal "
           "QueueStatus\n", (unsigned long long)completed);
    ami_test_close(&driver);
}

/* desktop=2002 in a FreePBX center: the filter names the agent by the extension in
 * the member's interface (Local/2002@from-queue/n, hint:2002@ext-local): Bob's desktop
 * gets his static session in 401 and his changes, not Alice's in 400. */
static void test_desktop(void **state)
{
    uint8_t buffer[1024];
    TCC_LINEAGENTSESSIONLIST *list = (void *)buffer;
    struct tcc_asterisk_counters main_before, main_after, desk_before, desk_after;
    struct ami_test_client driver;
    struct ami_message message;
    char desktop_config[1200], error[256];
    tcc_wchar id[16];
    tcc_hagent alice, bob;
    tcc_hagentsession bob_401 = 0;
    TCC_GUID group_401;
    void *desktop;

    snprintf(desktop_config, sizeof(desktop_config), "%s;desktop=2002", config);
    assert_int_equal(0, provider->open(desktop_config, &desktop, error, sizeof(error)));
    to_utf16("2001", id);
    assert_int_equal(0, provider->create_agent(desktop, id, pin_1234, NULL, &alice));
    to_utf16("2002", id);
    assert_int_equal(0, provider->create_agent(desktop, id, pin_1234, NULL, &bob));
    memset(buffer, 0, sizeof(buffer));
    list->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_agent_session_list(desktop, alice, list));
    assert_int_equal(0, list->dwNumEntries);
    memset(buffer, 0, sizeof(buffer));
    list->dwTotalSize = sizeof(buffer);
    assert_int_equal(0, provider->get_agent_session_list(desktop, bob, list));
    ami_model_group_guid("401", &group_401);
    for (uint32_t i = 0; i < list->dwNumEntries; i++)
    {
        const TCC_LINEAGENTSESSIONENTRY *entry = (const void *)(buffer + list->dwListOffset + i * sizeof(*entry));

        if (!memcmp(&entry->GroupID, &group_401, sizeof(group_401)))
            bob_401 = entry->hAgentSession;
    }
    assert_int_not_equal(0, bob_401);

    assert_int_equal(0, provider->control(context, TCC_ASTERISK_CONTROL_COUNTERS, &main_before, sizeof(main_before)));
    assert_int_equal(0, provider->control(desktop, TCC_ASTERISK_CONTROL_COUNTERS, &desk_before, sizeof(desk_before)));
    ami_test_open_driver(&driver, "freepbx-desktop");
    ami_test_action(&driver, "Action: QueuePause\r\nQueue: 400\r\nInterface: Local/2001@from-queue/n\r\n"
                    "Paused: true\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    ami_test_action(&driver, "Action: QueuePause\r\nQueue: 401\r\nInterface: Local/2002@from-queue/n\r\n"
                    "Paused: true\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    /* Bob's pause came after Alice's: once the desktop shows it, Alice's would be in. */
    watch_poll_state(provider, desktop, bob_401, 0, TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    for (int waited = 0; waited < 5000; waited += 50)
    {
        assert_int_equal(0, provider->control(context, TCC_ASTERISK_CONTROL_COUNTERS, &main_after,
                                              sizeof(main_after)));
        if (main_after.messages - main_before.messages >= 2)
            break;
        usleep(50000);
    }
    assert_int_equal(0, provider->control(desktop, TCC_ASTERISK_CONTROL_COUNTERS, &desk_after, sizeof(desk_after)));
    assert_true(main_after.messages - main_before.messages >= 2);
    assert_true(desk_after.messages > desk_before.messages);
    assert_true(desk_after.messages - desk_before.messages < main_after.messages - main_before.messages);
    printf("asterisk freepbx: desktop=2002 has Bob's session in 401, none of Alice's, and got %llu of the %llu "
           "messages of their pauses\n", (unsigned long long)(desk_after.messages - desk_before.messages),
           (unsigned long long)(main_after.messages - main_before.messages));

    ami_test_action(&driver, "Action: QueuePause\r\nQueue: 400\r\nInterface: Local/2001@from-queue/n\r\n"
                    "Paused: false\r\n", &message);
    ami_test_action(&driver, "Action: QueuePause\r\nQueue: 401\r\nInterface: Local/2002@from-queue/n\r\n"
                    "Paused: false\r\n", &message);
    watch_poll_state(provider, desktop, bob_401, 0, TCC_LINEAGENTSESSIONSTATE_READY);
    ami_test_close(&driver);
    provider->close(desktop);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_groups_and_addresses),
        cmocka_unit_test(test_static_member),
        cmocka_unit_test(test_login_as_freepbx_does),
        cmocka_unit_test(test_phone_codes),
        cmocka_unit_test(test_desktop),
        cmocka_unit_test(test_calls_match_queue_status),
    };

    if (ami_test_read_secret())
        return 2;
    return cmocka_run_group_tests_name("asterisk_freepbx", tests, setup, teardown);
}
