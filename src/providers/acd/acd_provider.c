/*
 * The "acd" provider: the provider interface over the embedded ACD emulator
 * (acd_engine.h), filling the TAPI 2 structures exactly through src/provider.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acd_provider.h"
#include "acd_engine.h"
#include "fill.h"

struct acd_context
{
    struct acd_engine *engine;
    bool manual_clock;
    int64_t manual_time;            /* read and written atomically */
    uint32_t speed;                 /* > 1: simulated seconds per real second */
    int link_down;                  /* atomic: "out of service" (TCC_ACD_CONTROL_SET_LINK) */
    int64_t origin;                 /* simulated time at open */
    struct timespec real_origin;
};

static int64_t manual_clock(void *user)
{
    struct acd_context *context = user;
    return __atomic_load_n(&context->manual_time, __ATOMIC_SEQ_CST);
}

/* Time running `speed` times faster than the real clock, from `origin`: a demo
 * or a wallboard sees an hour of the simulated ACD in a few seconds. */
static int64_t fast_clock(void *user)
{
    struct acd_context *context = user;
    struct timespec now;
    double elapsed;

    clock_gettime(CLOCK_REALTIME, &now);
    elapsed = (double)(now.tv_sec - context->real_origin.tv_sec) +
              (double)(now.tv_nsec - context->real_origin.tv_nsec) / 1e9;
    return context->origin + (int64_t)(elapsed * context->speed);
}

/* Splits "key=value;key=value" into the settings the provider knows. */
static int parse_settings(const char *config, char *file, size_t file_size, struct acd_config *overrides,
                          bool *has_seed, bool *has_simulate, bool *manual, uint32_t *speed, char *error,
                          size_t error_size)
{
    const char *p = config ? config : "";

    file[0] = 0;
    while (*p)
    {
        const char *end = strchr(p, ';'), *equals;
        size_t length = end ? (size_t)(end - p) : strlen(p);
        char key[32], value[512];

        equals = memchr(p, '=', length);
        if (length && !equals)
        {
            snprintf(error, error_size, "acd: setting '%.*s' has no '=' (settings are key=value;...)",
                     (int)(length > 40 ? 40 : length), p);
            return -1;
        }
        if (length)
        {
            size_t key_length = (size_t)(equals - p), value_length = length - key_length - 1;

            if (key_length >= sizeof(key) || value_length >= sizeof(value))
            {
                snprintf(error, error_size, "acd: setting '%.*s...' is too long", 20, p);
                return -1;
            }
            memcpy(key, p, key_length);
            key[key_length] = 0;
            memcpy(value, equals + 1, value_length);
            value[value_length] = 0;

            if (!strcmp(key, "file"))
                snprintf(file, file_size, "%s", value);
            else if (!strcmp(key, "seed"))
            {
                char *tail;
                overrides->seed = strtoull(value, &tail, 10);
                if (*tail || !*value)
                {
                    snprintf(error, error_size, "acd: seed '%s' is not a whole number", value);
                    return -1;
                }
                *has_seed = true;
            }
            else if (!strcmp(key, "simulate"))
            {
                if (strcmp(value, "yes") && strcmp(value, "no"))
                {
                    snprintf(error, error_size, "acd: simulate '%s' must be yes or no", value);
                    return -1;
                }
                overrides->simulate = !strcmp(value, "yes");
                *has_simulate = true;
            }
            else if (!strcmp(key, "clock"))
            {
                if (strcmp(value, "manual") && strcmp(value, "real"))
                {
                    snprintf(error, error_size, "acd: clock '%s' must be manual or real", value);
                    return -1;
                }
                *manual = !strcmp(value, "manual");
            }
            else if (!strcmp(key, "start"))
            {
                char *tail;
                overrides->start = strtoll(value, &tail, 10);
                if (*tail || !*value)
                {
                    snprintf(error, error_size, "acd: start '%s' is not a Unix time", value);
                    return -1;
                }
                overrides->has_start = true;
            }
            else if (!strcmp(key, "speed"))
            {
                char *tail;
                unsigned long long factor = strtoull(value, &tail, 10);

                if (*tail || !*value || !factor || factor > 100000)
                {
                    snprintf(error, error_size, "acd: speed '%s' must be a whole number from 1 to 100000", value);
                    return -1;
                }
                *speed = (uint32_t)factor;
            }
            else
            {
                snprintf(error, error_size,
                         "acd: unknown setting '%s' (known: file, seed, simulate, clock, start, speed)", key);
                return -1;
            }
        }
        p += length + (end ? 1 : 0);
    }
    return 0;
}

