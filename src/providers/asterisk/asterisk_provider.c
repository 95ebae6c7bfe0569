/*
 * The "asterisk" provider's table (see asterisk_provider.h; mapping in ami_model.h).
 *
 * Zero polling: getters read the model, which only AMI's events change; actions go
 * out for requests (QueueAdd, QueuePause, QueueRemove, DBGet) and at each login (the
 * resync: QueueStatus and the address records).  The counters (control) prove it.
 *
 * Threads: the client's reader thread applies events to the model under `lock` and
 * delivers the status messages they raised after letting go of it.  A request that
 * changes something waits (up to the timeout) until the event that shows the change
 * has reached the model, so that a getter right after it sees the new state.
 *
 * During an outage reads return the last figures known; requests fail at once with
 * LINEERR_OPERATIONFAILED; after the reconnect the resync raises a status message
 * for whatever changed meanwhile.  The link's state goes to the host as
 * LINE_LINEDEVSTATE (out of service when AMI is lost or declared dead, in service
 * after the resync), and link_state answers it.
 *
 * Profiles.  "tapi3cc" (the default): agents are MemberNames, addresses AstDB's
 * tapi3cc/addresses records.  "freepbx": the center FreePBX (or a fork) configured
 * (shared facts: FREEPBX.md) — an agent is the extension its member's interface or
 * state interface names, the addresses are the users in AstDB's AMPUSER tree (each
 * user's extension, with its display name), a login is the QueueAdd FreePBX itself
 * sends, and members from the configuration (static) cannot be logged out over AMI.
 */
#define _GNU_SOURCE
#include "asterisk_provider.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ami_client.h"
#include "ami_crypto.h"
#include "ami_model.h"
#include "fill.h"

#define NAME_SIZE AMI_NAME_SIZE
#define FIELD(type, member) offsetof(type, member)
#define AGENTS_FAMILY "tapi3cc/agents"
#define ADDRESSES_FAMILY "tapi3cc/addresses"
#define FREEPBX_USERS_FAMILY "AMPUSER"
#define WAIT_STEP_MS 20

struct address
{
    char dialable[NAME_SIZE], interface[NAME_SIZE];
    char display[NAME_SIZE];        /* freepbx: the user's display name (MemberName) */
};

/* A group's name in the provider string (name.QUEUE=NAME). */
struct group_name
{
    char queue[NAME_SIZE], name[NAME_SIZE];
};

struct agent
{
    char id[NAME_SIZE];
};

struct context
{
    pthread_mutex_t lock;
    pthread_cond_t model_changed;
    struct ami_model *model;
    struct ami_client *client;
    char host[256], user[NAME_SIZE];
    uint16_t port;
    int timeout_ms;
    tcc_provider_event_fn callback;
    void *callback_user;
    struct address *addresses, *staged;
    size_t address_count, staged_count;
    struct agent *agents;
    size_t agent_count;
    bool connected;         /* resynchronised; its changes go to the host (raise_link_state) */
    bool freepbx;           /* profile=freepbx */
    bool interrupted;       /* the host is closing: nothing waits any more */
    struct group_name *group_names;
    size_t group_name_count;
    /* The lag probe (TCC_ASTERISK_CONTROL_LAG_PROBE): the session watched, and when
     * the bytes behind its first status message since the last reading were read (0:
     * none yet). */
    uint32_t probe_session;
    int64_t probe_read_ns;
};

/* Why the calling thread's last request failed (error_text), read once. */
static _Thread_local char failure[256];

/* Returns `code`, keeping a sentence about it for the host's error message. */
static int32_t fail(int32_t code, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vsnprintf(failure, sizeof(failure), format, args);
    va_end(args);
    return code;
}

static const struct tcc_host *host;

void tcc_asterisk_provider_set_host(const struct tcc_host *services)
{
    host = services;
}

static void trace(const char *format, ...)
{
    char line[512];
    va_list args;

    if (!host || !host->trace)
        return;
    va_start(args, format);
    vsnprintf(line, sizeof(line), format, args);
    va_end(args);
    host->trace("asterisk", line);
}

/* The model's clock, read for every event.  Not time(): MinGW's is msvcrt's, which
 * under Wine asks for the time zone each call, and that stats /etc/localtime (a
 * third of ITTAPI::Initialize's time on a center of 1,500 members: bench/profile
 * initialize). */
static int64_t real_clock(void *user)
{
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec;
}

/* Takes the model's status messages, lets go of the lock, and delivers them.
 * `read_ns`: when the bytes that raised them were read (on_event), or 0: now. */
static void unlock_and_deliver_read(struct context *context, int64_t read_ns)
{
    struct ami_status batch[64];
    tcc_provider_event_fn callback = context->callback;
    void *user = context->callback_user;
    size_t count;

    pthread_cond_broadcast(&context->model_changed);
    do
    {
        count = ami_model_take(context->model, batch, sizeof(batch) / sizeof(*batch));
        for (size_t i = 0; context->probe_session && !context->probe_read_ns && i < count; i++)
            if (batch[i].message == TCC_LINE_AGENTSESSIONSTATUS && batch[i].param1 == context->probe_session)
                context->probe_read_ns = read_ns ? read_ns : ami_client_now_ns();
        pthread_mutex_unlock(&context->lock);
        for (size_t i = 0; callback && i < count; i++)
            callback(user, batch[i].message, batch[i].param1, batch[i].param2, batch[i].param3);
        if (count == sizeof(batch) / sizeof(*batch))
            pthread_mutex_lock(&context->lock);
    } while (count == sizeof(batch) / sizeof(*batch));
}

static void unlock_and_deliver(struct context *context)
{
    unlock_and_deliver_read(context, 0);
}

/* The address records: key "/tapi3cc/addresses/2001", value the member interface. */
static void stage_address(struct context *context, const struct ami_message *message)
{
    const char *key = ami_get(message, "Key"), *value = ami_get(message, "Val"), *dialable;
    char extension[NAME_SIZE - 24];     /* room for Local/...@from-queue/n */
    struct address *grown, *address;

    if (!key || !value || !(dialable = strrchr(key, '/')) || !dialable[1] || !*value)
        return;
    /* FreePBX keeps a user's fields under /AMPUSER/EXT/...: its display name is one. */
    if (context->freepbx && (strcmp(dialable, "/cidname") ||
                             sscanf(key, "/" FREEPBX_USERS_FAMILY "/%55[^/]/cidname", extension) != 1))
        return;
    if (!(grown = realloc(context->staged, (context->staged_count + 1) * sizeof(*grown))))
        return;
    context->staged = grown;
    address = &grown[context->staged_count++];
    if (context->freepbx)
    {
        snprintf(address->dialable, NAME_SIZE, "%s", extension);
        snprintf(address->interface, NAME_SIZE, "Local/%s@from-queue/n", extension);
        snprintf(address->display, NAME_SIZE, "%s", value);
    }
    else
    {
        snprintf(address->dialable, NAME_SIZE, "%s", dialable + 1);
        snprintf(address->interface, NAME_SIZE, "%s", value);
        address->display[0] = 0;
    }
}

