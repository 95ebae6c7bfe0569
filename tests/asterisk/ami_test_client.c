/*
 * The tests' plain AMI client (see ami_test_client.h).
 */
#define _GNU_SOURCE
#include "ami_test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "ami_crypto.h"

char ami_test_secret[64];

int ami_test_read_secret(void)
{
    FILE *file;

    if (!getenv("TCC_AMI_PORT") || !getenv("TCC_AMI_SECRETFILE") || !getenv("TCC_AMI_DIR"))
    {
        fprintf(stderr, "run me through with_asterisk (TCC_AMI_PORT, TCC_AMI_SECRETFILE, TCC_AMI_DIR)\n");
        return -1;
    }
    if (!(file = fopen(getenv("TCC_AMI_SECRETFILE"), "r")) || !fgets(ami_test_secret, sizeof(ami_test_secret), file))
        return -1;
    fclose(file);
    ami_test_secret[strcspn(ami_test_secret, "\r\n")] = 0;
    return 0;
}

void ami_test_open(struct ami_test_client *client, const char *transcript_name)
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

void ami_test_close(struct ami_test_client *client)
{
    close(client->fd);
    ami_framer_free(&client->framer);
    if (client->transcript)
        fclose(client->transcript);
}

/* The next message, within five seconds. */
void ami_test_next(struct ami_test_client *client, struct ami_message *message)
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
void ami_test_action(struct ami_test_client *client, const char *text, struct ami_message *response)
{
    char buffer[1024], id[16];
    int length;

    snprintf(id, sizeof(id), "%u", client->next_action++);
    length = snprintf(buffer, sizeof(buffer), "%sActionID: %s\r\n\r\n", text, id);
    assert_int_equal(length, write(client->fd, buffer, (size_t)length));
    for (;;)
    {
        const char *answered;

        ami_test_next(client, response);
        if (ami_kind(response, "Response") && (answered = ami_get(response, "ActionID")) && !strcmp(answered, id))
            return;
    }
}

/* Challenge, then Login with the MD5 key: the Login's Message. */
const char *ami_test_login(struct ami_test_client *client, const char *user, const char *with_secret,
                          struct ami_message *response)
{
    char request[256], key[33], challenge[64];

    ami_test_action(client, "Action: Challenge\r\nAuthType: MD5\r\n", response);
    assert_string_equal("Success", ami_get(response, "Response"));
    snprintf(challenge, sizeof(challenge), "%s", ami_get(response, "Challenge"));
    assert_true(strlen(challenge) > 0);
    assert_int_equal(0, ami_login_key(challenge, with_secret, key));
    snprintf(request, sizeof(request), "Action: Login\r\nAuthType: MD5\r\nUsername: %s\r\nKey: %s\r\n"
             "Events: agent,call\r\n", user, key);
    ami_test_action(client, request, response);
    return ami_get(response, "Message");
}

/* Waits for event `name` (with `key` = `value` when given), within the time
 * next_message allows per message. */
void ami_test_wait_event(struct ami_test_client *client, const char *name, const char *key, const char *value,
                       struct ami_message *message)
{
    for (int i = 0; i < 1000; i++)
    {
        const char *event, *field;

        ami_test_next(client, message);
        event = ami_kind(message, "Event");
        if (event && !strcmp(event, name) && (!key || ((field = ami_get(message, key)) && !strcmp(field, value))))
            return;
    }
    fail_msg("no %s event", name);
}


void ami_test_open_driver(struct ami_test_client *client, const char *transcript_name)
{
    struct ami_message message;

    ami_test_open(client, transcript_name);
    ami_test_next(client, &message);
    assert_string_equal("Authentication accepted", ami_test_login(client, "driver", ami_test_secret, &message));
}

void ami_test_db_put(struct ami_test_client *driver, const char *family, const char *key, const char *value)
{
    struct ami_message message;
    char text[512];

    snprintf(text, sizeof(text), "Action: DBPut\r\nFamily: %s\r\nKey: %s\r\nVal: %s\r\n", family, key, value);
    ami_test_action(driver, text, &message);
    assert_string_equal("Success", ami_get(&message, "Response"));
}

void ami_test_agent_record(const char *pin, char *out, size_t size)
{
    static const uint8_t salt[8] = { 0x5a, 0x17, 0x03, 0x99, 0xc4, 0x21, 0x70, 0x0e };
    uint8_t hash[32];
    int length;

    assert_int_equal(0, ami_pbkdf2_sha256(pin, strlen(pin), salt, sizeof(salt), 2000, hash, sizeof(hash)));
    length = snprintf(out, size, "pbkdf2-sha256$2000$");
    for (size_t i = 0; i < sizeof(salt); i++)
        length += snprintf(out + length, size - (size_t)length, "%02x", salt[i]);
    out[length++] = '$';
    for (size_t i = 0; i < sizeof(hash); i++)
        length += snprintf(out + length, size - (size_t)length, "%02x", hash[i]);
    out[length] = 0;
}
