/*
 * An example plug-in provider, "file_agent" (tapi3cc_file_agent.dll): one agent at
 * one desk, whose state is a word in a text file that another program writes (a
 * door sensor, a badge reader, a status tray icon, `echo ready > desk.txt`).  Built
 * on the provider SDK (include/tapi3cc/provider.h) and the shared structure
 * filling of src/provider; it is a plug-in like any third party's.
 *
 * Configuration (the provider string after "file_agent:"):
 *   file=PATH        the state file (required)
 *   id=ID            the agent's ID (default 100)
 *   pin=PIN          the PIN CreateAgentWithID and CreateSessionWithPIN must give
 *                    (default: none needed)
 *   address=NUMBER   the desk phone's dialable address (default 100)
 *   group=NAME       the one ACD group (default Desk)
 *
 * The file's first word is the session state: "ready", "notready", "busy" (on a
 * call), "wrapup", or "loggedout" (also: no file, an empty file).  Going from
 * logged out to any other word begins a session; "busy" counts a call, and the time
 * spent busy and in wrap-up is the session's talk and wrap-up time.  The other
 * direction works too: CreateSession writes "notready", ITAgentSession::put_State
 * and ITAgent::put_State write "ready", "notready" or "loggedout".  The file is read
 * when its time stamp or size changes, at every request and at every poll (the
 * host polls about five times a second while a client listens), and each change
 * raises the status messages the objects turn into events.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fill.h"
#include "plugin_registration.h"
#include "tapi3cc/provider.h"

#define PROVIDER_NAME "file_agent"
#define FIELD(type, member) offsetof(type, member)
#define AGENT_HANDLE 1
#define NAME_SIZE 128

/* The file's words, in the order of LINEAGENTSESSIONSTATE_ bits they stand for. */
static const struct
{
    const char *word;
    uint32_t state;
} words[] =
{
    { "notready", TCC_LINEAGENTSESSIONSTATE_NOTREADY },
    { "ready", TCC_LINEAGENTSESSIONSTATE_READY },
    { "busy", TCC_LINEAGENTSESSIONSTATE_BUSYONCALL },
    { "wrapup", TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP },
    { "loggedout", TCC_LINEAGENTSESSIONSTATE_ENDED },
};

struct session
{
    tcc_hagentsession handle;
    uint32_t state;
    int64_t start, end, since;          /* Unix times: began, ended, entered `state` */
    uint32_t calls, talk, wrapup;       /* finished calls' counts and seconds */
};

struct message
{
    uint32_t message, param1, param2, param3;
};

struct desk
{
    CRITICAL_SECTION lock;
    WCHAR path[MAX_PATH];
    char id[NAME_SIZE], pin[NAME_SIZE], address[NAME_SIZE], group[NAME_SIZE], handler_name[MAX_PATH + 16];
    TCC_GUID group_guid;
    tcc_provider_event_fn callback;
    void *user;
    BOOL agent_made;
    uint32_t measurement_period;

    FILETIME file_time;                 /* what the file looked like when last read */
    DWORD file_size;
    BOOL file_seen;
    struct session *sessions;           /* every session since open; the last may be live */
    size_t session_count;

    struct message outbox[8];           /* raised under the lock, delivered after it */
    size_t outbox_count;
};

static const struct tcc_host *host;
static HMODULE this_module;

static void trace(const char *format, ...)
{
    char line[512];
    va_list args;

    if (!host || !host->trace)
        return;
    va_start(args, format);
    vsnprintf(line, sizeof(line), format, args);
    va_end(args);
    host->trace(PROVIDER_NAME, line);
}

static int64_t unix_now(void)
{
    FILETIME now;
    ULARGE_INTEGER value;

    GetSystemTimeAsFileTime(&now);
    value.LowPart = now.dwLowDateTime;
    value.HighPart = now.dwHighDateTime;
    return (int64_t)(value.QuadPart / 10000000u) - 11644473600LL;
}

