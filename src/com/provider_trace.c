/*
 * The traced provider: when the trace is on, a handler talks to its provider through
 * this table, which forwards every member and writes one trace line per request
 * (arguments, result, duration) and per status message.  When the trace is off no
 * handler has one, so the objects' calls pay nothing for it.
 *
 * A PIN is written only as "(given)" or "(none)"; nothing else a request carries is
 * secret.  poll() is forwarded untraced: it is the host's heartbeat, not a request,
 * and the status messages it brings are traced one by one.
 */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>

struct traced
{
    struct tcc_provider table;          /* first: the context is the table */
    const struct tcc_provider *inner;
    void *context;
    tcc_provider_event_fn callback;     /* the host's, set before the inner provider may call it */
    void *user;
};

static double counter_to_us;

static LONGLONG counter_now(void)
{
    LARGE_INTEGER now;

    QueryPerformanceCounter(&now);
    return now.QuadPart;
}

static const char *pin_text(const tcc_wchar *pin)
{
    return pin ? "(given)" : "(none)";
}

static const WCHAR *text(const tcc_wchar *string)
{
    return string ? (const WCHAR *)string : L"(null)";
}

static const char *guid_text(const TCC_GUID *guid, char *out, size_t size)
{
    if (!guid)
        return "(null)";
    snprintf(out, size, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", guid->Data1, guid->Data2,
             guid->Data3, guid->Data4[0], guid->Data4[1], guid->Data4[2], guid->Data4[3], guid->Data4[4],
             guid->Data4[5], guid->Data4[6], guid->Data4[7]);
    return out;
}

/* Every provider structure starts with dwTotalSize, dwNeededSize, dwUsedSize. */
static void sizes_text(const void *structure, char *out, size_t size)
{
    const uint32_t *header = structure;

    if (!structure)
        snprintf(out, size, "(null)");
    else
        snprintf(out, size, "total %u, needed %u, used %u", header[0], header[1], header[2]);
}

/* "request NAME.CALL = RESULT in N us", CALL formatted from `format`. */
static void finish(const struct traced *traced, LONGLONG start, int32_t result, const char *format, ...)
{
    double us = (double)(counter_now() - start) * counter_to_us;
    char call[768];
    va_list args;

    va_start(args, format);
    vsnprintf(call, sizeof(call), format, args);
    va_end(args);
    if (result)
        tcc__trace("request %s.%s = LINEERR 0x%08X in %.0f us", traced->table.name, call, (unsigned)result, us);
    else
        tcc__trace("request %s.%s = 0 in %.0f us", traced->table.name, call, us);
}

#define BEGIN(opaque) \
    struct traced *traced = (opaque); \
    LONGLONG start = counter_now(); \
    int32_t result
#define INNER(member, ...) (result = traced->inner->member(traced->context, __VA_ARGS__))

static const char *message_name(uint32_t message)
{
    switch (message)
    {
    case TCC_LINE_AGENTSPECIFIC: return "LINE_AGENTSPECIFIC";
    case TCC_LINE_AGENTSTATUS: return "LINE_AGENTSTATUS";
    case TCC_LINE_AGENTSESSIONSTATUS: return "LINE_AGENTSESSIONSTATUS";
    case TCC_LINE_QUEUESTATUS: return "LINE_QUEUESTATUS";
    case TCC_LINE_AGENTSTATUSEX: return "LINE_AGENTSTATUSEX";
    case TCC_LINE_GROUPSTATUS: return "LINE_GROUPSTATUS";
    case TCC_LINE_PROXYSTATUS: return "LINE_PROXYSTATUS";
    default: return "message";
    }
}

static void traced_status(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    struct traced *traced = user;

    tcc__trace("status %s.%s(%u: 0x%X, 0x%X, 0x%X)", traced->table.name, message_name(message), message, param1,
               param2, param3);
    traced->callback(traced->user, message, param1, param2, param3);
}

static void traced_close(void *opaque)
{
    struct traced *traced = opaque;

    tcc__trace("request %s.close", traced->table.name);
    traced->inner->close(traced->context);
    HeapFree(GetProcessHeap(), 0, traced);
}

static void traced_set_event_callback(void *opaque, tcc_provider_event_fn callback, void *user)
{
    struct traced *traced = opaque;

    if (callback)
    {
        traced->callback = callback;
        traced->user = user;
        traced->inner->set_event_callback(traced->context, traced_status, traced);
    }
    else
        traced->inner->set_event_callback(traced->context, NULL, NULL);
}

static int32_t traced_get_agent_caps(void *opaque, uint32_t address_id, TCC_LINEAGENTCAPS *caps)
{
    char sizes[64];
    BEGIN(opaque);

    INNER(get_agent_caps, address_id, caps);
    sizes_text(caps, sizes, sizeof(sizes));
    finish(traced, start, result, "get_agent_caps(address %u) -> %s", address_id, sizes);
    return result;
}