static int32_t acd_open(const char *settings, void **out, char *error, size_t error_size)
{
    struct acd_config config, overrides = { 0 };
    struct acd_context *context;
    bool has_seed = false, has_simulate = false, manual = false;
    uint32_t speed = 1;
    char file[512];
    int32_t result;

    *out = NULL;
    if (error_size)
        error[0] = 0;
    if (parse_settings(settings, file, sizeof(file), &overrides, &has_seed, &has_simulate, &manual, &speed,
                       error, error_size))
        return TCC_LINEERR_INVALPARAM;
    if (manual && speed > 1)
    {
        snprintf(error, error_size, "acd: speed and clock=manual exclude each other");
        return TCC_LINEERR_INVALPARAM;
    }
    if (file[0] ? acd_config_load_file(file, &config, error, error_size)
                : acd_config_load_string(acd_demo_topology, "(built-in demo topology)", &config, error, error_size))
        return TCC_LINEERR_OPERATIONFAILED;
    if (has_seed)
        config.seed = overrides.seed;
    if (has_simulate)
        config.simulate = overrides.simulate;
    if (overrides.has_start)
    {
        config.has_start = true;
        config.start = overrides.start;
    }
    else if (manual)
    {
        config.has_start = true;
        config.start = 0;
    }

    if (!(context = calloc(1, sizeof(*context))))
    {
        acd_config_free(&config);
        return TCC_LINEERR_NOMEM;
    }
    context->manual_clock = manual;
    context->manual_time = config.start;
    context->speed = speed;
    clock_gettime(CLOCK_REALTIME, &context->real_origin);
    context->origin = config.has_start ? config.start : (int64_t)context->real_origin.tv_sec;
    result = acd_engine_create(&config, manual ? manual_clock : speed > 1 ? fast_clock : NULL, context,
                               &context->engine);
    acd_config_free(&config);
    if (result)
    {
        free(context);
        return result;
    }
    *out = context;
    return 0;
}

static void acd_close(void *opaque)
{
    struct acd_context *context = opaque;

    if (!context)
        return;
    acd_engine_destroy(context->engine);
    free(context);
}

static void acd_set_event_callback(void *opaque, tcc_provider_event_fn callback, void *user)
{
    struct acd_context *context = opaque;

    /* The engine posts exactly the provider's messages, with the same parameters,
     * and swaps the (callback, user) pair under its lock. */
    acd_engine_set_event_callback(context->engine, callback, user);
}

/* While the emulator plays an outage, requests that need the ACD fail at once, as a
 * network provider's do while its link is down; reads go on. */
static bool out_of_service(struct acd_context *context)
{
    return __atomic_load_n(&context->link_down, __ATOMIC_SEQ_CST) != 0;
}

static uint32_t acd_link_state(void *opaque)
{
    return out_of_service(opaque) ? TCC_LINK_DOWN : TCC_LINK_UP;
}

/* The control operations of acd_control.h. */
static int32_t acd_control(void *opaque, uint32_t operation, void *argument, uint32_t argument_size)
{
    struct acd_context *context = opaque;

    switch (operation)
    {
    case TCC_ACD_CONTROL_SET_TIME:
    {
        const struct tcc_acd_set_time *set_time = argument;

        if (argument_size != sizeof(*set_time) || !argument)
            return TCC_LINEERR_INVALPARAM;
        if (!context->manual_clock)
            return TCC_LINEERR_OPERATIONUNAVAIL;
        __atomic_store_n(&context->manual_time, set_time->unix_time, __ATOMIC_SEQ_CST);
        return 0;
    }
    case TCC_ACD_CONTROL_INJECT_CALL:
    {
        const struct tcc_acd_inject_call *call = argument;

        if (argument_size != sizeof(*call) || !argument)
            return TCC_LINEERR_INVALPARAM;
        return acd_inject_call(context->engine, call->queue_id, call->talk, call->wrapup, call->patience);
    }
    case TCC_ACD_CONTROL_RAISE_STATUS:
    {
        const struct tcc_acd_raise_status *status = argument;

        if (argument_size != sizeof(*status) || !argument)
            return TCC_LINEERR_INVALPARAM;
        acd_engine_raise(context->engine, status->message, status->param1, status->param2, status->param3);
        return 0;
    }
    case TCC_ACD_CONTROL_SET_LINK:
    {
        const struct tcc_acd_set_link *link = argument;
        int down;

        if (argument_size != sizeof(*link) || !argument || link->state > TCC_LINK_DOWN)
            return TCC_LINEERR_INVALPARAM;
        down = link->state == TCC_LINK_DOWN;
        if (__atomic_exchange_n(&context->link_down, down, __ATOMIC_SEQ_CST) != down)
            acd_engine_raise(context->engine, TCC_LINE_LINEDEVSTATE, 0,
                             down ? TCC_LINEDEVSTATE_OUTOFSERVICE : TCC_LINEDEVSTATE_INSERVICE, 0);
        return 0;
    }
    default:
        return TCC_LINEERR_OPERATIONUNAVAIL;
    }
}