static struct session *live_session(struct desk *desk)
{
    struct session *last = desk->session_count ? &desk->sessions[desk->session_count - 1] : NULL;
    return last && last->state != TCC_LINEAGENTSESSIONSTATE_ENDED ? last : NULL;
}

static struct session *find_session(struct desk *desk, tcc_hagentsession handle)
{
    return handle && handle <= desk->session_count ? &desk->sessions[handle - 1] : NULL;
}

/* The agent's state follows its live session, as the emulator derives it. */
static uint32_t agent_state(struct desk *desk)
{
    struct session *session = live_session(desk);

    if (!session)
        return TCC_LINEAGENTSTATEEX_NOTREADY;
    if (session->state == TCC_LINEAGENTSESSIONSTATE_READY)
        return TCC_LINEAGENTSTATEEX_READY;
    if (session->state == TCC_LINEAGENTSESSIONSTATE_NOTREADY)
        return TCC_LINEAGENTSTATEEX_NOTREADY;
    return TCC_LINEAGENTSTATEEX_BUSYACD;
}

static void queue_message(struct desk *desk, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    if (desk->callback && desk->outbox_count < ARRAYSIZE(desk->outbox))
        desk->outbox[desk->outbox_count++] = (struct message){ message, param1, param2, param3 };
}

/* Leaves the lock, then delivers what was raised under it: the host may call back
 * into us from its callback. */
static void leave(struct desk *desk)
{
    struct message batch[ARRAYSIZE(desk->outbox)];
    size_t count = desk->outbox_count;
    tcc_provider_event_fn callback = desk->callback;
    void *user = desk->user;

    memcpy(batch, desk->outbox, count * sizeof(*batch));
    desk->outbox_count = 0;
    LeaveCriticalSection(&desk->lock);
    for (size_t i = 0; callback && i < count; i++)
        callback(user, batch[i].message, batch[i].param1, batch[i].param2, batch[i].param3);
}

/* Under the lock: the session moves to `state` (ENDED ends it; from no session, a
 * new one begins), with its statistics and status messages. */
static void move_to(struct desk *desk, uint32_t state)
{
    struct session *session = live_session(desk);
    uint32_t agent_before = agent_state(desk);
    int64_t now = unix_now();

    if (!session)
    {
        struct session *grown;

        if (state == TCC_LINEAGENTSESSIONSTATE_ENDED)
            return;
        if (!(grown = realloc(desk->sessions, (desk->session_count + 1) * sizeof(*grown))))
            return;
        desk->sessions = grown;
        session = &desk->sessions[desk->session_count++];
        *session = (struct session){ .handle = (tcc_hagentsession)desk->session_count, .state = state,
                                     .start = now, .since = now };
        if (state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL)
            session->calls++;
        queue_message(desk, TCC_LINE_AGENTSESSIONSTATUS, session->handle,
              TCC_LINEAGENTSESSIONSTATUS_NEWSESSION | TCC_LINEAGENTSESSIONSTATUS_STATE, state);
    }
    else if (session->state != state)
    {
        uint32_t spent = (uint32_t)(now - session->since);

        if (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL)
            session->talk += spent;
        else if (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP)
            session->wrapup += spent;
        if (state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL)
            session->calls++;
        if (state == TCC_LINEAGENTSESSIONSTATE_ENDED)
            session->end = now;
        session->state = state;
        session->since = now;
        queue_message(desk, TCC_LINE_AGENTSESSIONSTATUS, session->handle, TCC_LINEAGENTSESSIONSTATUS_STATE, state);
    }
    if (desk->agent_made && agent_state(desk) != agent_before)
        queue_message(desk, TCC_LINE_AGENTSTATUSEX, AGENT_HANDLE, TCC_LINEAGENTSTATUSEX_STATE, agent_state(desk));
}

