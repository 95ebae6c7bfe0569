/*
 * The AMI framer and login against the real Asterisk (run by with_asterisk): the
 * banner, Challenge and an MD5 Login with the provider's user (the secret never sent),
 * the queues of tests/asterisk/conf/queues.conf in QueueStatus, and a wrong secret
 * refused.  The bytes received are kept in TCC_AMI_DIR/transcript-*.txt, seeds for
 * fuzz/corpus/ami.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "ami_crypto.h"
#include "ami_frame.h"

struct client
{
    int fd;
    struct ami_framer framer;
    FILE *transcript;
    unsigned next_action;
};

static char secret[64];

static void client_open(struct client *client, const char *transcript_name)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    char path[4096];

    address.sin_port = htons((uint16_t)atoi(getenv("TCC_AMI_PORT")));
    client->fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(client->fd >= 0);
    assert_int_equal(0, connect(client->fd, (struct sockaddr *)&address, sizeof(address)));
    ami_framer_init(&client->framer, 0);
    snprintf(path, sizeof(path), "%s/transcript-%s.txt", getenv("TCC_AMI_DIR"), transcript_name);
    client->transcript = fopen(path, "wb");
    client->next_action = 1;
}

static void client_close(struct client *client)
{
    close(client->fd);
    ami_framer_free(&client->framer);
    if (client->transcript)
        fclose(client->transcript);
}

/* The next message, within five seconds. */
static void next_message(struct client *client, struct ami_message *message)
{
    for (;;)
    {
        struct pollfd waiting = { client->fd, POLLIN, 0 };
        char bytes[4096];
        ssize_t got;

        if (ami_framer_next(&client->framer, message) == 1)
            return;
        if (poll(&waiting, 1, 5000) != 1)
            fail_msg("AMI sent nothing for 5 s");
        got = read(client->fd, bytes, sizeof(bytes));
        if (got <= 0)
            fail_msg("AMI closed the connection");
        if (client->transcript)
            fwrite(bytes, 1, (size_t)got, client->transcript);
        assert_int_equal(0, ami_framer_feed(&client->framer, bytes, (size_t)got));
    }
}

/* Sends an action (its ActionID added) and returns the response to it, skipping
 * events in between. */
static void action(struct client *client, const char *text, struct ami_message *response)
{
    char buffer[1024], id[16];
    int length;

    snprintf(id, sizeof(id), "%u", client->next_action++);
    length = snprintf(buffer, sizeof(buffer), "%sActionID: %s\r\n\r\n", text, id);
    assert_int_equal(length, write(client->fd, buffer, (size_t)length));
    for (;;)
    {
        const char *answered;

        next_message(client, response);
        if (ami_kind(response, "Response") && (answered = ami_get(response, "ActionID")) && !strcmp(answered, id))
            return;
    }
}

/* Challenge, then Login with the MD5 key: the Login's Message. */
static const char *log_in(struct client *client, const char *user, const char *with_secret,
                          struct ami_message *response)
{
    char request[256], key[33], challenge[64];

    action(client, "Action: Challenge\r\nAuthType: MD5\r\n", response);
    assert_string_equal("Success", ami_get(response, "Response"));
    snprintf(challenge, sizeof(challenge), "%s", ami_get(response, "Challenge"));
    assert_true(strlen(challenge) > 0);
    assert_int_equal(0, ami_login_key(challenge, with_secret, key));
    snprintf(request, sizeof(request), "Action: Login\r\nAuthType: MD5\r\nUsername: %s\r\nKey: %s\r\n"
             "Events: agent,call\r\n", user, key);
    action(client, request, response);
    return ami_get(response, "Message");
}