/* A queue's name as clients see it: name.QUEUE, or the queue's own. */
static const char *group_name_of(const struct context *context, const char *queue)
{
    for (size_t i = 0; i < context->group_name_count; i++)
        if (!strcmp(context->group_names[i].queue, queue))
            return context->group_names[i].name;
    return queue;
}

/* The link went down or came back: tells the host when that is a change
 * (LINE_LINEDEVSTATE, contract version 4); under no lock. */
static void raise_link_state(struct context *context, bool down)
{
    tcc_provider_event_fn callback;
    void *user;
    bool changed;

    pthread_mutex_lock(&context->lock);
    changed = context->connected == down;
    context->connected = !down;
    callback = context->callback;
    user = context->callback_user;
    pthread_mutex_unlock(&context->lock);
    if (changed && callback)
        callback(user, TCC_LINE_LINEDEVSTATE, 0, down ? TCC_LINEDEVSTATE_OUTOFSERVICE : TCC_LINEDEVSTATE_INSERVICE,
                 0);
}

static void on_event(void *user, const struct ami_message *message)
{
    struct context *context = user;
    const char *event = ami_kind(message, "Event");

    pthread_mutex_lock(&context->lock);
    if (event && !strcmp(event, "DBGetTreeResponse"))
        stage_address(context, message);
    else if (!event && ami_get(message, "CoreStartupTime"))
    {
        char started[64];

        snprintf(started, sizeof(started), "%s %s", ami_get(message, "CoreStartupDate") ?
                 ami_get(message, "CoreStartupDate") : "", ami_get(message, "CoreStartupTime"));
        ami_model_note_server_start(context->model, started);
    }
    else if (!event && ami_kind(message, "Response") && !strcmp(ami_kind(message, "Response"), "Error"))
        /* A resync action refused: a desktop's Filter needs the user's "system" write
         * right; without it the desktop still shows only its agent, but gets every event. */
        trace("Asterisk refused a resync action (%s): %s", ami_get(message, "ActionID") ? ami_get(message, "ActionID")
              : "?", ami_get(message, "Message") ? ami_get(message, "Message") : "no reason given");
    else
        ami_model_apply(context->model, message);
    /* Only an armed probe wants the time (and it is armed after open, once `client`
     * is set: the first resync runs inside ami_client_start). */
    unlock_and_deliver_read(context, context->probe_session ? ami_client_received_ns(context->client) : 0);
}

static void on_resync(void *user, bool begin)
{
    struct context *context = user;

    pthread_mutex_lock(&context->lock);
    if (begin)
    {
        ami_model_begin_resync(context->model);
        free(context->staged);
        context->staged = NULL;
        context->staged_count = 0;
    }
    else
    {
        ami_model_end_resync(context->model);
        free(context->addresses);
        context->addresses = context->staged;
        context->address_count = context->staged_count;
        context->staged = NULL;
        context->staged_count = 0;
        trace("connected to %s:%u and resynchronised: %zu queues, %zu addresses", context->host, context->port,
              ami_model_queue_count(context->model), context->address_count);
    }
    unlock_and_deliver(context);
    if (!begin)
        raise_link_state(context, false);   /* after what changed meanwhile */
}

static int traffic_traced(void *user)
{
    return host && host->version >= TCC_HOST_VERSION_2 && host->tracing && host->tracing();
}

/* AMI's traffic in the host's trace, a line each ("AMI > " sent, "AMI < " received);
 * the wire carries no secret (the login sends an MD5 key). */
static void trace_traffic(void *user, int sent, const char *text, size_t length)
{
    const char *end = text + length;

    while (text < end)
    {
        const char *newline = memchr(text, '\n', (size_t)(end - text));
        size_t line = (size_t)((newline ? newline : end) - text);

        if (line && text[line - 1] == '\r')
            line--;
        if (line)
            trace("AMI %s %.*s", sent ? ">" : "<", (int)(line > 400 ? 400 : line), text);
        text = newline ? newline + 1 : end;
    }
}

static void on_lost(void *user, const char *cause)
{
    struct context *context = user;

    trace("%s; reconnecting", cause);
    raise_link_state(context, true);
}

/* Configuration */

static int read_secret(const char *path, char *secret, size_t size, char *error, size_t error_size)
{
    FILE *file = fopen(path, "r");

    if (!file)
    {
        snprintf(error, error_size, "asterisk: cannot read the secret file %s", path);
        return -1;
    }
    if (!fgets(secret, (int)size, file))
        secret[0] = 0;
    fclose(file);
    secret[strcspn(secret, "\r\n")] = 0;
    if (!secret[0])
    {
        snprintf(error, error_size, "asterisk: the secret file %s is empty", path);
        return -1;
    }
    return 0;
}

struct settings
{
    char host[256], user[NAME_SIZE], secret_file[1024];
    unsigned port;
    int timeout_ms, keepalive_s;
    bool freepbx;
    char desktop[NAME_SIZE];        /* desktop=: one agent's ID ("": every agent's) */
};

/* A setting's text, refused (with a sentence) when it does not fit. */
static int set_text(char *out, size_t size, const char *key, const char *value, char *error, size_t error_size)
{
    size_t length = strlen(value);

    if (length >= size)
    {
        snprintf(error, error_size, "asterisk: %s= is longer than %zu bytes", key, size - 1);
        return -1;
    }
    memcpy(out, value, length + 1);
    return 0;
}

/* Parses KEY=VALUE;... into `settings`, the wrap-up keys into `model` and the
 * group names into `context`. */
static int parse_settings(const char *config, struct settings *settings, struct context *context,
                          struct ami_model *model, char *error, size_t error_size)
{
    const char *p = config ? config : "";