static bool address_exists(const struct acd_config *config, uint32_t address_id)
{
    for (size_t i = 0; i < config->address_count; i++)
        if (config->addresses[i].address_id == address_id)
            return true;
    return false;
}

#define FIELD(type, member) offsetof(type, member)

static int32_t acd_get_agent_caps(void *opaque, uint32_t address_id, TCC_LINEAGENTCAPS *caps)
{
    struct acd_context *context = opaque;
    const struct acd_config *config = acd_engine_config(context->engine);
    struct tcc_fill fill;

    if (!caps)
        return TCC_LINEERR_INVALPOINTER;
    if (!address_exists(config, address_id))
        return TCC_LINEERR_INVALADDRESSID;
    tcc__fill_start(&fill, caps, sizeof(*caps));
    if (fill.fixed_fits)
    {
        tcc__fill_u32(&fill, FIELD(TCC_LINEAGENTCAPS, dwCapsVersion), 0x00020002);
        tcc__fill_u32(&fill, FIELD(TCC_LINEAGENTCAPS, dwMaxNumGroupEntries), (uint32_t)config->group_count);
        tcc__fill_bytes(&fill, FIELD(TCC_LINEAGENTCAPS, ProxyGUID), &config->guid, sizeof(config->guid));
    }
    tcc__fill_string(&fill, FIELD(TCC_LINEAGENTCAPS, dwAgentHandlerInfoSize), config->name);
    return tcc__fill_finish(&fill);
}

/* A UTF-16 argument as UTF-8; NULL stays NULL. */
static int32_t convert(const tcc_wchar *in, char *out, size_t size, const char **result)
{
    *result = NULL;
    if (!in)
        return 0;
    if (tcc__utf8_from_utf16(in, out, size))
        return TCC_LINEERR_INVALPARAM;
    *result = out;
    return 0;
}

static int32_t acd_create_agent_request(void *opaque, const tcc_wchar *id, const tcc_wchar *pin,
                                        const tcc_wchar *user, tcc_hagent *agent)
{
    struct acd_context *context = opaque;
    char id8[ACD_NAME_SIZE], pin8[ACD_NAME_SIZE], user8[ACD_NAME_SIZE];
    const char *id_text, *pin_text, *user_text;
    int32_t result;

    if (!agent)
        return TCC_LINEERR_INVALPOINTER;
    if (out_of_service(context))
        return TCC_LINEERR_OPERATIONFAILED;
    if ((result = convert(id, id8, sizeof(id8), &id_text)) || (result = convert(pin, pin8, sizeof(pin8), &pin_text)) ||
        (result = convert(user, user8, sizeof(user8), &user_text)))
        return result;
    result = acd_create_agent(context->engine, id_text, pin_text, user_text, agent);
    memset(pin8, 0, sizeof(pin8));
    return result;
}

