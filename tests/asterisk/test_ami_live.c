/*
 * The AMI framer and login against the real Asterisk (run by with_asterisk): the
 * banner, Challenge and an MD5 Login with the provider's user (the secret never sent),
 * the queues of tests/asterisk/conf/queues.conf in QueueStatus, and a wrong secret
 * refused.  The bytes received are kept in TCC_AMI_DIR/transcript-*.txt, seeds for
 * fuzz/corpus/ami.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ami_test_client.h"

static void test_banner_login_and_queues(void **state)
{
    struct ami_test_client client;
    struct ami_message message;
    int queues = 0, complete = 0;
    unsigned status_id;

    ami_test_open(&client, "login-queuestatus");
    ami_test_next(&client, &message);
    assert_true(message.banner);
    assert_string_equal("11.0.0", message.banner_version);
    assert_string_equal("Authentication accepted", ami_test_login(&client, "tapi3cc", ami_test_secret, &message));

    status_id = client.next_action;
    ami_test_action(&client, "Action: QueueStatus\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    while (!complete)
    {
        const char *event, *id;

        ami_test_next(&client, &message);
        event = ami_kind(&message, "Event");
        id = ami_get(&message, "ActionID");
        if (!event || !id || strtoul(id, NULL, 10) != status_id)
            continue;
        if (!strcmp(event, "QueueParams"))
        {
            const char *queue = ami_get(&message, "Queue");

            assert_true(!strcmp(queue, "sales") || !strcmp(queue, "support"));
            assert_int_equal(0, ami_get_u64(&message, "Completed", 99));
            queues++;
        }
        else if (!strcmp(event, "QueueStatusComplete"))
            complete = 1;
    }
    assert_int_equal(2, queues);
    printf("ami: banner, MD5 login, QueueStatus with 2 queues; %llu messages, %llu malformed\n",
           (unsigned long long)client.framer.messages, (unsigned long long)client.framer.malformed);
    ami_test_close(&client);
}

/* One queue call with the provider's actions and a driver's Originate: the events a
 * member's login, pause, call, wrap-up and logout raise, as the provider will see
 * them (and a transcript for the fuzzer). */
static void test_member_and_call(void **state)
{
    struct ami_test_client provider, driver;
    struct ami_message message;

    ami_test_open(&provider, "member-and-call");
    ami_test_next(&provider, &message);
    assert_string_equal("Authentication accepted", ami_test_login(&provider, "tapi3cc", ami_test_secret, &message));
    ami_test_open(&driver, "driver");
    ami_test_next(&driver, &message);
    assert_string_equal("Authentication accepted", ami_test_login(&driver, "driver", ami_test_secret, &message));

    ami_test_action(&provider, "Action: QueueAdd\r\nQueue: sales\r\nInterface: Local/1001@agents\r\n"
                    "MemberName: 1001\r\n"
           "Paused: true\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    ami_test_wait_event(&provider, "QueueMemberAdded", "MemberName", "1001", &message);
    assert_int_equal(1, ami_get_u64(&message, "Paused", 9));
    ami_test_action(&provider, "Action: QueuePause\r\nQueue: sales\r\nInterface: Local/1001@agents\r\nPaused: false\r\n"
           "Reason: ready\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    ami_test_wait_event(&provider, "QueueMemberPause", "Paused", "0", &message);

    ami_test_action(&driver, "Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
           "Variable: QUEUE=sales\r\nAsync: true\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    ami_test_wait_event(&provider, "QueueCallerJoin", "Queue", "sales", &message);
    ami_test_wait_event(&provider, "AgentConnect", "MemberName", "1001", &message);
    ami_test_wait_event(&provider, "AgentComplete", "MemberName", "1001", &message);
    assert_true(ami_get_u64(&message, "TalkTime", 0) >= 2);

    ami_test_action(&provider, "Action: QueueRemove\r\nQueue: sales\r\nInterface: Local/1001@agents\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    ami_test_wait_event(&provider, "QueueMemberRemoved", "MemberName", "1001", &message);
    printf("ami: member added, unpaused, a queue call answered and completed, member removed\n");
    ami_test_close(&driver);
    ami_test_close(&provider);
}

static void test_wrong_secret(void **state)
{
    struct ami_test_client client;
    struct ami_message message;
    const char *answer;

    ami_test_open(&client, "wrong-secret");
    ami_test_next(&client, &message);
    answer = ami_test_login(&client, "tapi3cc", "not-the-secret", &message);
    assert_string_equal("Error", ami_get(&message, "Response"));
    assert_string_equal("Authentication failed", answer);
    ami_test_close(&client);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_banner_login_and_queues),
        cmocka_unit_test(test_member_and_call),
        cmocka_unit_test(test_wrong_secret),
    };
    if (ami_test_read_secret())
        return 2;
    return cmocka_run_group_tests_name("ami_live", tests, NULL, NULL);
}