/* Under the lock: reads the file if it changed since the last look. */
static void refresh(struct desk *desk)
{
    WIN32_FILE_ATTRIBUTE_DATA attributes;
    char text[64] = "";
    uint32_t state = TCC_LINEAGENTSESSIONSTATE_ENDED;
    BOOL exists = GetFileAttributesExW(desk->path, GetFileExInfoStandard, &attributes);
    HANDLE file;

    if (exists && desk->file_seen && !CompareFileTime(&attributes.ftLastWriteTime, &desk->file_time) &&
        attributes.nFileSizeLow == desk->file_size)
        return;
    if (!exists && !desk->file_seen && !desk->session_count)
        return;
    desk->file_seen = exists;
    if (exists)
    {
        DWORD read = 0;

        desk->file_time = attributes.ftLastWriteTime;
        desk->file_size = attributes.nFileSizeLow;
        file = CreateFileW(desk->path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, 0, NULL);
        if (file == INVALID_HANDLE_VALUE)
            return;     /* being replaced: the next look reads it */
        ReadFile(file, text, sizeof(text) - 1, &read, NULL);
        CloseHandle(file);
        text[read] = 0;
    }
    {
        char word[16] = "";
        size_t i;

        sscanf(text, " %15s", word);
        for (i = 0; i < ARRAYSIZE(words) && word[0]; i++)
            if (!_stricmp(word, words[i].word))
                break;
        if (word[0] && i == ARRAYSIZE(words))
        {
            trace("%ls says '%s', which is no state word: ignored", desk->path, word);
            return;
        }
        if (word[0])
            state = words[i].state;
    }
    move_to(desk, state);
}