static void test_banner_login_and_queues(void **state)
{
    struct client client;
    struct ami_message message;
    int queues = 0, complete = 0;
    unsigned status_id;

    client_open(&client, "login-queuestatus");
    next_message(&client, &message);
    assert_true(message.banner);
    assert_string_equal("11.0.0", message.banner_version);
    assert_string_equal("Authentication accepted", log_in(&client, "tapi3cc", secret, &message));

    status_id = client.next_action;
    action(&client, "Action: QueueStatus\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    while (!complete)
    {
        const char *event, *id;

        next_message(&client, &message);
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
    client_close(&client);
}

/* Waits for event `name` (with `key` = `value` when given), within the time
 * next_message allows per message. */
static void wait_event(struct client *client, const char *name, const char *key, const char *value,
                       struct ami_message *message)
{
    for (int i = 0; i < 1000; i++)
    {
        const char *event, *field;

        next_message(client, message);
        event = ami_kind(message, "Event");
        if (event && !strcmp(event, name) && (!key || ((field = ami_get(message, key)) && !strcmp(field, value))))
            return;
    }
    fail_msg("no %s event", name);
}

/* One queue call with the provider's actions and a driver's Originate: the events a
 * member's login, pause, call, wrap-up and logout raise, as the provider will see
 * them (and a transcript for the fuzzer). */
static void test_member_and_call(void **state)
{
    struct client provider, driver;
    struct ami_message message;

    client_open(&provider, "member-and-call");
    next_message(&provider, &message);
    assert_string_equal("Authentication accepted", log_in(&provider, "tapi3cc", secret, &message));
    client_open(&driver, "driver");
    next_message(&driver, &message);
    assert_string_equal("Authentication accepted", log_in(&driver, "driver", secret, &message));

    action(&provider, "Action: QueueAdd\r\nQueue: sales\r\nInterface: Local/1001@agents\r\nMemberName: 1001\r\n"
           "Paused: true\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    wait_event(&provider, "QueueMemberAdded", "MemberName", "1001", &message);
    assert_int_equal(1, ami_get_u64(&message, "Paused", 9));
    action(&provider, "Action: QueuePause\r\nQueue: sales\r\nInterface: Local/1001@agents\r\nPaused: false\r\n"
           "Reason: ready\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    wait_event(&provider, "QueueMemberPause", "Paused", "0", &message);

    action(&driver, "Action: Originate\r\nChannel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
           "Variable: QUEUE=sales\r\nAsync: true\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    wait_event(&provider, "QueueCallerJoin", "Queue", "sales", &message);
    wait_event(&provider, "AgentConnect", "MemberName", "1001", &message);
    wait_event(&provider, "AgentComplete", "MemberName", "1001", &message);
    assert_true(ami_get_u64(&message, "TalkTime", 0) >= 2);

    action(&provider, "Action: QueueRemove\r\nQueue: sales\r\nInterface: Local/1001@agents\r\n", &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
    wait_event(&provider, "QueueMemberRemoved", "MemberName", "1001", &message);
    printf("ami: member added, unpaused, a queue call answered and completed, member removed\n");
    client_close(&driver);
    client_close(&provider);
}

static void test_wrong_secret(void **state)
{
    struct client client;
    struct ami_message message;
    const char *answer;

    client_open(&client, "wrong-secret");
    next_message(&client, &message);
    answer = log_in(&client, "tapi3cc", "not-the-secret", &message);
    assert_string_equal("Error", ami_get(&message, "Response"));
    assert_string_equal("Authentication failed", answer);
    client_close(&client);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_banner_login_and_queues),
        cmocka_unit_test(test_member_and_call),
        cmocka_unit_test(test_wrong_secret),
    };
    FILE *file;

    if (!getenv("TCC_AMI_PORT") || !getenv("TCC_AMI_SECRETFILE") || !getenv("TCC_AMI_DIR"))
    {
        fprintf(stderr, "test_ami_live: run me through with_asterisk\n");
        return 2;
    }
    if (!(file = fopen(getenv("TCC_AMI_SECRETFILE"), "r")) || !fgets(secret, sizeof(secret), file))
        return 2;
    fclose(file);
    secret[strcspn(secret, "\r\n")] = 0;
    return cmocka_run_group_tests_name("ami_live", tests, NULL, NULL);
}