static int32_t acd_get_agent_info_request(void *opaque, tcc_hagent agent, TCC_LINEAGENTINFO *out)
{
    struct acd_context *context = opaque;
    struct acd_agent_info info;
    TCC_LINEAGENTINFO value = { 0 };
    int32_t result;

    if (!out)
        return TCC_LINEERR_INVALPOINTER;
    if ((result = acd_get_agent_info(context->engine, agent, &info)))
        return result;
    value.dwAgentState = info.state;
    value.dwNextAgentState = info.next_state;
    value.dwMeasurementPeriod = info.measurement_period;
    value.cyOverallCallRate = info.overall_call_rate;
    value.dwNumberOfACDCalls = info.acd_calls;
    value.dwNumberOfIncomingCalls = info.incoming_calls;
    value.dwNumberOfOutgoingCalls = info.outgoing_calls;
    value.dwTotalACDTalkTime = info.acd_talk_time;
    value.dwTotalACDCallTime = info.acd_call_time;
    value.dwTotalACDWrapUpTime = info.acd_wrapup_time;
    return tcc__fill_fixed(out, &value, sizeof(value));
}

static int32_t acd_set_agent_state_request(void *opaque, tcc_hagent agent, uint32_t state, uint32_t next_state)
{
    struct acd_context *context = opaque;
    return out_of_service(context) ? TCC_LINEERR_OPERATIONFAILED
                                   : acd_set_agent_state(context->engine, agent, state, next_state);
}

static int32_t acd_set_agent_period_request(void *opaque, tcc_hagent agent, uint32_t period)
{
    struct acd_context *context = opaque;
    return acd_set_agent_measurement_period(context->engine, agent, period);
}

static int32_t acd_create_session_request(void *opaque, tcc_hagent agent, const tcc_wchar *pin, uint32_t line_id,
                                          uint32_t address_id, const TCC_GUID *group, tcc_hagentsession *session)
{
    struct acd_context *context = opaque;
    char pin8[ACD_NAME_SIZE];
    const char *pin_text;
    int32_t result;

    if (!session || !group)
        return TCC_LINEERR_INVALPOINTER;
    if (out_of_service(context))
        return TCC_LINEERR_OPERATIONFAILED;
    if ((result = convert(pin, pin8, sizeof(pin8), &pin_text)))
        return result;
    result = acd_create_session(context->engine, agent, pin_text, line_id, address_id, group, session);
    memset(pin8, 0, sizeof(pin8));
    return result;
}

struct session_list_fill
{
    struct tcc_fill fill;
    uint32_t array;
    tcc_hagent agent;
    const struct acd_config *config;
};

/* Field by field into the list (a whole entry built first and copied stalled on
 * store forwarding: a tenth of a long enumeration's time). */
static void fill_session_entry(void *user, size_t index, const struct acd_session_entry *session)
{
    struct session_list_fill *list = user;
    size_t at = list->array + index * sizeof(TCC_LINEAGENTSESSIONENTRY);
    uint32_t handle = session->handle, agent = list->agent, address = session->address_id;

    tcc__fill_bytes(&list->fill, at + offsetof(TCC_LINEAGENTSESSIONENTRY, hAgentSession), &handle, sizeof(handle));
    tcc__fill_bytes(&list->fill, at + offsetof(TCC_LINEAGENTSESSIONENTRY, hAgent), &agent, sizeof(agent));
    tcc__fill_bytes(&list->fill, at + offsetof(TCC_LINEAGENTSESSIONENTRY, GroupID),
                    &list->config->groups[session->group].guid, sizeof(TCC_GUID));
    tcc__fill_bytes(&list->fill, at + offsetof(TCC_LINEAGENTSESSIONENTRY, dwWorkingAddressID), &address,
                    sizeof(address));
}

/* Counted, then written straight into the caller's list: a long list costs no copy
 * (sessions are never removed, so the second look finds the counted ones first). */
static int32_t acd_get_session_list_request(void *opaque, tcc_hagent agent, TCC_LINEAGENTSESSIONLIST *list)
{
    struct acd_context *context = opaque;
    struct session_list_fill fill = { .agent = agent, .config = acd_engine_config(context->engine) };
    size_t count = 0, again;
    int32_t result;

    if (!list)
        return TCC_LINEERR_INVALPOINTER;
    if ((result = acd_visit_agent_sessions(context->engine, agent, 0, NULL, NULL, &count)))
        return result;
    tcc__fill_start(&fill.fill, list, sizeof(*list));
    if ((fill.array = tcc__fill_list(&fill.fill, count, sizeof(TCC_LINEAGENTSESSIONENTRY))))
        acd_visit_agent_sessions(context->engine, agent, count, fill_session_entry, &fill, &again);
    return tcc__fill_finish(&fill.fill);
}