    snprintf(settings->host, sizeof(settings->host), "127.0.0.1");
    settings->port = 5038;
    settings->timeout_ms = 5000;
    settings->keepalive_s = 10;
    while (*p)
    {
        const char *end = strchr(p, ';'), *equals;
        size_t length = end ? (size_t)(end - p) : strlen(p);
        char key[64], value[1024];

        if (!length)
        {
            p++;
            continue;
        }
        if (!(equals = memchr(p, '=', length)) || (size_t)(equals - p) >= sizeof(key) ||
            length - (size_t)(equals - p) - 1 >= sizeof(value))
        {
            snprintf(error, error_size, "asterisk: '%.*s' is not KEY=VALUE (or is too long)", (int)length, p);
            return -1;
        }
        snprintf(key, sizeof(key), "%.*s", (int)(equals - p), p);
        snprintf(value, sizeof(value), "%.*s", (int)(length - (size_t)(equals - p) - 1), equals + 1);
        if (!strcmp(key, "host"))
        {
            if (set_text(settings->host, sizeof(settings->host), key, value, error, error_size))
                return -1;
        }
        else if (!strcmp(key, "port"))
            settings->port = (unsigned)strtoul(value, NULL, 10);
        else if (!strcmp(key, "user"))
        {
            if (set_text(settings->user, sizeof(settings->user), key, value, error, error_size))
                return -1;
        }
        else if (!strcmp(key, "secretfile"))
        {
            if (set_text(settings->secret_file, sizeof(settings->secret_file), key, value, error, error_size))
                return -1;
        }
        else if (!strcmp(key, "timeout"))
            settings->timeout_ms = atoi(value);
        else if (!strcmp(key, "keepalive"))
        {
            char *end_of_number;
            long seconds = strtol(value, &end_of_number, 10);

            if (*end_of_number || seconds < 0 || seconds > 86400)
                return snprintf(error, error_size, "asterisk: keepalive= takes whole seconds, 0 (no Ping) to 86400"),
                       -1;
            settings->keepalive_s = (int)seconds;
        }
        else if (!strcmp(key, "desktop"))
        {
            if (!*value || strpbrk(value, "\r\n") || set_text(settings->desktop, sizeof(settings->desktop), key, value,
                                                              error, error_size))
                return snprintf(error, error_size, "asterisk: desktop= takes one agent's ID (1 to %d bytes)",
                                NAME_SIZE - 1), -1;
        }
        else if (!strncmp(key, "wrapup.", 7) && key[7])
            ami_model_set_queue_wrapup(model, key + 7, (uint32_t)strtoul(value, NULL, 10));
        else if (!strcmp(key, "profile"))
        {
            if (strcmp(value, "tapi3cc") && strcmp(value, "freepbx"))
                return snprintf(error, error_size, "asterisk: profile= is tapi3cc (the default) or freepbx, not '%s'",
                                value), -1;
            settings->freepbx = !strcmp(value, "freepbx");
        }
        else if (!strncmp(key, "name.", 5) && key[5])
        {
            struct group_name *grown;

            if (strlen(key + 5) >= NAME_SIZE || strlen(value) >= NAME_SIZE || !*value)
                return snprintf(error, error_size, "asterisk: %s= needs a name of 1 to %d bytes", key, NAME_SIZE - 1),
                       -1;
            if (!(grown = realloc(context->group_names, (context->group_name_count + 1) * sizeof(*grown))))
                return snprintf(error, error_size, "asterisk: out of memory"), -1;
            context->group_names = grown;
            memcpy(grown[context->group_name_count].queue, key + 5, strlen(key + 5) + 1);
            memcpy(grown[context->group_name_count].name, value, strlen(value) + 1);
            context->group_name_count++;
        }
        else
        {
            snprintf(error, error_size, "asterisk: unknown key '%s' (host, port, user, secretfile, wrapup.QUEUE, "
                     "timeout, keepalive, profile, name.QUEUE, desktop)", key);
            return -1;
        }
        p += length + (end ? 1 : 0);
    }
    if (!settings->port || settings->port > 65535)
        return snprintf(error, error_size, "asterisk: port must be 1 to 65535"), -1;
    if (!settings->user[0] || !settings->secret_file[0])
        return snprintf(error, error_size, "asterisk: user= and secretfile= are required"), -1;
    if (settings->timeout_ms <= 0)
        settings->timeout_ms = 5000;
    return 0;
}

static void destroy(struct context *context)
{
    ami_model_destroy(context->model);
    free(context->addresses);
    free(context->staged);
    free(context->agents);
    free(context->group_names);
    pthread_cond_destroy(&context->model_changed);
    pthread_mutex_destroy(&context->lock);
    free(context);
}

/* `text` with the characters a POSIX extended regex gives a meaning escaped. */
static void regex_escaped(const char *text, char *out, size_t size)
{
    size_t length = 0;

    for (; *text && length + 2 < size; text++)
    {
        if (strchr(".[]()*+?{}|^$\\", *text))
            out[length++] = '\\';
        out[length++] = *text;
    }
    out[length] = 0;
}

/* desktop=ID: Asterisk sends a session only the events its filters let through (the
 * Filter action, a POSIX regex over the event's text): here the agent's own members'
 * events, and the callers' and calls' events that every queue figure needs.  What
 * that saves is the desktop's work and network (4 messages per call instead of 11 in
 * bench/asterisk_scale's center), not Asterisk's: it wakes every AMI session for every
 * event before it looks at filters (BENCHMARKS.md).  Filters come first among the
 * resync actions, so that nothing unfiltered follows the login for long. */
enum { DESKTOP_FILTER_COUNT = 3 };
static void desktop_filters(const struct settings *settings, char filters[DESKTOP_FILTER_COUNT][NAME_SIZE * 2 + 128])
{
    char id[NAME_SIZE * 2];

    regex_escaped(settings->desktop, id, sizeof(id));
    if (settings->freepbx)  /* the agent is the extension its interface names */
        snprintf(filters[0], sizeof(filters[0]),
                 "Action: Filter\r\nOperation: Add\r\nFilter: Interface: [^[:space:]]*[/:]%s([@/-]|[[:space:]])\r\n", id);
    else
        snprintf(filters[0], sizeof(filters[0]),
                 "Action: Filter\r\nOperation: Add\r\nFilter: MemberName: %s[[:space:]]\r\n", id);
    snprintf(filters[1], sizeof(filters[1]), "Action: Filter\r\nOperation: Add\r\nFilter: Event: QueueCaller\r\n");
    snprintf(filters[2], sizeof(filters[2]),
             "Action: Filter\r\nOperation: Add\r\nFilter: Event: Agent(Connect|Complete)\r\n");
}