/* Under the lock: writes the word for `state` and reads it back as any change. */
static int32_t write_state(struct desk *desk, uint32_t state)
{
    HANDLE file = CreateFileW(desk->path, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written;
    char line[16];
    int length = 0;

    for (size_t i = 0; i < ARRAYSIZE(words); i++)
        if (words[i].state == state)
            length = snprintf(line, sizeof(line), "%s\n", words[i].word);
    if (file == INVALID_HANDLE_VALUE)
    {
        trace("cannot write %ls (error %lu)", desk->path, GetLastError());
        return TCC_LINEERR_OPERATIONFAILED;
    }
    WriteFile(file, line, length, &written, NULL);
    CloseHandle(file);
    desk->file_seen = FALSE;    /* a write within the time stamp's granularity is still read */
    refresh(desk);
    return 0;
}

/* PINs compared without an early exit, so their time tells nothing. */
static BOOL pin_matches(const char *expected, const tcc_wchar *given)
{
    char utf8[NAME_SIZE] = "";
    unsigned difference = 0;
    size_t length = strlen(expected);

    if (!expected[0])
        return TRUE;
    if (!given || tcc__utf8_from_utf16(given, utf8, sizeof(utf8)))
        return FALSE;
    difference = (unsigned)(strlen(utf8) ^ length);
    for (size_t i = 0; i < length; i++)
        difference |= (unsigned char)expected[i] ^ (unsigned char)utf8[i];     /* NULs past its end */
    SecureZeroMemory(utf8, sizeof(utf8));
    return !difference;
}

static int setting(const char *config, const char *key, char *out, size_t size)
{
    size_t key_length = strlen(key);

    for (const char *p = config; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
        if (!strncmp(p, key, key_length) && p[key_length] == '=')
        {
            const char *value = p + key_length + 1, *end = strchr(value, ';');
            size_t length = end ? (size_t)(end - value) : strlen(value);

            if (length >= size)
                return -1;
            memcpy(out, value, length);
            out[length] = 0;
            return 1;
        }
    return 0;
}

static int32_t desk_open(const char *config, void **context, char *error, size_t error_size)
{
    struct desk *desk = calloc(1, sizeof(*desk));
    char path[MAX_PATH * 3];
    static const struct { const char *key; size_t offset; const char *fallback; } keys[] =
    {
        { "id", offsetof(struct desk, id), "100" },
        { "pin", offsetof(struct desk, pin), "" },
        { "address", offsetof(struct desk, address), "100" },
        { "group", offsetof(struct desk, group), "Desk" },
    };

    if (!desk)
        return TCC_LINEERR_NOMEM;
    if (setting(config, "file", path, sizeof(path)) != 1 ||
        !MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, desk->path, ARRAYSIZE(desk->path)))
    {
        snprintf(error, error_size, "file_agent needs file=PATH, the state file (a full path)");
        free(desk);
        return TCC_LINEERR_INVALPARAM;
    }
    for (size_t i = 0; i < ARRAYSIZE(keys); i++)
    {
        char *out = (char *)desk + keys[i].offset;
        int found = setting(config, keys[i].key, out, NAME_SIZE);

        if (found < 0)
        {
            snprintf(error, error_size, "file_agent: %s= is longer than %d bytes", keys[i].key, NAME_SIZE - 1);
            free(desk);
            return TCC_LINEERR_INVALPARAM;
        }
        if (!found)
            strcpy(out, keys[i].fallback);
    }
    snprintf(desk->handler_name, sizeof(desk->handler_name), "File agent: %s", path);
    /* The group's GUID is fixed for the example: one group per desk. */
    desk->group_guid = (TCC_GUID){ 0x5d3c1a40, 0x7b2e, 0x4f61, { 0x9a, 0x18, 0x2c, 0x4e, 0x6b, 0x80, 0x11, 0x01 } };
    desk->measurement_period = 3600;
    InitializeCriticalSection(&desk->lock);
    EnterCriticalSection(&desk->lock);
    refresh(desk);
    leave(desk);
    trace("watching %ls for agent %s", desk->path, desk->id);
    *context = desk;
    return 0;
}

static void desk_close(void *context)
{
    struct desk *desk = context;

    DeleteCriticalSection(&desk->lock);
    free(desk->sessions);
    free(desk);
}

static void desk_set_event_callback(void *context, tcc_provider_event_fn callback, void *user)
{
    struct desk *desk = context;

    EnterCriticalSection(&desk->lock);
    desk->callback = callback;
    desk->user = user;
    desk->outbox_count = 0;
    LeaveCriticalSection(&desk->lock);
}

static int32_t desk_get_agent_caps(void *context, uint32_t address_id, TCC_LINEAGENTCAPS *caps)
{
    struct desk *desk = context;
    struct tcc_fill fill;

    if (address_id)
        return TCC_LINEERR_INVALADDRESSID;
    tcc__fill_start(&fill, caps, sizeof(*caps));
    if (fill.fixed_fits)
    {
        tcc__fill_u32(&fill, FIELD(TCC_LINEAGENTCAPS, dwCapsVersion), 0x00020002);
        tcc__fill_u32(&fill, FIELD(TCC_LINEAGENTCAPS, dwMaxNumGroupEntries), 1);
        tcc__fill_bytes(&fill, FIELD(TCC_LINEAGENTCAPS, ProxyGUID), &desk->group_guid, sizeof(TCC_GUID));
    }
    tcc__fill_string(&fill, FIELD(TCC_LINEAGENTCAPS, dwAgentHandlerInfoSize), desk->handler_name);
    return tcc__fill_finish(&fill);
}

static int32_t desk_create_agent(void *context, const tcc_wchar *id, const tcc_wchar *pin, const tcc_wchar *user,
                                 tcc_hagent *agent)
{
    struct desk *desk = context;
    char id_utf8[NAME_SIZE];

    if (!id || tcc__utf8_from_utf16(id, id_utf8, sizeof(id_utf8)) || strcmp(id_utf8, desk->id))
        return TCC_LINEERR_INVALAGENTID;    /* one agent, known by its ID */
    if (!pin_matches(desk->pin, pin))
        return TCC_LINEERR_INVALPASSWORD;
    EnterCriticalSection(&desk->lock);
    refresh(desk);
    if (!desk->agent_made)
    {
        desk->agent_made = TRUE;
        queue_message(desk, TCC_LINE_AGENTSTATUSEX, AGENT_HANDLE, TCC_LINEAGENTSTATUSEX_NEWAGENT, agent_state(desk));
    }
    *agent = AGENT_HANDLE;
    leave(desk);
    return 0;
}

static int32_t desk_get_agent_info(void *context, tcc_hagent agent, TCC_LINEAGENTINFO *info)
{
    struct desk *desk = context;
    TCC_LINEAGENTINFO value = { .dwTotalSize = info->dwTotalSize };

    if (agent != AGENT_HANDLE)
        return TCC_LINEERR_INVALAGENTID;
    EnterCriticalSection(&desk->lock);
    refresh(desk);
    value.dwAgentState = agent_state(desk);
    value.dwMeasurementPeriod = desk->measurement_period;
    for (size_t i = 0; i < desk->session_count; i++)
    {
        value.dwNumberOfACDCalls += desk->sessions[i].calls;
        value.dwTotalACDTalkTime += desk->sessions[i].talk;
        value.dwTotalACDWrapUpTime += desk->sessions[i].wrapup;
    }
    value.dwTotalACDCallTime = value.dwTotalACDTalkTime;
    leave(desk);
    return tcc__fill_fixed(info, &value, sizeof(value));
}

/* The agent's READY and NOT_READY move its live session. */
static int32_t desk_set_agent_state_ex(void *context, tcc_hagent agent, uint32_t state, uint32_t next_state)
{
    struct desk *desk = context;
    int32_t result;

    if (agent != AGENT_HANDLE)
        return TCC_LINEERR_INVALAGENTID;
    if (state != TCC_LINEAGENTSTATEEX_READY && state != TCC_LINEAGENTSTATEEX_NOTREADY)
        return TCC_LINEERR_INVALAGENTSTATE;
    EnterCriticalSection(&desk->lock);
    refresh(desk);
    result = live_session(desk) ? write_state(desk, state == TCC_LINEAGENTSTATEEX_READY ?
                                                  TCC_LINEAGENTSESSIONSTATE_READY : TCC_LINEAGENTSESSIONSTATE_NOTREADY)
                                : TCC_LINEERR_INVALAGENTSTATE;
    leave(desk);
    return result;
}

static int32_t desk_set_agent_measurement_period(void *context, tcc_hagent agent, uint32_t period)
{
    struct desk *desk = context;

    if (agent != AGENT_HANDLE)
        return TCC_LINEERR_INVALAGENTID;
    if (!period)
        return TCC_LINEERR_INVALPARAM;
    EnterCriticalSection(&desk->lock);
    desk->measurement_period = period;
    LeaveCriticalSection(&desk->lock);
    return 0;
}

static int32_t desk_create_agent_session(void *context, tcc_hagent agent, const tcc_wchar *pin, uint32_t line_id,
                                         uint32_t address_id, const TCC_GUID *group, tcc_hagentsession *session)
{
    struct desk *desk = context;
    int32_t result;

    if (agent != AGENT_HANDLE)
        return TCC_LINEERR_INVALAGENTID;
    if (!group || memcmp(group, &desk->group_guid, sizeof(*group)))
        return TCC_LINEERR_INVALAGENTGROUP;
    if (line_id || address_id)
        return TCC_LINEERR_INVALADDRESSID;
    if (!pin_matches(desk->pin, pin))
        return TCC_LINEERR_INVALPASSWORD;
    EnterCriticalSection(&desk->lock);
    refresh(desk);
    if (live_session(desk))
        result = TCC_LINEERR_INVALAGENTSESSIONSTATE;    /* one desk, one session at a time */
    else if (!(result = write_state(desk, TCC_LINEAGENTSESSIONSTATE_NOTREADY)))
    {
        if (live_session(desk))
            *session = live_session(desk)->handle;
        else
            result = TCC_LINEERR_OPERATIONFAILED;   /* the file did not take the word */
    }
    leave(desk);
    return result;
}

static int32_t desk_get_agent_session_list(void *context, tcc_hagent agent, TCC_LINEAGENTSESSIONLIST *list)
{
    struct desk *desk = context;
    struct tcc_fill fill;
    uint32_t array;

    if (agent != AGENT_HANDLE)
        return TCC_LINEERR_INVALAGENTID;
    EnterCriticalSection(&desk->lock);
    refresh(desk);
    tcc__fill_start(&fill, list, sizeof(*list));
    array = tcc__fill_list(&fill, desk->session_count, sizeof(TCC_LINEAGENTSESSIONENTRY));
    for (size_t i = 0; array && i < desk->session_count; i++)
    {
        TCC_LINEAGENTSESSIONENTRY entry = { desk->sessions[i].handle, AGENT_HANDLE, desk->group_guid, 0 };

        tcc__fill_bytes(&fill, array + i * sizeof(entry), &entry, sizeof(entry));
    }
    leave(desk);
    return tcc__fill_finish(&fill);
}

static int32_t desk_get_agent_session_info(void *context, tcc_hagentsession handle, TCC_LINEAGENTSESSIONINFO *info)
{
    struct desk *desk = context;
    TCC_LINEAGENTSESSIONINFO value = { .dwTotalSize = info->dwTotalSize };
    struct session *session;

    EnterCriticalSection(&desk->lock);
    refresh(desk);
    if (!(session = find_session(desk, handle)))
    {
        leave(desk);
        return TCC_LINEERR_INVALPARAM;
    }
    {
        int64_t now = session->state == TCC_LINEAGENTSESSIONSTATE_ENDED ? session->end : unix_now();
        uint32_t running = (uint32_t)(now - session->since);
        uint32_t talk = session->talk, wrapup = session->wrapup;

        /* A call in progress counts up to now, as the emulator counts it. */
        if (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL)
            talk += running;
        else if (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP)
            wrapup += running;
        value.dwAgentSessionState = session->state;
        value.dateSessionStartTime = (double)session->start / 86400.0 + 25569.0;    /* DATE: days since 1899-12-30 */
        value.dwSessionDuration = (uint32_t)(now - session->start);
        value.dwNumberOfCalls = session->calls;
        value.dwTotalTalkTime = talk;
        value.dwAverageTalkTime = session->calls ? talk / session->calls : 0;
        value.dwTotalCallTime = talk;
        value.dwAverageCallTime = value.dwAverageTalkTime;
        value.dwTotalWrapUpTime = wrapup;
        value.dwAverageWrapUpTime = session->calls ? wrapup / session->calls : 0;
    }
    leave(desk);
    return tcc__fill_fixed(info, &value, sizeof(value));
}

/* A client may make its session ready, not ready, or end it. */
static int32_t desk_set_agent_session_state(void *context, tcc_hagentsession handle, uint32_t state,
                                            uint32_t next_state)
{
    struct desk *desk = context;
    struct session *session;
    int32_t result;

    if (state != TCC_LINEAGENTSESSIONSTATE_READY && state != TCC_LINEAGENTSESSIONSTATE_NOTREADY &&
        state != TCC_LINEAGENTSESSIONSTATE_ENDED)
        return TCC_LINEERR_INVALAGENTSESSIONSTATE;
    EnterCriticalSection(&desk->lock);
    refresh(desk);
    if (!(session = find_session(desk, handle)))
        result = TCC_LINEERR_INVALPARAM;
    else if (session != live_session(desk))
        result = TCC_LINEERR_INVALAGENTSESSIONSTATE;    /* it has ended */
    else
        result = write_state(desk, state);
    leave(desk);
    return result;
}

static int32_t desk_get_group_list(void *context, TCC_LINEAGENTGROUPLIST *list)
{
    struct desk *desk = context;
    struct tcc_fill fill;
    uint32_t array;

    tcc__fill_start(&fill, list, sizeof(*list));
    if ((array = tcc__fill_list(&fill, 1, sizeof(TCC_LINEAGENTGROUPENTRY))))
    {
        tcc__fill_bytes(&fill, array + FIELD(TCC_LINEAGENTGROUPENTRY, GroupID), &desk->group_guid, sizeof(TCC_GUID));
        tcc__fill_string(&fill, array + FIELD(TCC_LINEAGENTGROUPENTRY, dwNameSize), desk->group);
    }
    else
        tcc__fill_count_string(&fill, desk->group);
    return tcc__fill_finish(&fill);
}

/* A desk has no queue. */
static int32_t desk_get_queue_list(void *context, const TCC_GUID *group, TCC_LINEQUEUELIST *list)
{
    struct desk *desk = context;
    struct tcc_fill fill;

    if (!group || memcmp(group, &desk->group_guid, sizeof(*group)))
        return TCC_LINEERR_INVALAGENTGROUP;
    tcc__fill_start(&fill, list, sizeof(*list));
    return tcc__fill_finish(&fill);
}

static int32_t desk_get_queue_info(void *context, uint32_t queue_id, TCC_LINEQUEUEINFO *info)
{
    return TCC_LINEERR_INVALPARAM;
}

static int32_t desk_set_queue_measurement_period(void *context, uint32_t queue_id, uint32_t period)
{
    return TCC_LINEERR_INVALPARAM;
}

static int32_t desk_get_address_list(void *context, TCC_ADDRESSLIST *list)
{
    struct desk *desk = context;
    struct tcc_fill fill;
    char name[NAME_SIZE + 16];
    uint32_t array;

    snprintf(name, sizeof(name), "Desk phone %s", desk->address);
    tcc__fill_start(&fill, list, sizeof(*list));
    if ((array = tcc__fill_list(&fill, 1, sizeof(TCC_ADDRESSENTRY))))
    {
        tcc__fill_string(&fill, array + FIELD(TCC_ADDRESSENTRY, dwNameSize), name);
        tcc__fill_string(&fill, array + FIELD(TCC_ADDRESSENTRY, dwDialableAddressSize), desk->address);
    }
    else
    {
        tcc__fill_count_string(&fill, name);
        tcc__fill_count_string(&fill, desk->address);
    }
    return tcc__fill_finish(&fill);
}

/* The host's heartbeat: another program's writes become status messages. */
static void desk_poll(void *context)
{
    struct desk *desk = context;

    EnterCriticalSection(&desk->lock);
    refresh(desk);
    leave(desk);
}

static const struct tcc_provider table =
{
    .version = TCC_PROVIDER_VERSION_3,
    .name = PROVIDER_NAME,
    .open = desk_open,
    .close = desk_close,
    .set_event_callback = desk_set_event_callback,
    .get_agent_caps = desk_get_agent_caps,
    .create_agent = desk_create_agent,
    .get_agent_info = desk_get_agent_info,
    .set_agent_state_ex = desk_set_agent_state_ex,
    .set_agent_measurement_period = desk_set_agent_measurement_period,
    .create_agent_session = desk_create_agent_session,
    .get_agent_session_list = desk_get_agent_session_list,
    .get_agent_session_info = desk_get_agent_session_info,
    .set_agent_session_state = desk_set_agent_session_state,
    .get_group_list = desk_get_group_list,
    .get_queue_list = desk_get_queue_list,
    .get_queue_info = desk_get_queue_info,
    .set_queue_measurement_period = desk_set_queue_measurement_period,
    .get_address_list = desk_get_address_list,
    .poll = desk_poll,
};

const struct tcc_provider *tcc_provider_entry(int host_version, const struct tcc_host *services)
{
    if (host_version < TCC_PROVIDER_VERSION_3)
        return NULL;    /* built for version 3: an older host is told "no table" */
    host = services;
    return &table;
}

/*
 * Self-registration: `regsvr32 tapi3cc_file_agent.dll` makes the name "file_agent"
 * find this DLL (HKLM\Software\tapi3cc\Providers\file_agent, Dll = its path);
 * `regsvr32 /u` removes the key if it still names this DLL.
 */
BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
    {
        this_module = instance;
        DisableThreadLibraryCalls(instance);
    }
    return TRUE;
}

HRESULT WINAPI DllRegisterServer(void)
{
    return tcc_plugin_register(this_module, L"" PROVIDER_NAME);
}

HRESULT WINAPI DllUnregisterServer(void)
{
    return tcc_plugin_unregister(this_module, L"" PROVIDER_NAME);
}