/* OLE Automation DATE: days since 1899-12-30; the Unix epoch is day 25569. */
static double unix_to_date(int64_t unix_time)
{
    return (double)unix_time / 86400.0 + 25569.0;
}

static int32_t acd_get_session_info_request(void *opaque, tcc_hagentsession session, TCC_LINEAGENTSESSIONINFO *out)
{
    struct acd_context *context = opaque;
    struct acd_session_info info;
    TCC_LINEAGENTSESSIONINFO value = { 0 };
    int32_t result;

    if (!out)
        return TCC_LINEERR_INVALPOINTER;
    if ((result = acd_get_session_info(context->engine, session, &info)))
        return result;
    value.dwAgentSessionState = info.state;
    value.dwNextAgentSessionState = info.next_state;
    value.dateSessionStartTime = unix_to_date(info.start);
    value.dwSessionDuration = info.duration;
    value.dwNumberOfCalls = info.calls;
    value.dwTotalTalkTime = info.talk_time;
    value.dwAverageTalkTime = info.average_talk_time;
    value.dwTotalCallTime = info.call_time;
    value.dwAverageCallTime = info.average_call_time;
    value.dwTotalWrapUpTime = info.wrapup_time;
    value.dwAverageWrapUpTime = info.average_wrapup_time;
    value.cyACDCallRate = info.acd_call_rate;
    value.dwLongestTimeToAnswer = info.longest_time_to_answer;
    value.dwAverageTimeToAnswer = info.average_time_to_answer;
    return tcc__fill_fixed(out, &value, sizeof(value));
}

static int32_t acd_set_session_state_request(void *opaque, tcc_hagentsession session, uint32_t state,
                                             uint32_t next_state)
{
    struct acd_context *context = opaque;
    return out_of_service(context) ? TCC_LINEERR_OPERATIONFAILED
                                   : acd_set_session_state(context->engine, session, state, next_state);
}

static int32_t acd_get_group_list_request(void *opaque, TCC_LINEAGENTGROUPLIST *list)
{
    struct acd_context *context = opaque;
    const struct acd_config *config = acd_engine_config(context->engine);
    struct tcc_fill fill;
    uint32_t array;

    if (!list)
        return TCC_LINEERR_INVALPOINTER;
    tcc__fill_start(&fill, list, sizeof(*list));
    array = tcc__fill_list(&fill, config->group_count, sizeof(TCC_LINEAGENTGROUPENTRY));
    for (size_t i = 0; i < config->group_count; i++)
    {
        size_t entry = array + i * sizeof(TCC_LINEAGENTGROUPENTRY);

        if (array)   /* the GUID's 16 bytes, as the four DWORDs of GroupID */
            tcc__fill_bytes(&fill, entry + FIELD(TCC_LINEAGENTGROUPENTRY, GroupID), &config->groups[i].guid,
                            sizeof(TCC_GUID));
        if (array)
            tcc__fill_string(&fill, entry + FIELD(TCC_LINEAGENTGROUPENTRY, dwNameSize), config->groups[i].name);
        else
            tcc__fill_count_string(&fill, config->groups[i].name);
    }
    return tcc__fill_finish(&fill);
}

static int32_t acd_get_queue_list_request(void *opaque, const TCC_GUID *group, TCC_LINEQUEUELIST *list)
{
    struct acd_context *context = opaque;
    const struct acd_config *config = acd_engine_config(context->engine);
    size_t group_index = SIZE_MAX, count = 0, written = 0;
    struct tcc_fill fill;
    uint32_t array;

    if (!list || !group)
        return TCC_LINEERR_INVALPOINTER;
    for (size_t i = 0; i < config->group_count; i++)
        if (acd_guid_equal(&config->groups[i].guid, group))
            group_index = i;
    if (group_index == SIZE_MAX)
        return TCC_LINEERR_INVALPARAM;
    for (size_t i = 0; i < config->queue_count; i++)
        count += config->queues[i].group == group_index;

    tcc__fill_start(&fill, list, sizeof(*list));
    array = tcc__fill_list(&fill, count, sizeof(TCC_LINEQUEUEENTRY));
    for (size_t i = 0; i < config->queue_count; i++)
    {
        size_t entry = array + written * sizeof(TCC_LINEQUEUEENTRY);

        if (config->queues[i].group != group_index)
            continue;
        written++;
        if (array)
        {
            tcc__fill_u32(&fill, entry + FIELD(TCC_LINEQUEUEENTRY, dwQueueID), config->queues[i].id);
            tcc__fill_string(&fill, entry + FIELD(TCC_LINEQUEUEENTRY, dwNameSize), config->queues[i].name);
        }
        else
            tcc__fill_count_string(&fill, config->queues[i].name);
    }
    return tcc__fill_finish(&fill);
}