static int32_t asterisk_open(const char *config, void **out, char *error, size_t error_size)
{
    static const char *const resync_actions[] =
    {
        "Action: CoreStatus\r\n",     /* its start time tells a restart from an outage */
        "Action: QueueStatus\r\n",
        "Action: DBGetTree\r\nFamily: " ADDRESSES_FAMILY "\r\n",
    };
    static const char *const freepbx_resync_actions[] =
    {
        "Action: CoreStatus\r\n",
        "Action: QueueStatus\r\n",
        "Action: DBGetTree\r\nFamily: " FREEPBX_USERS_FAMILY "\r\n",
    };
    struct ami_client_settings client_settings = { 0 };
    struct ami_client_callbacks callbacks = { 0 };
    struct context *context = calloc(1, sizeof(*context));
    struct settings settings = { 0 };
    enum { PROFILE_ACTIONS = sizeof(resync_actions) / sizeof(*resync_actions) };
    _Static_assert(sizeof(freepbx_resync_actions) == sizeof(resync_actions), "one count for both profiles");
    char secret[256], filters[DESKTOP_FILTER_COUNT][NAME_SIZE * 2 + 128];
    const char *actions[DESKTOP_FILTER_COUNT + PROFILE_ACTIONS];

    *out = NULL;
    if (!context)
        return TCC_LINEERR_NOMEM;
    pthread_mutex_init(&context->lock, NULL);
    pthread_cond_init(&context->model_changed, NULL);
    if (!(context->model = ami_model_create(real_clock, NULL)))
    {
        destroy(context);
        return TCC_LINEERR_NOMEM;
    }
    if (parse_settings(config, &settings, context, context->model, error, error_size))
    {
        destroy(context);
        return TCC_LINEERR_INVALPARAM;
    }
    if (read_secret(settings.secret_file, secret, sizeof(secret), error, error_size))
    {
        destroy(context);
        return TCC_LINEERR_OPERATIONFAILED;
    }
    snprintf(context->host, sizeof(context->host), "%s", settings.host);
    snprintf(context->user, sizeof(context->user), "%s", settings.user);
    context->port = (uint16_t)settings.port;
    context->timeout_ms = settings.timeout_ms;
    context->freepbx = settings.freepbx;
    if (settings.freepbx)
        ami_model_set_agent_identity(context->model, AMI_AGENT_IS_EXTENSION);

    client_settings.host = settings.host;
    client_settings.port = (uint16_t)settings.port;
    client_settings.user = settings.user;
    client_settings.secret = secret;
    client_settings.events = "agent";
    if (settings.desktop[0])
    {
        desktop_filters(&settings, filters);
        ami_model_set_desktop(context->model, settings.desktop);
        for (size_t i = 0; i < DESKTOP_FILTER_COUNT; i++)
            actions[client_settings.resync_action_count++] = filters[i];
    }
    for (size_t i = 0; i < PROFILE_ACTIONS; i++)
        actions[client_settings.resync_action_count++] = settings.freepbx ? freepbx_resync_actions[i]
                                                                          : resync_actions[i];
    client_settings.resync_actions = actions;
    client_settings.open_timeout_ms = settings.timeout_ms * 2;
    client_settings.timeout_ms = settings.timeout_ms;
    client_settings.keepalive_ms = settings.keepalive_s * 1000;
    callbacks.user = context;
    callbacks.on_event = on_event;
    callbacks.on_resync = on_resync;
    callbacks.on_lost = on_lost;
    callbacks.tracing = traffic_traced;
    callbacks.on_traffic = trace_traffic;
    if (ami_client_start(&client_settings, &callbacks, &context->client, error, error_size))
    {
        memset(secret, 0, sizeof(secret));
        trace("open failed: %s", error);
        destroy(context);
        return TCC_LINEERR_OPERATIONFAILED;
    }
    memset(secret, 0, sizeof(secret));
    *out = context;
    return 0;
}

static void asterisk_close(void *opaque)
{
    struct context *context = opaque;

    if (!context)
        return;
    ami_client_stop(context->client);
    destroy(context);
}

static void asterisk_set_event_callback(void *opaque, tcc_provider_event_fn callback, void *user)
{
    struct context *context = opaque;

    pthread_mutex_lock(&context->lock);
    context->callback = callback;
    context->callback_user = user;
    pthread_mutex_unlock(&context->lock);
}

/* Requests */

static int32_t lineerr_of(const struct context *context, enum ami_result result, const char *action,
                          const char *message)
{
    switch (result)
    {
    case AMI_OK:
        return 0;
    case AMI_NOMEM:
        return TCC_LINEERR_NOMEM;
    case AMI_DOWN:
        if (__atomic_load_n(&context->interrupted, __ATOMIC_RELAXED))
            return fail(TCC_LINEERR_OPERATIONFAILED, "the client is shutting down (ITTAPI::Shutdown)");
        return fail(TCC_LINEERR_OPERATIONFAILED, "the link to Asterisk at %s:%u is down; tapi3cc is reconnecting "
                    "(try again when the addresses are in service)", context->host, context->port);
    case AMI_TIMEOUT:
        return fail(TCC_LINEERR_OPERATIONFAILED, "Asterisk at %s:%u did not answer %s within %d ms", context->host,
                    context->port, action, context->timeout_ms);
    default:
        return fail(TCC_LINEERR_OPERATIONFAILED, "Asterisk refused %s: %s", action,
                    message && *message ? message : "no reason given");
    }
}

/* One action that changes something, answered by a plain response. */
static int32_t request(struct context *context, const char *action, const char *fields)
{
    char message[256];

    return lineerr_of(context, ami_client_request(context->client, action, fields, NULL, NULL, message,
                                                  sizeof(message), context->timeout_ms), action, message);
}

/* Waits (under the lock) until `done` says the model shows the change, or the
 * timeout. */
static bool wait_for_model(struct context *context, bool (*done)(struct context *, const void *), const void *what)
{
    for (int waited = 0; waited < context->timeout_ms && !context->interrupted; waited += WAIT_STEP_MS)
    {
        struct timespec until;

        if (done(context, what))
            return true;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += WAIT_STEP_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L)
        {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&context->model_changed, &context->lock, &until);
    }
    return done(context, what);
}

static const struct agent *agent_of(const struct context *context, tcc_hagent handle)
{
    return handle && handle <= context->agent_count ? &context->agents[handle - 1] : NULL;
}

struct db_value
{
    char value[512];
    bool found;
};

static void keep_db_value(void *user, const struct ami_message *message)
{
    struct db_value *db = user;
    const char *value = ami_get(message, "Val");

    if (value)
    {
        snprintf(db->value, sizeof(db->value), "%s", value);
        db->found = true;
    }
}

static int hex_bytes(const char *hex, uint8_t *out, size_t max, size_t *count)
{
    size_t length = strlen(hex);

    if (length % 2 || length / 2 > max)
        return -1;
    for (size_t i = 0; i < length / 2; i++)
    {
        unsigned byte;

        if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
            return -1;
        out[i] = (uint8_t)byte;
    }
    *count = length / 2;
    return 0;
}