static int32_t traced_create_agent(void *opaque, const tcc_wchar *id, const tcc_wchar *pin, const tcc_wchar *user,
                                   tcc_hagent *agent)
{
    BEGIN(opaque);

    INNER(create_agent, id, pin, user, agent);
    finish(traced, start, result, "create_agent(id %ls, PIN %s, user %ls) -> hAgent %u", text(id), pin_text(pin),
           text(user), result ? 0 : *agent);
    return result;
}

static int32_t traced_get_agent_info(void *opaque, tcc_hagent agent, TCC_LINEAGENTINFO *info)
{
    BEGIN(opaque);

    INNER(get_agent_info, agent, info);
    finish(traced, start, result, "get_agent_info(hAgent %u) -> state 0x%X", agent, result ? 0 : info->dwAgentState);
    return result;
}

static int32_t traced_set_agent_state_ex(void *opaque, tcc_hagent agent, uint32_t state, uint32_t next_state)
{
    BEGIN(opaque);

    INNER(set_agent_state_ex, agent, state, next_state);
    finish(traced, start, result, "set_agent_state_ex(hAgent %u, state 0x%X, next 0x%X)", agent, state, next_state);
    return result;
}

static int32_t traced_set_agent_measurement_period(void *opaque, tcc_hagent agent, uint32_t period)
{
    BEGIN(opaque);

    INNER(set_agent_measurement_period, agent, period);
    finish(traced, start, result, "set_agent_measurement_period(hAgent %u, %u s)", agent, period);
    return result;
}

static int32_t traced_create_agent_session(void *opaque, tcc_hagent agent, const tcc_wchar *pin, uint32_t line_id,
                                           uint32_t working_address_id, const TCC_GUID *group,
                                           tcc_hagentsession *session)
{
    char guid[40];
    BEGIN(opaque);

    INNER(create_agent_session, agent, pin, line_id, working_address_id, group, session);
    finish(traced, start, result, "create_agent_session(hAgent %u, PIN %s, line %u, address %u, group %s) -> "
           "hAgentSession %u", agent, pin_text(pin), line_id, working_address_id, guid_text(group, guid, sizeof(guid)),
           result ? 0 : *session);
    return result;
}

static int32_t traced_get_agent_session_list(void *opaque, tcc_hagent agent, TCC_LINEAGENTSESSIONLIST *list)
{
    char sizes[64];
    BEGIN(opaque);

    INNER(get_agent_session_list, agent, list);
    sizes_text(list, sizes, sizeof(sizes));
    finish(traced, start, result, "get_agent_session_list(hAgent %u) -> %s", agent, sizes);
    return result;
}

static int32_t traced_get_agent_session_info(void *opaque, tcc_hagentsession session, TCC_LINEAGENTSESSIONINFO *info)
{
    BEGIN(opaque);

    INNER(get_agent_session_info, session, info);
    finish(traced, start, result, "get_agent_session_info(hAgentSession %u) -> state 0x%X", session,
           result ? 0 : info->dwAgentSessionState);
    return result;
}

static int32_t traced_set_agent_session_state(void *opaque, tcc_hagentsession session, uint32_t state,
                                              uint32_t next_state)
{
    BEGIN(opaque);

    INNER(set_agent_session_state, session, state, next_state);
    finish(traced, start, result, "set_agent_session_state(hAgentSession %u, state 0x%X, next 0x%X)", session, state,
           next_state);
    return result;
}

static int32_t traced_get_group_list(void *opaque, TCC_LINEAGENTGROUPLIST *list)
{
    char sizes[64];
    BEGIN(opaque);

    result = traced->inner->get_group_list(traced->context, list);
    sizes_text(list, sizes, sizeof(sizes));
    finish(traced, start, result, "get_group_list() -> %s", sizes);
    return result;
}

static int32_t traced_get_queue_list(void *opaque, const TCC_GUID *group, TCC_LINEQUEUELIST *list)
{
    char guid[40], sizes[64];
    BEGIN(opaque);

    INNER(get_queue_list, group, list);
    sizes_text(list, sizes, sizeof(sizes));
    finish(traced, start, result, "get_queue_list(group %s) -> %s", guid_text(group, guid, sizeof(guid)), sizes);
    return result;
}

static int32_t traced_get_queue_info(void *opaque, uint32_t queue_id, TCC_LINEQUEUEINFO *info)
{
    BEGIN(opaque);

    INNER(get_queue_info, queue_id, info);
    finish(traced, start, result, "get_queue_info(queue %u) -> %u calls queued", queue_id,
           result ? 0 : info->dwCurrentCallsQueued);
    return result;
}

