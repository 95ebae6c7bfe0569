/*
 * The AMI connection (see ami_client.h).
 *
 * One lock guards the connection state, the pending requests and the counters; the
 * reader thread never holds it while it calls a callback, so a callback may make
 * requests of its own (they wait for the reader thread, though: callbacks make
 * none).  Sends are serialised by a second lock so that actions never interleave.
 */
#include "ami_client.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ami_crypto.h"
#include "ami_socket.h"

#define LOGIN_ID "tcc-login"
#define RESYNC_ID "tcc-resync-"
#define PING_ID "tcc-ping"
#define BACKOFF_FIRST_MS 500
#define BACKOFF_MAX_MS 8000
#define READ_SLICE_MS 100       /* how often the reader looks at the clock and at stop */
#define DEFAULT_TIMEOUT_MS 5000

enum phase { CONNECTING, BANNER, CHALLENGED, LOGGING_IN, RESYNCING, LIVE, REFUSED };

struct pending
{
    struct pending *next;
    char id[24];
    void (*item)(void *context, const struct ami_message *message);
    void *context;
    char *message;
    size_t message_size;
    bool list, done;
    enum ami_result result;
};

struct ami_client
{
    struct ami_client_settings settings;
    struct ami_client_callbacks callbacks;
    char *host, *user, *secret, *events;
    char **resync_actions;

    pthread_mutex_t lock, send_lock;
    pthread_cond_t changed;
    pthread_t reader;
    ami_socket socket;
    enum phase phase;
    bool stopping, interrupted;
    atomic_int cancel;          /* set with stopping: a connect in progress gives up */
    unsigned resync_left, generation;
    char cause[256];
    struct pending *pending;
    uint64_t next_id, actions_sent, logins, messages, pings, losses;
    /* Liveness, under the lock: the connection's number (a request that times out
     * declares only its own connection dead), when something last arrived, when the
     * Ping in flight went (0: none), and a cause once it is declared dead. */
    unsigned connection;
    int64_t last_received_ms, ping_sent_ms;
    bool dead;
    struct ami_framer framer;
    /* The reader thread's own: when the bytes now being dispatched were read (ns). */
    int64_t received_ns;
};

static void wipe(char *text)
{
    for (volatile char *p = text; p && *p; p++)
        *p = 0;
}

static char *copy(const char *text)
{
    size_t length = strlen(text ? text : "");
    char *copied = malloc(length + 1);

    if (copied)
        memcpy(copied, text ? text : "", length + 1);
    return copied;
}

static struct timespec deadline_in(int ms)
{
    struct timespec at;

    clock_gettime(CLOCK_REALTIME, &at);
    at.tv_sec += ms / 1000;
    at.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (at.tv_nsec >= 1000000000L)
    {
        at.tv_sec++;
        at.tv_nsec -= 1000000000L;
    }
    return at;
}

