/*
 * An AMI connection that stays up: portable C over ami_socket.h and POSIX threads
 * (winpthreads in the DLL).  A reader thread reads, frames and dispatches; it logs in
 * with Challenge and AuthType MD5 (the secret never crosses the wire), runs the
 * resync actions, and after a lost connection reconnects with backoff (0.5 s, then
 * doubling up to 8 s) and runs them again.  Requests from any thread send one action
 * each and wait for its response (and, for a list, its items).
 *
 * Liveness: a path can die without a FIN or an RST (a NAT or firewall that forgot
 * the flow, a cable pulled between two switches), and then nothing would ever
 * arrive.  So when nothing has arrived for `keepalive_ms` the reader sends a Ping;
 * no answer within `timeout_ms` declares the connection dead, and so do a request
 * that times out and a login or resync that stalls; a dead connection is dropped and
 * made again as a lost one is.  No wait anywhere is without a bound: stop returns
 * within a reader slice (100 ms) whatever the path does.
 */
#ifndef TAPI3CC_AMI_CLIENT_H
#define TAPI3CC_AMI_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ami_frame.h"

struct ami_client_settings
{
    const char *host;
    uint16_t port;
    const char *user;
    const char *secret;             /* kept by the client, wiped when it stops */
    const char *events;             /* the Login's Events filter, e.g. "agent" */
    /* Actions run after every login ("Action: QueueStatus\r\n" ...); their list
     * items, or for an action that answers with no list or is refused its response,
     * come to on_event between on_resync(true) and on_resync(false). */
    const char *const *resync_actions;
    size_t resync_action_count;
    int open_timeout_ms;            /* how long ami_client_start waits for the first resync */
    int timeout_ms;                 /* no answer within this declares the link dead (default 5000) */
    int keepalive_ms;               /* a Ping after this long with nothing received (0: none) */
};

struct ami_client_callbacks
{
    void *user;
    /* On the reader thread: every event, and every item (or plain answer) of the resync. */
    void (*on_event)(void *user, const struct ami_message *message);
    void (*on_resync)(void *user, bool begin);
    /* The connection went down, with its cause; the client reconnects by itself. */
    void (*on_lost)(void *user, const char *cause);
    /* Optional, for a trace: every action sent (`sent`) and every message received,
     * as the wire has it.  Asked first through `tracing` (may be NULL: always). */
    int (*tracing)(void *user);
    void (*on_traffic)(void *user, int sent, const char *text, size_t length);
};

enum ami_result
{
    AMI_OK = 0,
    AMI_ERROR = -1,         /* Response: Error (its Message is returned) */
    AMI_TIMEOUT = -2,
    AMI_DOWN = -3,          /* not connected (reconnecting) */
    AMI_NOMEM = -4,
};

struct ami_client;

/* Connects, logs in and runs the resync before it returns: 0, or -1 with a sentence
 * in `error` naming the host and the cause (never the secret). */
int ami_client_start(const struct ami_client_settings *settings, const struct ami_client_callbacks *callbacks,
                     struct ami_client **out, char *error, size_t error_size);
void ami_client_stop(struct ami_client *client);
/* Requests waiting now give up (AMI_DOWN) and new ones fail at once; the
 * connection itself goes on until ami_client_stop.  Any thread. */
void ami_client_interrupt(struct ami_client *client);

/* Sends "Action: ACTION\r\n" + `fields` (lines "Key: Value\r\n") with an ActionID and
 * waits up to `timeout_ms` for the response; list items come to `item` (on the
 * reader thread).  The response's Message goes to `message` (may be NULL). */
enum ami_result ami_client_request(struct ami_client *client, const char *action, const char *fields,
                                   void (*item)(void *context, const struct ami_message *message), void *context,
                                   char *message, size_t message_size, int timeout_ms);

/* Actions sent since start, the client's own included (login, resync). */
uint64_t ami_client_actions_sent(struct ami_client *client);
/* Logins made since start: 1 until a reconnect. */
uint64_t ami_client_logins(struct ami_client *client);
/* AMI messages received since start. */
uint64_t ami_client_messages(struct ami_client *client);
/* Pings sent since start (they are among the actions sent). */
uint64_t ami_client_pings(struct ami_client *client);
/* Connections lost or declared dead since start. */
uint64_t ami_client_losses(struct ami_client *client);

/* In a callback, on the reader thread: when the bytes of the message being dispatched
 * were read off the socket, on ami_client_now_ns's clock (the event-lag benchmark
 * measures from there). */
int64_t ami_client_received_ns(const struct ami_client *client);
/* A monotonic clock in nanoseconds. */
int64_t ami_client_now_ns(void);

#endif