static int32_t traced_set_queue_measurement_period(void *opaque, uint32_t queue_id, uint32_t period)
{
    BEGIN(opaque);

    INNER(set_queue_measurement_period, queue_id, period);
    finish(traced, start, result, "set_queue_measurement_period(queue %u, %u s)", queue_id, period);
    return result;
}

static int32_t traced_get_address_list(void *opaque, TCC_ADDRESSLIST *list)
{
    char sizes[64];
    BEGIN(opaque);

    result = traced->inner->get_address_list(traced->context, list);
    sizes_text(list, sizes, sizeof(sizes));
    finish(traced, start, result, "get_address_list() -> %s", sizes);
    return result;
}

static void traced_poll(void *opaque)
{
    struct traced *traced = opaque;
    traced->inner->poll(traced->context);
}

static int32_t traced_control(void *opaque, uint32_t operation, void *argument, uint32_t argument_size)
{
    BEGIN(opaque);

    INNER(control, operation, argument, argument_size);
    finish(traced, start, result, "control(operation 0x%08X, %u bytes)", operation, argument_size);
    return result;
}

/* Questions, not requests: answered without a trace line. */
static uint32_t traced_link_state(void *opaque)
{
    struct traced *traced = opaque;
    return traced->inner->link_state(traced->context);
}

static size_t traced_error_text(void *opaque, char *text, size_t size)
{
    struct traced *traced = opaque;
    return traced->inner->error_text(traced->context, text, size);
}

static void traced_interrupt(void *opaque)
{
    struct traced *traced = opaque;

    tcc__trace("request %s.interrupt()", traced->inner->name);
    traced->inner->interrupt(traced->context);
}

int32_t tcc__provider_open(const struct tcc_provider *provider, const char *config, void **context, char *error,
                           size_t error_size)
{
    LONGLONG start = counter_now();
    int32_t result;

    if (provider->version >= TCC_PROVIDER_VERSION_3 && provider->open_ex)
        result = provider->open_ex(provider, config, context, error, error_size);
    else
        result = provider->open(config, context, error, error_size);
    if (tcc__trace_on())
    {
        LARGE_INTEGER frequency;

        QueryPerformanceFrequency(&frequency);
        counter_to_us = 1e6 / (double)frequency.QuadPart;
        double us = (double)(counter_now() - start) * counter_to_us;

        if (result)
            tcc__trace("request %s.open(\"%s\") = LINEERR 0x%08X (%s) in %.0f us", provider->name, config,
                       (unsigned)result, error_size ? error : "", us);
        else
            tcc__trace("request %s.open(\"%s\") = 0 in %.0f us", provider->name, config, us);
    }
    return result;
}

void tcc__provider_trace_wrap(const struct tcc_provider **provider, void **context)
{
    const struct tcc_provider *inner = *provider;
    struct traced *traced;

    if (!tcc__trace_on())
        return;
    if (!(traced = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*traced))))
    {
        tcc__trace("provider %s: out of memory for its trace: its requests go untraced", inner->name);
        return;
    }
    traced->inner = inner;
    traced->context = *context;
    traced->table = (struct tcc_provider){
        .version = TCC_PROVIDER_VERSION,
        .name = inner->name,
        .close = traced_close,
        .set_event_callback = traced_set_event_callback,
        .get_agent_caps = traced_get_agent_caps,
        .create_agent = traced_create_agent,
        .get_agent_info = traced_get_agent_info,
        .set_agent_state_ex = traced_set_agent_state_ex,
        .set_agent_measurement_period = traced_set_agent_measurement_period,
        .create_agent_session = traced_create_agent_session,
        .get_agent_session_list = traced_get_agent_session_list,
        .get_agent_session_info = traced_get_agent_session_info,
        .set_agent_session_state = traced_set_agent_session_state,
        .get_group_list = traced_get_group_list,
        .get_queue_list = traced_get_queue_list,
        .get_queue_info = traced_get_queue_info,
        .set_queue_measurement_period = traced_set_queue_measurement_period,
        .get_address_list = traced_get_address_list,
        /* What the inner table lacks, this one lacks too. */
        .poll = inner->version >= TCC_PROVIDER_VERSION_2 && inner->poll ? traced_poll : NULL,
        .control = inner->version >= TCC_PROVIDER_VERSION_3 && inner->control ? traced_control : NULL,
        .link_state = inner->version >= TCC_PROVIDER_VERSION_4 && inner->link_state ? traced_link_state : NULL,
        .error_text = inner->version >= TCC_PROVIDER_VERSION_4 && inner->error_text ? traced_error_text : NULL,
        .interrupt = inner->version >= TCC_PROVIDER_VERSION_4 && inner->interrupt ? traced_interrupt : NULL,
    };
    *provider = &traced->table;
    *context = traced;
}