/* "pbkdf2-sha256$ITERATIONS$SALT$HASH" against the PIN, in constant time. */
static int32_t check_pin(const char *record, const char *pin)
{
    uint8_t salt[64], expected[32], derived[32];
    char salt_hex[129], hash_hex[65];
    size_t salt_size, hash_size;
    unsigned long iterations;
    unsigned difference = 0;

    if (sscanf(record, "pbkdf2-sha256$%lu$%128[0-9a-f]$%64[0-9a-f]", &iterations, salt_hex, hash_hex) != 3 ||
        !iterations || iterations > 10000000 || hex_bytes(salt_hex, salt, sizeof(salt), &salt_size) ||
        hex_bytes(hash_hex, expected, sizeof(expected), &hash_size) || hash_size != sizeof(expected))
        return TCC_LINEERR_OPERATIONFAILED;     /* a record the tool did not write */
    if (ami_pbkdf2_sha256(pin, strlen(pin), salt, salt_size, (uint32_t)iterations, derived, sizeof(derived)))
        return TCC_LINEERR_OPERATIONFAILED;
    for (size_t i = 0; i < sizeof(derived); i++)
        difference |= (unsigned)(derived[i] ^ expected[i]);
    return difference ? TCC_LINEERR_INVALPASSWORD : 0;
}

static int32_t asterisk_create_agent(void *opaque, const tcc_wchar *id, const tcc_wchar *pin, const tcc_wchar *user,
                                     tcc_hagent *agent)
{
    struct context *context = opaque;
    char id_utf8[NAME_SIZE], pin_utf8[256] = "", fields[NAME_SIZE + 64];
    struct db_value record = { 0 };
    enum ami_result result;
    int32_t checked;
    struct agent *grown;

    if (!id)
        return TCC_LINEERR_OPERATIONUNAVAIL;    /* agents live in AstDB, by ID */
    if (tcc__utf8_from_utf16(id, id_utf8, sizeof(id_utf8)) || !id_utf8[0] || strpbrk(id_utf8, "\r\n/"))
        return TCC_LINEERR_INVALAGENTID;
    if (pin && tcc__utf8_from_utf16(pin, pin_utf8, sizeof(pin_utf8)))
        return TCC_LINEERR_INVALPASSWORD;
    snprintf(fields, sizeof(fields), "Family: " AGENTS_FAMILY "\r\nKey: %s\r\n", id_utf8);
    result = ami_client_request(context->client, "DBGet", fields, keep_db_value, &record, NULL, 0,
                                context->timeout_ms);
    if (result == AMI_ERROR || (result == AMI_OK && !record.found))
        checked = TCC_LINEERR_INVALAGENTID;
    else if (result != AMI_OK)
        checked = lineerr_of(context, result, "DBGet", NULL);
    else
        checked = check_pin(record.value, pin_utf8);
    memset(pin_utf8, 0, sizeof(pin_utf8));
    if (checked)
        return checked;

    pthread_mutex_lock(&context->lock);
    for (size_t i = 0; i < context->agent_count; i++)
        if (!strcmp(context->agents[i].id, id_utf8))
        {
            *agent = (tcc_hagent)(i + 1);
            pthread_mutex_unlock(&context->lock);
            return 0;
        }
    if (!(grown = realloc(context->agents, (context->agent_count + 1) * sizeof(*grown))))
    {
        pthread_mutex_unlock(&context->lock);
        return TCC_LINEERR_NOMEM;
    }
    context->agents = grown;
    snprintf(grown[context->agent_count].id, NAME_SIZE, "%s", id_utf8);
    *agent = (tcc_hagent)++context->agent_count;
    ami_model_set_agent_handle(context->model, id_utf8, *agent);
    {
        TCC_LINEAGENTINFO info = { 0 };

        ami_model_agent_info(context->model, id_utf8, &info);
        if (context->callback)
        {
            tcc_provider_event_fn callback = context->callback;
            void *callback_user = context->callback_user;

            pthread_mutex_unlock(&context->lock);
            callback(callback_user, TCC_LINE_AGENTSTATUSEX, *agent, TCC_LINEAGENTSTATUSEX_NEWAGENT, info.dwAgentState);
            return 0;
        }
    }
    pthread_mutex_unlock(&context->lock);
    return 0;
}

static int32_t asterisk_get_agent_info(void *opaque, tcc_hagent handle, TCC_LINEAGENTINFO *out)
{
    struct context *context = opaque;
    TCC_LINEAGENTINFO info = { 0 };
    const struct agent *agent;

    pthread_mutex_lock(&context->lock);
    if (!(agent = agent_of(context, handle)))
    {
        pthread_mutex_unlock(&context->lock);
        return TCC_LINEERR_INVALAGENTID;
    }
    ami_model_agent_info(context->model, agent->id, &info);
    unlock_and_deliver(context);
    return tcc__fill_fixed(out, &info, sizeof(info));
}

/* The agent's READY / NOT_READY pause or unpause each of its live sessions. */
static int32_t pause_member(struct context *context, const char *queue, const char *interface, bool paused)
{
    char fields[2 * NAME_SIZE + 96];

    snprintf(fields, sizeof(fields), "Queue: %s\r\nInterface: %s\r\nPaused: %s\r\nReason: tapi3cc\r\n", queue,
             interface, paused ? "true" : "false");
    return request(context, "QueuePause", fields);
}

struct wanted_state
{
    uint32_t session, state;
};

/* The session shows the state asked for, or is busy (a pause waits for the call). */
static bool session_shows(struct context *context, const void *what)
{
    const struct wanted_state *wanted = what;
    const char *queue, *interface, *agent_id;
    uint32_t state;

    if (!ami_model_session_member(context->model, wanted->session, &queue, &interface, &agent_id, &state))
        return true;
    return state == wanted->state || (wanted->state != TCC_LINEAGENTSESSIONSTATE_ENDED &&
                                      (state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL ||
                                       state == TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP));
}