static int64_t monotonic_ns(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static int64_t monotonic_ms(void)
{
    return monotonic_ns() / 1000000;
}

/* Under the lock: the connection is dead (the reader drops it within a slice). */
static void declare_dead(struct ami_client *client, const char *format, ...)
{
    va_list args;

    if (client->dead)
        return;
    client->dead = true;
    va_start(args, format);
    vsnprintf(client->cause, sizeof(client->cause), format, args);
    va_end(args);
}

static int tracing(struct ami_client *client)
{
    return client->callbacks.on_traffic && (!client->callbacks.tracing ||
                                            client->callbacks.tracing(client->callbacks.user));
}

/* Sends one action; under neither lock. */
static int send_action(struct ami_client *client, const char *text)
{
    int result;

    if (tracing(client))
        client->callbacks.on_traffic(client->callbacks.user, 1, text, strlen(text));
    pthread_mutex_lock(&client->send_lock);
    result = client->socket == AMI_NO_SOCKET ? -1 : ami_socket_send_all(client->socket, text, strlen(text));
    pthread_mutex_unlock(&client->send_lock);
    pthread_mutex_lock(&client->lock);
    client->actions_sent++;
    pthread_mutex_unlock(&client->lock);
    return result;
}

/* Every request waiting is answered `result` (the connection went down). */
static void fail_pending(struct ami_client *client, enum ami_result result)
{
    for (struct pending *pending = client->pending; pending; pending = pending->next)
        if (!pending->done)
        {
            pending->result = result;
            pending->done = true;
        }
    pthread_cond_broadcast(&client->changed);
}

static struct pending *find_pending(struct ami_client *client, const char *id)
{
    for (struct pending *pending = client->pending; id && pending; pending = pending->next)
        if (!pending->done && !strcmp(pending->id, id))
            return pending;
    return NULL;
}

/* A message that answers a request: routed to it.  Returns true when it was one. */
static bool route_to_request(struct ami_client *client, const struct ami_message *message)
{
    const char *id = ami_get(message, "ActionID"), *list = ami_get(message, "EventList");
    void (*item)(void *, const struct ami_message *) = NULL;
    void *context = NULL;
    struct pending *pending;

    pthread_mutex_lock(&client->lock);
    if (!(pending = find_pending(client, id)))
    {
        pthread_mutex_unlock(&client->lock);
        return false;
    }
    if (ami_kind(message, "Response"))
    {
        const char *text = ami_get(message, "Message");

        if (pending->message && pending->message_size)
            snprintf(pending->message, pending->message_size, "%s", text ? text : "");
        pending->result = strcmp(ami_get(message, "Response"), "Error") ? AMI_OK : AMI_ERROR;
        pending->list = pending->result == AMI_OK && list && !strcmp(list, "start");
        pending->done = !pending->list;
    }
    else if (list && !strcmp(list, "Complete"))
        pending->done = true;
    else
    {
        item = pending->item;
        context = pending->context;
    }
    if (pending->done)
        pthread_cond_broadcast(&client->changed);
    pthread_mutex_unlock(&client->lock);
    if (item)
        item(context, message);
    return true;
}

static void send_login(struct ami_client *client, const char *challenge)
{
    char key[33], text[512];

    if (ami_login_key(challenge, client->secret, key))
        return;
    snprintf(text, sizeof(text), "Action: Login\r\nActionID: " LOGIN_ID "\r\nAuthType: MD5\r\nUsername: %s\r\n"
             "Key: %s\r\nEvents: %s\r\n\r\n", client->user, key, client->events);
    send_action(client, text);
}

static void resync_step_done(struct ami_client *client)
{
    bool finished;

    pthread_mutex_lock(&client->lock);
    finished = !client->resync_left || !--client->resync_left;
    pthread_mutex_unlock(&client->lock);
    if (!finished)
        return;
    if (client->callbacks.on_resync)
        client->callbacks.on_resync(client->callbacks.user, false);
    pthread_mutex_lock(&client->lock);
    client->phase = LIVE;
    pthread_cond_broadcast(&client->changed);
    pthread_mutex_unlock(&client->lock);
}

static void start_resync(struct ami_client *client)
{
    char text[512];

    pthread_mutex_lock(&client->lock);
    client->phase = RESYNCING;
    client->resync_left = (unsigned)client->settings.resync_action_count;
    client->generation++;
    client->logins++;
    pthread_mutex_unlock(&client->lock);
    if (client->callbacks.on_resync)
        client->callbacks.on_resync(client->callbacks.user, true);
    for (size_t i = 0; i < client->settings.resync_action_count; i++)
    {
        snprintf(text, sizeof(text), "%sActionID: " RESYNC_ID "%u-%zu\r\n\r\n", client->resync_actions[i],
                 client->generation, i);
        send_action(client, text);
    }
    if (!client->settings.resync_action_count)
        resync_step_done(client);   /* nothing to wait for: live at once */
}

/* The login and resync conversation, and everything else to the callbacks. */
static void dispatch(struct ami_client *client, const struct ami_message *message)
{
    const char *id = ami_get(message, "ActionID");

    if (message->banner)
    {
        pthread_mutex_lock(&client->lock);
        client->phase = CHALLENGED;
        pthread_mutex_unlock(&client->lock);
        send_action(client, "Action: Challenge\r\nActionID: " LOGIN_ID "\r\nAuthType: MD5\r\n\r\n");
        return;
    }
    if (id && !strcmp(id, LOGIN_ID) && ami_kind(message, "Response"))
    {
        const char *challenge = ami_get(message, "Challenge");

        if (challenge && client->phase == CHALLENGED)
        {
            pthread_mutex_lock(&client->lock);
            client->phase = LOGGING_IN;
            pthread_mutex_unlock(&client->lock);
            send_login(client, challenge);
        }
        else if (!strcmp(ami_get(message, "Response"), "Success"))
            start_resync(client);
        else
        {
            const char *text = ami_get(message, "Message");

            pthread_mutex_lock(&client->lock);
            client->phase = REFUSED;
            snprintf(client->cause, sizeof(client->cause), "%s refused the login of user '%s' (%s)",
                     client->host, client->user, text ? text : "no reason given");
            pthread_cond_broadcast(&client->changed);
            pthread_mutex_unlock(&client->lock);
            ami_socket_shutdown(client->socket);
        }
        return;
    }
    if (id && !strcmp(id, PING_ID))
    {
        pthread_mutex_lock(&client->lock);
        client->ping_sent_ms = 0;       /* answered: the path works both ways */
        pthread_mutex_unlock(&client->lock);
        return;
    }
    if (id && !strncmp(id, RESYNC_ID, strlen(RESYNC_ID)))
    {
        const char *list = ami_get(message, "EventList");

        if (ami_kind(message, "Response"))
        {
            bool success = strcmp(ami_get(message, "Response"), "Error") != 0;

            if (success && (!list || strcmp(list, "start")))
            {
                /* A plain answer (CoreStatus): the answer is the resync's item. */
                if (client->callbacks.on_event)
                    client->callbacks.on_event(client->callbacks.user, message);
                resync_step_done(client);
            }
            else if (!success)
            {
                /* Refused: nothing follows; the refusal is the step's answer. */
                if (client->callbacks.on_event)
                    client->callbacks.on_event(client->callbacks.user, message);
                resync_step_done(client);
            }
        }
        else if (list && !strcmp(list, "Complete"))
            resync_step_done(client);
        else if (client->callbacks.on_event)
            client->callbacks.on_event(client->callbacks.user, message);
        return;
    }
    if (route_to_request(client, message))
        return;
    if (ami_kind(message, "Event") && client->callbacks.on_event)
        client->callbacks.on_event(client->callbacks.user, message);
}

/* Under the lock, between reads: sends a Ping when the line has been quiet for the
 * keepalive, and declares the connection dead when an answer is overdue.  Returns
 * true when a Ping is to be sent. */
static bool check_liveness(struct ami_client *client, int64_t now)
{
    int timeout = client->settings.timeout_ms, keepalive = client->settings.keepalive_ms;

    if (client->phase != LIVE)
    {
        /* The banner, the login and the resync answer at once on a working path. */
        if (now - client->last_received_ms >= timeout)
            declare_dead(client, "%s:%u sent nothing for %d ms during the login (the path is dead)", client->host,
                         client->settings.port, timeout);
        return false;
    }
    if (client->ping_sent_ms)
    {
        if (now - client->ping_sent_ms >= timeout)
            declare_dead(client, "%s:%u did not answer a Ping within %d ms (the path is dead)", client->host,
                         client->settings.port, timeout);
        return false;
    }
    if (keepalive > 0 && now - client->last_received_ms >= keepalive)
    {
        client->ping_sent_ms = now;
        client->pings++;
        return true;
    }
    return false;
}

/* Reads one connection until it ends, is declared dead, or the client stops. */
static void read_connection(struct ami_client *client)
{
    char bytes[16384];
    struct ami_message message;
    long got;

    ami_framer_reset(&client->framer);
    pthread_mutex_lock(&client->lock);
    client->connection++;
    client->dead = false;
    client->ping_sent_ms = 0;
    client->last_received_ms = monotonic_ms();
    pthread_mutex_unlock(&client->lock);
    for (;;)
    {
        int ready = ami_socket_wait(client->socket, READ_SLICE_MS);
        bool ping, over;

        pthread_mutex_lock(&client->lock);
        ping = !client->stopping && !client->dead && ready == 0 && check_liveness(client, monotonic_ms());
        over = client->stopping || client->dead || ready < 0;
        pthread_mutex_unlock(&client->lock);
        if (over)
            return;
        if (ping)
            send_action(client, "Action: Ping\r\nActionID: " PING_ID "\r\n\r\n");
        if (ready == 0)
            continue;
        if ((got = ami_socket_recv(client->socket, bytes, sizeof(bytes))) <= 0)
            return;
        client->received_ns = monotonic_ns();
        pthread_mutex_lock(&client->lock);
        client->last_received_ms = client->received_ns / 1000000;
        pthread_mutex_unlock(&client->lock);
        if (tracing(client))
            client->callbacks.on_traffic(client->callbacks.user, 0, bytes, (size_t)got);
        if (ami_framer_feed(&client->framer, bytes, (size_t)got))
            return;
        while (ami_framer_next(&client->framer, &message) == 1)
        {
            pthread_mutex_lock(&client->lock);
            client->messages++;
            pthread_mutex_unlock(&client->lock);
            dispatch(client, &message);
        }
    }
}

static void *reader_main(void *argument)
{
    struct ami_client *client = argument;
    int backoff = BACKOFF_FIRST_MS;
    char error[256];

    for (;;)
    {
        read_connection(client);
        pthread_mutex_lock(&client->send_lock);
        ami_socket_close(client->socket);
        client->socket = AMI_NO_SOCKET;
        pthread_mutex_unlock(&client->send_lock);
        pthread_mutex_lock(&client->lock);
        if (client->phase != REFUSED && !client->dead)
            snprintf(client->cause, sizeof(client->cause), "the connection to %s:%u was lost", client->host,
                     client->settings.port);
        fail_pending(client, AMI_DOWN);
        if (client->stopping)
        {
            pthread_mutex_unlock(&client->lock);
            return NULL;
        }
        client->losses++;
        client->phase = CONNECTING;
        pthread_mutex_unlock(&client->lock);
        if (client->callbacks.on_lost)
            client->callbacks.on_lost(client->callbacks.user, client->cause);

        /* Reconnect, waiting longer each time, until stopped. */
        for (;;)
        {
            struct timespec until = deadline_in(backoff);
            ami_socket socket;

            pthread_mutex_lock(&client->lock);
            while (!client->stopping && pthread_cond_timedwait(&client->changed, &client->lock, &until) == 0)
                ;
            if (client->stopping)
            {
                pthread_mutex_unlock(&client->lock);
                return NULL;
            }
            pthread_mutex_unlock(&client->lock);
            backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
            if (!ami_socket_connect(client->host, client->settings.port, client->settings.timeout_ms,
                                    &client->cancel, &socket, error, sizeof(error)))
            {
                pthread_mutex_lock(&client->send_lock);
                client->socket = socket;
                pthread_mutex_unlock(&client->send_lock);
                pthread_mutex_lock(&client->lock);
                client->phase = BANNER;
                pthread_mutex_unlock(&client->lock);
                backoff = BACKOFF_FIRST_MS;
                break;
            }
        }
    }
}

static void free_client(struct ami_client *client)
{
    wipe(client->secret);
    free(client->host);
    free(client->user);
    free(client->secret);
    free(client->events);
    for (size_t i = 0; client->resync_actions && i < client->settings.resync_action_count; i++)
        free(client->resync_actions[i]);
    free(client->resync_actions);
    ami_framer_free(&client->framer);
    free(client);
}

int ami_client_start(const struct ami_client_settings *settings, const struct ami_client_callbacks *callbacks,
                     struct ami_client **out, char *error, size_t error_size)
{
    struct ami_client *client = calloc(1, sizeof(*client));
    char cause[256];
    struct timespec until;
    bool ok;

    *out = NULL;
    if (!client)
        return snprintf(error, error_size, "out of memory"), -1;
    client->settings = *settings;
    if (client->settings.timeout_ms <= 0)
        client->settings.timeout_ms = DEFAULT_TIMEOUT_MS;
    client->callbacks = *callbacks;
    client->host = copy(settings->host);
    client->user = copy(settings->user);
    client->secret = copy(settings->secret);
    client->events = copy(settings->events ? settings->events : "agent");
    client->resync_actions = calloc(settings->resync_action_count + 1, sizeof(char *));
    ok = client->host && client->user && client->secret && client->events && client->resync_actions;
    for (size_t i = 0; ok && i < settings->resync_action_count; i++)
        ok = (client->resync_actions[i] = copy(settings->resync_actions[i])) != NULL;
    if (!ok)
    {
        free_client(client);
        return snprintf(error, error_size, "out of memory"), -1;
    }
    ami_framer_init(&client->framer, 0);
    if (ami_socket_connect(client->host, settings->port, client->settings.timeout_ms, NULL, &client->socket, cause,
                           sizeof(cause)))
    {
        snprintf(error, error_size, "cannot connect to %s:%u: %s", client->host, settings->port, cause);
        free_client(client);
        return -1;
    }
    pthread_mutex_init(&client->lock, NULL);
    pthread_mutex_init(&client->send_lock, NULL);
    pthread_cond_init(&client->changed, NULL);
    client->phase = BANNER;
    if (pthread_create(&client->reader, NULL, reader_main, client))
    {
        ami_socket_close(client->socket);
        pthread_cond_destroy(&client->changed);
        pthread_mutex_destroy(&client->send_lock);
        pthread_mutex_destroy(&client->lock);
        free_client(client);
        return snprintf(error, error_size, "cannot start the AMI reader thread"), -1;
    }

    until = deadline_in(settings->open_timeout_ms > 0 ? settings->open_timeout_ms : 10000);
    pthread_mutex_lock(&client->lock);
    while (client->phase != LIVE && client->phase != REFUSED && client->phase != CONNECTING &&
           pthread_cond_timedwait(&client->changed, &client->lock, &until) == 0)
        ;
    if (client->phase == LIVE)
    {
        pthread_mutex_unlock(&client->lock);
        *out = client;
        return 0;
    }
    if (client->phase == REFUSED || client->phase == CONNECTING)
        snprintf(error, error_size, "%s", client->cause);
    else
        snprintf(error, error_size, "%s:%u did not complete the login within %d ms (is it Asterisk's AMI?)",
                 client->host, settings->port, settings->open_timeout_ms > 0 ? settings->open_timeout_ms : 10000);
    pthread_mutex_unlock(&client->lock);
    ami_client_stop(client);
    return -1;
}

void ami_client_interrupt(struct ami_client *client)
{
    pthread_mutex_lock(&client->lock);
    client->interrupted = true;
    fail_pending(client, AMI_DOWN);
    pthread_mutex_unlock(&client->lock);
}

void ami_client_stop(struct ami_client *client)
{
    if (!client)
        return;
    pthread_mutex_lock(&client->lock);
    client->stopping = true;
    atomic_store(&client->cancel, 1);
    fail_pending(client, AMI_DOWN);         /* no request waits out its timeout */
    pthread_mutex_unlock(&client->lock);
    pthread_mutex_lock(&client->send_lock);
    if (client->socket != AMI_NO_SOCKET)
        ami_socket_shutdown(client->socket);
    pthread_mutex_unlock(&client->send_lock);
    pthread_join(client->reader, NULL);
    pthread_cond_destroy(&client->changed);
    pthread_mutex_destroy(&client->send_lock);
    pthread_mutex_destroy(&client->lock);
    free_client(client);
}

enum ami_result ami_client_request(struct ami_client *client, const char *action, const char *fields,
                                   void (*item)(void *context, const struct ami_message *message), void *context,
                                   char *message, size_t message_size, int timeout_ms)
{
    struct pending pending = { .item = item, .context = context, .message = message, .message_size = message_size };
    struct timespec until = deadline_in(timeout_ms);
    struct pending **link;
    size_t length = strlen(action) + strlen(fields ? fields : "") + 64;
    char *text = malloc(length);
    enum ami_result result;
    unsigned connection;

    if (message && message_size)
        message[0] = 0;
    if (!text)
        return AMI_NOMEM;
    pthread_mutex_lock(&client->lock);
    if (client->phase != LIVE)
    {
        pthread_mutex_unlock(&client->lock);
        free(text);
        return AMI_DOWN;
    }
    if (client->stopping || client->interrupted)
    {
        pthread_mutex_unlock(&client->lock);
        free(text);
        return AMI_DOWN;
    }
    connection = client->connection;
    snprintf(pending.id, sizeof(pending.id), "tcc-%llu", (unsigned long long)++client->next_id);
    pending.next = client->pending;
    client->pending = &pending;
    pthread_mutex_unlock(&client->lock);

    snprintf(text, length, "Action: %s\r\nActionID: %s\r\n%s\r\n", action, pending.id, fields ? fields : "");
    if (send_action(client, text))
    {
        pthread_mutex_lock(&client->lock);
        pending.done = true;
        pending.result = AMI_DOWN;
        pthread_mutex_unlock(&client->lock);
    }
    free(text);

    pthread_mutex_lock(&client->lock);
    while (!pending.done && pthread_cond_timedwait(&client->changed, &client->lock, &until) == 0)
        ;
    result = pending.done ? pending.result : AMI_TIMEOUT;
    if (result == AMI_TIMEOUT && connection == client->connection && client->phase == LIVE)
        declare_dead(client, "%s:%u did not answer %s within %d ms (the path is dead)", client->host,
                     client->settings.port, action, timeout_ms);
    for (link = &client->pending; *link; link = &(*link)->next)
        if (*link == &pending)
        {
            *link = pending.next;
            break;
        }
    pthread_mutex_unlock(&client->lock);
    return result;
}

/* A counter, read under the lock. */
static uint64_t read_counter(struct ami_client *client, const uint64_t *counter)
{
    uint64_t count;

    pthread_mutex_lock(&client->lock);
    count = *counter;
    pthread_mutex_unlock(&client->lock);
    return count;
}

uint64_t ami_client_actions_sent(struct ami_client *client)
{
    return read_counter(client, &client->actions_sent);
}

uint64_t ami_client_logins(struct ami_client *client)
{
    return read_counter(client, &client->logins);
}

uint64_t ami_client_messages(struct ami_client *client)
{
    return read_counter(client, &client->messages);
}

uint64_t ami_client_pings(struct ami_client *client)
{
    return read_counter(client, &client->pings);
}

uint64_t ami_client_losses(struct ami_client *client)
{
    return read_counter(client, &client->losses);
}

int64_t ami_client_received_ns(const struct ami_client *client)
{
    return client->received_ns;
}

int64_t ami_client_now_ns(void)
{
    return monotonic_ns();
}