static int32_t acd_get_queue_info_request(void *opaque, uint32_t queue_id, TCC_LINEQUEUEINFO *out)
{
    struct acd_context *context = opaque;
    struct acd_queue_info info;
    TCC_LINEQUEUEINFO value = { 0 };
    int32_t result;

    if (!out)
        return TCC_LINEERR_INVALPOINTER;
    if ((result = acd_get_queue_info(context->engine, queue_id, &info)))
        return result;
    value.dwMeasurementPeriod = info.measurement_period;
    value.dwTotalCallsQueued = info.calls_queued;
    value.dwCurrentCallsQueued = info.current_calls_queued;
    value.dwTotalCallsAbandoned = info.calls_abandoned;
    value.dwTotalCallsFlowedIn = info.calls_flowed_in;
    value.dwTotalCallsFlowedOut = info.calls_flowed_out;
    value.dwLongestEverWaitTime = info.longest_ever_wait;
    value.dwCurrentLongestWaitTime = info.current_longest_wait;
    value.dwAverageWaitTime = info.average_wait;
    value.dwFinalDisposition = info.final_disposition;
    return tcc__fill_fixed(out, &value, sizeof(value));
}

static int32_t acd_set_queue_period_request(void *opaque, uint32_t queue_id, uint32_t period)
{
    struct acd_context *context = opaque;
    return acd_set_queue_measurement_period(context->engine, queue_id, period);
}

static int32_t acd_get_address_list_request(void *opaque, TCC_ADDRESSLIST *list)
{
    struct acd_context *context = opaque;
    const struct acd_config *config = acd_engine_config(context->engine);
    size_t count = config->address_count;
    struct tcc_fill fill;
    uint32_t array;

    if (!list)
        return TCC_LINEERR_INVALPOINTER;
    tcc__fill_start(&fill, list, sizeof(*list));
    array = tcc__fill_list(&fill, count, sizeof(TCC_ADDRESSENTRY));
    for (size_t i = 0; i < count; i++)
    {
        const struct acd_address_config *address = &config->addresses[i];
        size_t entry = array + i * sizeof(TCC_ADDRESSENTRY);

        if (array)
        {
            tcc__fill_u32(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwLineID), address->line_id);
            tcc__fill_u32(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwAddressID), address->address_id);
            tcc__fill_string(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwNameSize), address->name);
            tcc__fill_string(&fill, entry + FIELD(TCC_ADDRESSENTRY, dwDialableAddressSize), address->dialable);
        }
        else
        {
            tcc__fill_count_string(&fill, address->name);
            tcc__fill_count_string(&fill, address->dialable);
        }
    }
    return tcc__fill_finish(&fill);
}

static void acd_poll(void *opaque)
{
    struct acd_context *context = opaque;
    acd_engine_poll(context->engine);
}

const struct tcc_provider tcc_acd_provider =
{
    .version = TCC_PROVIDER_VERSION_4,
    .name = "acd",
    .open = acd_open,
    .close = acd_close,
    .set_event_callback = acd_set_event_callback,
    .get_agent_caps = acd_get_agent_caps,
    .create_agent = acd_create_agent_request,
    .get_agent_info = acd_get_agent_info_request,
    .set_agent_state_ex = acd_set_agent_state_request,
    .set_agent_measurement_period = acd_set_agent_period_request,
    .create_agent_session = acd_create_session_request,
    .get_agent_session_list = acd_get_session_list_request,
    .get_agent_session_info = acd_get_session_info_request,
    .set_agent_session_state = acd_set_session_state_request,
    .get_group_list = acd_get_group_list_request,
    .get_queue_list = acd_get_queue_list_request,
    .get_queue_info = acd_get_queue_info_request,
    .set_queue_measurement_period = acd_set_queue_period_request,
    .get_address_list = acd_get_address_list_request,
    .poll = acd_poll,
    .control = acd_control,
    .link_state = acd_link_state,
};