static int32_t set_session_state(struct context *context, uint32_t session, uint32_t state)
{
    char queue[NAME_SIZE], interface[NAME_SIZE], fields[2 * NAME_SIZE + 64];
    const char *queue_now, *interface_now, *agent_id;
    struct wanted_state wanted = { session, state };
    uint32_t current;
    int32_t result;
    bool is_static;

    pthread_mutex_lock(&context->lock);
    if (!ami_model_session_member(context->model, session, &queue_now, &interface_now, &agent_id, &current))
    {
        pthread_mutex_unlock(&context->lock);
        return TCC_LINEERR_INVALPARAM;
    }
    snprintf(queue, sizeof(queue), "%s", queue_now);
    snprintf(interface, sizeof(interface), "%s", interface_now);
    is_static = ami_model_session_static(context->model, session);
    pthread_mutex_unlock(&context->lock);
    if (current == TCC_LINEAGENTSESSIONSTATE_ENDED)
        return fail(TCC_LINEERR_INVALAGENTSESSIONSTATE, "the session has ended");
    if (state == TCC_LINEAGENTSESSIONSTATE_ENDED)
    {
        if (is_static)
            return fail(TCC_LINEERR_INVALAGENTSESSIONSTATE, "%s is a static member of queue %s in Asterisk's "
                        "configuration (queues.conf, FreePBX's queue settings): it cannot be logged out over AMI; "
                        "remove it there, or make it NOT_READY", interface, queue);
        snprintf(fields, sizeof(fields), "Queue: %s\r\nInterface: %s\r\n", queue, interface);
        result = request(context, "QueueRemove", fields);
    }
    else if (state == TCC_LINEAGENTSESSIONSTATE_READY || state == TCC_LINEAGENTSESSIONSTATE_NOTREADY)
        result = pause_member(context, queue, interface, state == TCC_LINEAGENTSESSIONSTATE_NOTREADY);
    else
        return TCC_LINEERR_INVALAGENTSESSIONSTATE;
    if (result)
        return result;
    pthread_mutex_lock(&context->lock);
    wait_for_model(context, session_shows, &wanted);
    pthread_mutex_unlock(&context->lock);
    return 0;
}

static int32_t asterisk_set_agent_state_ex(void *opaque, tcc_hagent handle, uint32_t state, uint32_t next_state)
{
    struct context *context = opaque;
    uint32_t sessions[64], session_state;
    const struct agent *agent;
    char id[NAME_SIZE];
    size_t count;
    int32_t result = 0;

    if (state != TCC_LINEAGENTSTATEEX_READY && state != TCC_LINEAGENTSTATEEX_NOTREADY)
        return TCC_LINEERR_INVALAGENTSTATE;
    pthread_mutex_lock(&context->lock);
    if (!(agent = agent_of(context, handle)))
    {
        pthread_mutex_unlock(&context->lock);
        return TCC_LINEERR_INVALAGENTID;
    }
    snprintf(id, sizeof(id), "%s", agent->id);
    count = ami_model_agent_sessions(context->model, id, sessions, 64);
    pthread_mutex_unlock(&context->lock);
    session_state = state == TCC_LINEAGENTSTATEEX_READY ? TCC_LINEAGENTSESSIONSTATE_READY
                                                         : TCC_LINEAGENTSESSIONSTATE_NOTREADY;
    for (size_t i = 0; i < count && i < 64 && !result; i++)
    {
        const char *queue, *interface, *agent_id;
        uint32_t current;
        bool live;

        pthread_mutex_lock(&context->lock);
        live = ami_model_session_member(context->model, sessions[i], &queue, &interface, &agent_id, &current) &&
               current != TCC_LINEAGENTSESSIONSTATE_ENDED;
        pthread_mutex_unlock(&context->lock);
        if (live)
            result = set_session_state(context, sessions[i], session_state);
    }
    return result;
}

static int32_t asterisk_set_agent_measurement_period(void *opaque, tcc_hagent handle, uint32_t period)
{
    struct context *context = opaque;
    const struct agent *agent;
    int32_t result;

    pthread_mutex_lock(&context->lock);
    result = (agent = agent_of(context, handle)) ? ami_model_set_agent_period(context->model, agent->id, period)
                                                  : TCC_LINEERR_INVALAGENTID;
    pthread_mutex_unlock(&context->lock);
    return result;
}

struct member
{
    const char *queue, *interface;
};

static bool member_exists(struct context *context, const void *what)
{
    const struct member *member = what;
    return ami_model_find_session(context->model, member->queue, member->interface) != 0;
}

static int32_t asterisk_create_agent_session(void *opaque, tcc_hagent handle, const tcc_wchar *pin, uint32_t line_id,
                                             uint32_t address_id, const TCC_GUID *group, tcc_hagentsession *session)
{
    struct context *context = opaque;
    char id[NAME_SIZE], queue[NAME_SIZE], interface[NAME_SIZE], display[NAME_SIZE], fields[4 * NAME_SIZE + 128];
    const struct agent *agent;
    const char *queue_name;
    uint32_t queue_id, existing;
    struct member member = { queue, interface };
    int32_t result;

    pthread_mutex_lock(&context->lock);
    if (!(agent = agent_of(context, handle)))
        result = TCC_LINEERR_INVALAGENTID;
    else if (!ami_model_queue_by_group(context->model, group, &queue_id, &queue_name))
        result = TCC_LINEERR_INVALAGENTGROUP;
    else if (line_id >= context->address_count || address_id != line_id)
        result = TCC_LINEERR_INVALADDRESSID;
    else if (context->freepbx && strcmp(context->addresses[line_id].dialable, agent->id))
        result = fail(TCC_LINEERR_INVALADDRESSID, "in a FreePBX center an agent is its extension: agent %s logs in "
                      "on address %s, not %s", agent->id, agent->id, context->addresses[line_id].dialable);
    else
    {
        result = 0;
        snprintf(id, sizeof(id), "%s", agent->id);
        snprintf(queue, sizeof(queue), "%s", queue_name);
        snprintf(interface, sizeof(interface), "%s", context->addresses[line_id].interface);
        snprintf(display, sizeof(display), "%s", context->addresses[line_id].display[0] ?
                 context->addresses[line_id].display : agent->id);
    }
    existing = result ? 0 : ami_model_find_session(context->model, queue, interface);
    pthread_mutex_unlock(&context->lock);
    if (result)
        return result;
    if (existing)
        return fail(TCC_LINEERR_INVALAGENTSESSIONSTATE, "%s is in queue %s already", interface, queue);
    (void)pin;      /* the PIN was checked against AstDB when the agent was made */
    /* FreePBX's own login: the user's display name, and its hint for the busy state. */
    if (context->freepbx)
        snprintf(fields, sizeof(fields), "Queue: %s\r\nInterface: %s\r\nMemberName: %s\r\n"
                 "StateInterface: hint:%s@ext-local\r\nPaused: true\r\n", queue, interface, display, id);
    else
        snprintf(fields, sizeof(fields), "Queue: %s\r\nInterface: %s\r\nMemberName: %s\r\nPaused: true\r\n", queue,
                 interface, id);
    if ((result = request(context, "QueueAdd", fields)))
        return result;
    pthread_mutex_lock(&context->lock);
    if (wait_for_model(context, member_exists, &member))
        *session = ami_model_find_session(context->model, queue, interface);
    else
        result = TCC_LINEERR_OPERATIONFAILED;
    pthread_mutex_unlock(&context->lock);
    return result;
}

/* The address a session's interface is (in a FreePBX center: its agent's
 * extension, whatever device the member is), or the first one. */
