/*
 * A plain AMI client for the tests against the real Asterisk (run by with_asterisk):
 * connect to TCC_AMI_PORT, frame what comes, send an action and wait for its response,
 * log in with Challenge and MD5, wait for an event.  Every byte received is kept in
 * TCC_AMI_DIR/transcript-NAME.txt (seeds for fuzz/corpus/ami).  Failures fail the
 * running cmocka test.
 */
#ifndef TAPI3CC_AMI_TEST_CLIENT_H
#define TAPI3CC_AMI_TEST_CLIENT_H

#include <stdio.h>

#include "ami_frame.h"

struct ami_test_client
{
    int fd;
    struct ami_framer framer;
    FILE *transcript;
    unsigned next_action;
};

/* The AMI users' secret (TCC_AMI_SECRETFILE), read by ami_test_read_secret. */
extern char ami_test_secret[64];
int ami_test_read_secret(void);

void ami_test_open(struct ami_test_client *client, const char *transcript_name);
void ami_test_close(struct ami_test_client *client);
/* The next message, within five seconds. */
void ami_test_next(struct ami_test_client *client, struct ami_message *message);
/* Sends an action (lines, its ActionID added) and returns its response. */
void ami_test_action(struct ami_test_client *client, const char *text, struct ami_message *response);
/* Challenge, then Login with the MD5 key: the Login's Message. */
const char *ami_test_login(struct ami_test_client *client, const char *user, const char *with_secret,
                           struct ami_message *response);
/* Waits for event `name` (with `key` = `value` when given). */
void ami_test_wait_event(struct ami_test_client *client, const char *name, const char *key, const char *value,
                         struct ami_message *message);

/* Opens a connection and logs in as "driver" (every right). */
void ami_test_open_driver(struct ami_test_client *client, const char *transcript_name);
/* DBPut, which must succeed. */
void ami_test_db_put(struct ami_test_client *driver, const char *family, const char *key, const char *value);
/* The agent record the admin tool writes for `pin`: pbkdf2-sha256$ITERATIONS$SALT$HASH. */
void ami_test_agent_record(const char *pin, char *out, size_t size);

#endif