static uint32_t address_of(const struct context *context, const char *interface, const char *agent_id)
{
    for (size_t i = 0; i < context->address_count; i++)
        if (context->freepbx ? !strcmp(context->addresses[i].dialable, agent_id)
                             : !strcmp(context->addresses[i].interface, interface))
            return (uint32_t)i;
    return 0;
}

static int32_t asterisk_get_agent_session_list(void *opaque, tcc_hagent handle, TCC_LINEAGENTSESSIONLIST *list)
{
    struct context *context = opaque;
    const struct agent *agent;
    uint32_t *sessions = NULL;
    size_t count = 0;
    struct tcc_fill fill;
    uint32_t array;

    pthread_mutex_lock(&context->lock);
    if (!(agent = agent_of(context, handle)))
    {
        pthread_mutex_unlock(&context->lock);
        return TCC_LINEERR_INVALAGENTID;
    }
    count = ami_model_agent_sessions(context->model, agent->id, NULL, 0);
    if (count && !(sessions = malloc(count * sizeof(*sessions))))
    {
        pthread_mutex_unlock(&context->lock);
        return TCC_LINEERR_NOMEM;
    }
    ami_model_agent_sessions(context->model, agent->id, sessions, count);
    tcc__fill_start(&fill, list, sizeof(*list));
    array = tcc__fill_list(&fill, count, sizeof(TCC_LINEAGENTSESSIONENTRY));
    for (size_t i = 0; array && i < count; i++)
    {
        const char *queue, *interface, *agent_id;
        TCC_LINEAGENTSESSIONENTRY entry = { sessions[i], handle };
        uint32_t state;

        ami_model_session_member(context->model, sessions[i], &queue, &interface, &agent_id, &state);
        ami_model_group_guid(queue, &entry.GroupID);
        entry.dwWorkingAddressID = address_of(context, interface, agent_id);
        tcc__fill_bytes(&fill, array + i * sizeof(entry), &entry, sizeof(entry));
    }
    pthread_mutex_unlock(&context->lock);
    free(sessions);
    return tcc__fill_finish(&fill);
}

static int32_t asterisk_get_agent_session_info(void *opaque, tcc_hagentsession session,
                                               TCC_LINEAGENTSESSIONINFO *out)
{
    struct context *context = opaque;
    TCC_LINEAGENTSESSIONINFO info = { 0 };
    bool found;

    pthread_mutex_lock(&context->lock);
    found = ami_model_session_info(context->model, session, &info);
    unlock_and_deliver(context);
    if (!found)
        return TCC_LINEERR_INVALPARAM;
    return tcc__fill_fixed(out, &info, sizeof(info));
}

static int32_t asterisk_set_agent_session_state(void *opaque, tcc_hagentsession session, uint32_t state,
                                                uint32_t next_state)
{
    return set_session_state(opaque, session, state);
}

static int32_t asterisk_get_group_list(void *opaque, TCC_LINEAGENTGROUPLIST *list)
{
    struct context *context = opaque;
    struct tcc_fill fill;
    size_t count;
    uint32_t array;

    pthread_mutex_lock(&context->lock);
    count = ami_model_queue_count(context->model);
    tcc__fill_start(&fill, list, sizeof(*list));
    array = tcc__fill_list(&fill, count, sizeof(TCC_LINEAGENTGROUPENTRY));
    for (size_t i = 0; i < count; i++)
    {
        size_t entry = array + i * sizeof(TCC_LINEAGENTGROUPENTRY);
        const char *name;
        TCC_GUID guid;
        uint32_t id;

        ami_model_queue_at(context->model, i, &name, &id, &guid);
        name = group_name_of(context, name);
        if (array)
        {
            tcc__fill_bytes(&fill, entry + FIELD(TCC_LINEAGENTGROUPENTRY, GroupID), &guid, sizeof(guid));
            tcc__fill_string(&fill, entry + FIELD(TCC_LINEAGENTGROUPENTRY, dwNameSize), name);
        }
        else
            tcc__fill_count_string(&fill, name);
    }
    pthread_mutex_unlock(&context->lock);
    return tcc__fill_finish(&fill);
}

/* A group's one queue, of the same name. */
static int32_t asterisk_get_queue_list(void *opaque, const TCC_GUID *group, TCC_LINEQUEUELIST *list)
{
    struct context *context = opaque;
    const char *name;
    struct tcc_fill fill;
    uint32_t id, array;

    pthread_mutex_lock(&context->lock);
    if (!ami_model_queue_by_group(context->model, group, &id, &name))
    {
        pthread_mutex_unlock(&context->lock);
        return TCC_LINEERR_INVALAGENTGROUP;
    }
    name = group_name_of(context, name);
    tcc__fill_start(&fill, list, sizeof(*list));
    if ((array = tcc__fill_list(&fill, 1, sizeof(TCC_LINEQUEUEENTRY))))
    {
        tcc__fill_u32(&fill, array + FIELD(TCC_LINEQUEUEENTRY, dwQueueID), id);
        tcc__fill_string(&fill, array + FIELD(TCC_LINEQUEUEENTRY, dwNameSize), name);
    }
    else
        tcc__fill_count_string(&fill, name);
    pthread_mutex_unlock(&context->lock);
    return tcc__fill_finish(&fill);
}

static int32_t asterisk_get_queue_info(void *opaque, uint32_t queue_id, TCC_LINEQUEUEINFO *out)
{
    struct context *context = opaque;
    TCC_LINEQUEUEINFO info = { 0 };
    bool found;

    pthread_mutex_lock(&context->lock);
    found = ami_model_queue_info(context->model, queue_id, &info);
    pthread_mutex_unlock(&context->lock);
    if (!found)
        return TCC_LINEERR_INVALPARAM;
    return tcc__fill_fixed(out, &info, sizeof(info));
}

static int32_t asterisk_set_queue_measurement_period(void *opaque, uint32_t queue_id, uint32_t period)
{
    struct context *context = opaque;
    int32_t result;

    pthread_mutex_lock(&context->lock);
    result = ami_model_set_queue_period(context->model, queue_id, period);
    unlock_and_deliver(context);
    return result;
}

static int32_t asterisk_get_address_list(void *opaque, TCC_ADDRESSLIST *list)
{
    struct context *context = opaque;
    struct tcc_fill fill;
    uint32_t array;

    pthread_mutex_lock(&context->lock);
    tcc__fill_start(&fill, list, sizeof(*list));
    array = tcc__fill_list(&fill, context->address_count, sizeof(TCC_ADDRESSENTRY));
    for (size_t i = 0; i < context->address_count; i++)
    {
        size_t entry = array + i * sizeof(TCC_ADDRESSENTRY);

        if (array)
        {
            tcc__fill_u32(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwLineID), (uint32_t)i);
            tcc__fill_u32(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwAddressID), (uint32_t)i);
            tcc__fill_string(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwNameSize), context->addresses[i].dialable);
            tcc__fill_string(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwDialableAddressSize),
                             context->addresses[i].dialable);
        }
        else
        {
            tcc__fill_count_string(&fill, context->addresses[i].dialable);
            tcc__fill_count_string(&fill, context->addresses[i].dialable);
        }
    }
    pthread_mutex_unlock(&context->lock);
    return tcc__fill_finish(&fill);
}

static int32_t asterisk_get_agent_caps(void *opaque, uint32_t address_id, TCC_LINEAGENTCAPS *caps)
{
    struct context *context = opaque;
    char name[300];
    struct tcc_fill fill;
    TCC_GUID proxy;

    snprintf(name, sizeof(name), "Asterisk %s:%u", context->host, context->port);
    ami_model_group_guid(name, &proxy);
    tcc__fill_start(&fill, caps, sizeof(*caps));
    if (fill.fixed_fits)
    {
        pthread_mutex_lock(&context->lock);
        tcc__fill_u32(&fill, FIELD(TCC_LINEAGENTCAPS, dwMaxNumGroupEntries),
                      (uint32_t)ami_model_queue_count(context->model));
        pthread_mutex_unlock(&context->lock);
        tcc__fill_u32(&fill, FIELD(TCC_LINEAGENTCAPS, dwCapsVersion), 0x00020002);
        tcc__fill_bytes(&fill, FIELD(TCC_LINEAGENTCAPS, ProxyGUID), &proxy, sizeof(proxy));
    }
    tcc__fill_string(&fill, FIELD(TCC_LINEAGENTCAPS, dwAgentHandlerInfoSize), name);
    return tcc__fill_finish(&fill);
}

/* The host's heartbeat: wrap-up ending is a change of time alone. */
static void asterisk_poll(void *opaque)
{
    struct context *context = opaque;

    pthread_mutex_lock(&context->lock);
    ami_model_tick(context->model);
    unlock_and_deliver(context);
}

/* Arms the probe on a member, or reads how long ago the bytes behind the member's
 * first status message since the last reading were read. */
static int32_t lag_probe(struct context *context, struct tcc_asterisk_lag_probe *probe)
{
    uint32_t session;

    if (memchr(probe->queue, 0, sizeof(probe->queue)) == NULL ||
        memchr(probe->member, 0, sizeof(probe->member)) == NULL)
        return TCC_LINEERR_INVALPARAM;
    pthread_mutex_lock(&context->lock);
    session = ami_model_find_session(context->model, probe->queue, probe->member);
    if (!session)
    {
        pthread_mutex_unlock(&context->lock);
        return fail(TCC_LINEERR_INVALPARAM, "no member %s in queue %s to probe", probe->member, probe->queue);
    }
    if (session != context->probe_session)
    {
        context->probe_session = session;
        context->probe_read_ns = 0;
    }
    probe->age_ns = context->probe_read_ns ? ami_client_now_ns() - context->probe_read_ns : -1;
    context->probe_read_ns = 0;
    pthread_mutex_unlock(&context->lock);
    return 0;
}

static int32_t asterisk_control(void *opaque, uint32_t operation, void *argument, uint32_t argument_size)
{
    struct context *context = opaque;
    struct tcc_asterisk_counters *counters = argument;

    if (operation == TCC_ASTERISK_CONTROL_LAG_PROBE)
    {
        if (!argument || argument_size != sizeof(struct tcc_asterisk_lag_probe))
            return TCC_LINEERR_INVALPARAM;
        return lag_probe(context, argument);
    }
    if (operation != TCC_ASTERISK_CONTROL_COUNTERS)
        return TCC_LINEERR_OPERATIONUNAVAIL;
    /* A client built before pings and losses were counted passes the shorter size. */
    if (!argument || (argument_size != sizeof(*counters) &&
                      argument_size != offsetof(struct tcc_asterisk_counters, pings)))
        return TCC_LINEERR_INVALPARAM;
    counters->actions_sent = ami_client_actions_sent(context->client);
    counters->logins = ami_client_logins(context->client);
    counters->messages = ami_client_messages(context->client);
    pthread_mutex_lock(&context->lock);
    counters->connected = context->connected;
    pthread_mutex_unlock(&context->lock);
    if (argument_size == sizeof(*counters))
    {
        counters->pings = ami_client_pings(context->client);
        counters->losses = ami_client_losses(context->client);
    }
    return 0;
}

static void asterisk_interrupt(void *opaque)
{
    struct context *context = opaque;

    ami_client_interrupt(context->client);
    pthread_mutex_lock(&context->lock);
    context->interrupted = true;
    pthread_cond_broadcast(&context->model_changed);
    pthread_mutex_unlock(&context->lock);
}

static size_t asterisk_error_text(void *opaque, char *text, size_t size)
{
    size_t length = strlen(failure);

    if (!size)
        return 0;
    snprintf(text, size, "%s", failure);
    failure[0] = 0;
    return length < size ? length : size - 1;
}

static uint32_t asterisk_link_state(void *opaque)
{
    struct context *context = opaque;
    bool down;

    pthread_mutex_lock(&context->lock);
    down = !context->connected;
    pthread_mutex_unlock(&context->lock);
    return down ? TCC_LINK_DOWN : TCC_LINK_UP;
}

const struct tcc_provider tcc_asterisk_provider =
{
    .version = TCC_PROVIDER_VERSION_4,
    .name = "asterisk",
    .open = asterisk_open,
    .close = asterisk_close,
    .set_event_callback = asterisk_set_event_callback,
    .get_agent_caps = asterisk_get_agent_caps,
    .create_agent = asterisk_create_agent,
    .get_agent_info = asterisk_get_agent_info,
    .set_agent_state_ex = asterisk_set_agent_state_ex,
    .set_agent_measurement_period = asterisk_set_agent_measurement_period,
    .create_agent_session = asterisk_create_agent_session,
    .get_agent_session_list = asterisk_get_agent_session_list,
    .get_agent_session_info = asterisk_get_agent_session_info,
    .set_agent_session_state = asterisk_set_agent_session_state,
    .get_group_list = asterisk_get_group_list,
    .get_queue_list = asterisk_get_queue_list,
    .get_queue_info = asterisk_get_queue_info,
    .set_queue_measurement_period = asterisk_set_queue_measurement_period,
    .get_address_list = asterisk_get_address_list,
    .poll = asterisk_poll,
    .control = asterisk_control,
    .link_state = asterisk_link_state,
    .error_text = asterisk_error_text,
    .interrupt = asterisk_interrupt,
};
