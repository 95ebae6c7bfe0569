/*
 * The ACD emulator engine: entities, requests, state machines and statistics.
 * Calls, routing and the simulator are in acd_traffic.c.  See acd_engine.h for the
 * exact definitions of every statistic.
 */
#include "acd_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SESSION_NOTREADY TCC_LINEAGENTSESSIONSTATE_NOTREADY
#define SESSION_READY TCC_LINEAGENTSESSIONSTATE_READY
#define SESSION_ONCALL TCC_LINEAGENTSESSIONSTATE_BUSYONCALL
#define SESSION_WRAPUP TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP
#define SESSION_ENDED TCC_LINEAGENTSESSIONSTATE_ENDED

int64_t acd_real_clock(void *user)
{
    return (int64_t)time(NULL);
}

bool acd__grow(void **array, size_t *capacity, size_t needed, size_t size)
{
    size_t new_capacity;
    void *grown;

    if (needed <= *capacity)
        return true;
    new_capacity = *capacity ? *capacity * 2 : 16;
    while (new_capacity < needed)
        new_capacity *= 2;
    if (!(grown = realloc(*array, new_capacity * size)))
        return false;
    *array = grown;
    *capacity = new_capacity;
    return true;
}

/* A status message for the event callback, delivered when the lock is released.
 * If memory runs out the message is dropped: statistics stay right, a listener
 * misses one notification. */
void acd__post(struct acd_engine *engine, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    if (!engine->callback)
        return;
    if (!acd__grow((void **)&engine->outbox, &engine->outbox_capacity, engine->outbox_count + 1,
                   sizeof(*engine->outbox)))
        return;
    engine->outbox[engine->outbox_count++] = (struct message){ message, param1, param2, param3 };
}

/* Enter: lock, and bring the simulation up to the clock's now. */
static void enter(struct acd_engine *engine)
{
    pthread_mutex_lock(&engine->lock);
    acd__advance(engine);
}

/*
 * Leave: unlock, then deliver what was posted, in order.  One thread delivers at a
 * time; a callback that calls back into the engine finds delivery under way and
 * leaves its own messages to the loop below, so nothing deadlocks or reorders.
 */
static void leave(struct acd_engine *engine)
{
    struct message *batch = NULL;
    size_t count = 0;

    if (engine->delivering || !engine->outbox_count)
    {
        pthread_mutex_unlock(&engine->lock);
        return;
    }
    engine->delivering = true;
    for (;;)
    {
        acd_event_fn callback = engine->callback;
        void *user = engine->callback_user;

        free(batch);
        batch = engine->outbox;
        count = engine->outbox_count;
        engine->outbox = NULL;
        engine->outbox_count = engine->outbox_capacity = 0;
        if (!count || !callback)
            break;
        pthread_mutex_unlock(&engine->lock);
        for (size_t i = 0; i < count; i++)
            callback(user, batch[i].message, batch[i].param1, batch[i].param2, batch[i].param3);
        pthread_mutex_lock(&engine->lock);
    }
    engine->delivering = false;
    pthread_mutex_unlock(&engine->lock);
    free(batch);
}

uint64_t acd__overlap(int64_t since, int64_t now, int64_t window_start)
{
    int64_t from = since > window_start ? since : window_start;
    return now > from ? (uint64_t)(now - from) : 0;
}

/* Moves a measurement window forward to the one that holds now, clearing counts. */
static bool roll(int64_t *window_start, uint32_t period, int64_t now)
{
    int64_t windows;

    if (now < *window_start + (int64_t)period)
        return false;
    windows = (now - *window_start) / (int64_t)period;
    *window_start += windows * (int64_t)period;
    return true;
}

static void clear_agent_counts(struct agent *agent)
{
    agent->acd_calls = agent->incoming_calls = agent->outgoing_calls = 0;
    agent->talk = agent->wrapup = agent->logged_in = 0;
}

static void clear_queue_counts(struct queue_state *queue)
{
    queue->queued = queue->abandoned = queue->flowed_in = queue->flowed_out = 0;
    queue->final_disposition = queue->longest_wait = queue->waits = 0;
    queue->wait_sum = 0;
}

void acd__agent_roll(struct acd_engine *engine, struct agent *agent)
{
    if (roll(&agent->window_start, agent->period, engine->now))
        clear_agent_counts(agent);
}

void acd__queue_roll(struct acd_engine *engine, struct queue_state *queue)
{
    if (roll(&queue->window_start, queue->period, engine->now))
        clear_queue_counts(queue);
}

static struct agent *find_agent(struct acd_engine *engine, uint32_t handle)
{
    return handle && handle <= engine->agent_count ? &engine->agents[handle - 1] : NULL;
}

static struct session *find_session(struct acd_engine *engine, uint32_t handle)
{
    return handle && handle <= engine->session_count ? &engine->sessions[handle - 1] : NULL;
}

static uint32_t derived_agent_state(const struct agent *agent)
{
    if (agent->non_acd)
        return agent->non_acd;
    if (agent->call)
        return TCC_LINEAGENTSTATEEX_BUSYACD;
    if (agent->ready_sessions)
        return TCC_LINEAGENTSTATEEX_READY;
    if (agent->not_ready_sessions)
        return TCC_LINEAGENTSTATEEX_NOTREADY;
    return agent->set_state;
}

/* Keeps the agent's counts of READY and NOT_READY sessions as a session moves. */
static void count_session_state(struct agent *agent, uint32_t state, int delta)
{
    if (state == SESSION_READY)
        agent->ready_sessions += delta;
    else if (state == SESSION_NOTREADY)
        agent->not_ready_sessions += delta;
}

/* Posts LINE_AGENTSTATUSEX when the agent's derived state changed. */
void acd__refresh_agent(struct acd_engine *engine, uint32_t handle)
{
    struct agent *agent = find_agent(engine, handle);
    uint32_t state = derived_agent_state(agent);

    if (state != agent->reported_state)
    {
        agent->reported_state = state;
        acd__post(engine, TCC_LINE_AGENTSTATUSEX, handle, TCC_LINEAGENTSTATUSEX_STATE, state);
    }
}

static void unlink_ready(struct acd_engine *engine, struct session *session)
{
    if (session->ready_prev)
        find_session(engine, session->ready_prev)->ready_next = session->ready_next;
    else
        engine->ready_first[session->group] = session->ready_next;
    if (session->ready_next)
        find_session(engine, session->ready_next)->ready_prev = session->ready_prev;
    else
        engine->ready_last[session->group] = session->ready_prev;
    session->ready_prev = session->ready_next = 0;
}

/* Into its group's READY list by (idle_since, handle).  It became idle now, the
 * latest time of all, so the walk from the back stops at once but for ties. */
static void link_ready(struct acd_engine *engine, uint32_t handle, struct session *session)
{
    uint32_t before = engine->ready_last[session->group], after = 0;

    while (before)
    {
        const struct session *other = find_session(engine, before);

        if (other->idle_since < session->idle_since || (other->idle_since == session->idle_since && before < handle))
            break;
        after = before;
        before = other->ready_prev;
    }
    session->ready_prev = before;
    session->ready_next = after;
    if (before)
        find_session(engine, before)->ready_next = handle;
    else
        engine->ready_first[session->group] = handle;
    if (after)
        find_session(engine, after)->ready_prev = handle;
    else
        engine->ready_last[session->group] = handle;
}

/* Every session state change goes through here: bookkeeping and the message. */
void acd__set_session_state(struct acd_engine *engine, uint32_t handle, uint32_t state)
{
    struct session *session = find_session(engine, handle);
    struct agent *agent = find_agent(engine, session->agent);

    if (session->state == state)
        return;
    if (session->state == SESSION_READY)
        unlink_ready(engine, session);
    if (state == SESSION_READY)
    {
        session->idle_since = engine->now;
        link_ready(engine, handle, session);
    }
    if (state == SESSION_ENDED)
    {
        session->end = engine->now;
        acd__agent_roll(engine, agent);
        if (!--agent->live_sessions)
            agent->logged_in += acd__overlap(agent->logged_in_since, engine->now, agent->window_start);
    }
    count_session_state(agent, session->state, -1);
    count_session_state(agent, state, +1);
    session->state = state;
    acd__post(engine, TCC_LINE_AGENTSESSIONSTATUS, handle, TCC_LINEAGENTSESSIONSTATUS_STATE, state);
    acd__refresh_agent(engine, session->agent);
}

int32_t acd_engine_create(const struct acd_config *config, acd_clock_fn clock, void *clock_user,
                          struct acd_engine **out)
{
    struct acd_engine *engine;
    struct acd_config *copy;

    *out = NULL;
    if (!(engine = calloc(1, sizeof(*engine))))
        return TCC_LINEERR_NOMEM;
    copy = &engine->config;
    *copy = *config;
    copy->groups = NULL;
    copy->queues = NULL;
    copy->addresses = NULL;
    copy->agents = NULL;
#define COPY_ARRAY(field, count) \
    if (config->count && !(copy->field = malloc(config->count * sizeof(*config->field)))) \
        goto oom; \
    if (config->count) \
        memcpy(copy->field, config->field, config->count * sizeof(*config->field));
    COPY_ARRAY(groups, group_count)
    COPY_ARRAY(queues, queue_count)
    COPY_ARRAY(addresses, address_count)
    COPY_ARRAY(agents, agent_count)
#undef COPY_ARRAY
    if (config->queue_count && !(engine->queues = calloc(config->queue_count, sizeof(*engine->queues))))
        goto oom;

    pthread_mutex_init(&engine->lock, NULL);
    engine->clock = clock ? clock : acd_real_clock;
    engine->clock_user = clock_user;
    engine->now = config->has_start ? config->start : engine->clock(engine->clock_user);
    for (size_t i = 0; i < config->queue_count; i++)
    {
        engine->queues[i].period = config->measurement_period;
        engine->queues[i].window_start = engine->now;
    }
    if (acd__traffic_start(engine))
    {
        acd_engine_destroy(engine);
        return TCC_LINEERR_NOMEM;
    }
    *out = engine;
    return 0;

oom:
    acd_config_free(copy);
    free(engine->queues);
    free(engine);
    return TCC_LINEERR_NOMEM;
}

void acd_engine_destroy(struct acd_engine *engine)
{
    if (!engine)
        return;
    for (size_t i = 0; i < engine->config.queue_count; i++)
        free(engine->queues[i].waiting);
    free(engine->queues);
    free(engine->agents);
    free(engine->sessions);
    free(engine->calls);
    free(engine->timers);
    free(engine->outbox);
    acd_config_free(&engine->config);
    pthread_mutex_destroy(&engine->lock);
    free(engine);
}

void acd_engine_set_event_callback(struct acd_engine *engine, acd_event_fn callback, void *user)
{
    pthread_mutex_lock(&engine->lock);
    engine->callback = callback;
    engine->callback_user = user;
    pthread_mutex_unlock(&engine->lock);
}

void acd_engine_poll(struct acd_engine *engine)
{
    enter(engine);
    leave(engine);
}

void acd_engine_raise(struct acd_engine *engine, uint32_t message, uint32_t param1, uint32_t param2,
                      uint32_t param3)
{
    enter(engine);
    acd__post(engine, message, param1, param2, param3);
    leave(engine);
}

const struct acd_config *acd_engine_config(const struct acd_engine *engine)
{
    return &engine->config;
}

/* PINs are compared in constant time for their length, and never logged. */
static bool pin_matches(const char *expected, const char *given)
{
    size_t expected_length = strlen(expected), given_length = strlen(given);
    unsigned char difference = expected_length != given_length;

    for (size_t i = 0; i < expected_length; i++)
        difference |= (unsigned char)(expected[i] ^ given[i < given_length ? i : 0]);
    return !difference;
}

static bool text_fits(const char *text)
{
    return !text || strlen(text) < ACD_NAME_SIZE;
}

int32_t acd_create_agent(struct acd_engine *engine, const char *id, const char *pin, const char *user,
                         uint32_t *handle)
{
    const struct acd_agent_config *configured = NULL;
    struct agent *agent;
    int32_t result = 0;

    if (!handle || !text_fits(id) || !text_fits(pin) || !text_fits(user))
        return TCC_LINEERR_INVALPARAM;
    *handle = 0;
    enter(engine);
    if (id && *id)
    {
        for (size_t i = 0; i < engine->config.agent_count && !configured; i++)
            if (!strcmp(engine->config.agents[i].id, id))
                configured = &engine->config.agents[i];
        if (!configured)
            result = TCC_LINEERR_INVALAGENTID;
        else if (configured->pin[0] && !pin_matches(configured->pin, pin ? pin : ""))
            result = TCC_LINEERR_INVALPASSWORD;
    }
    if (!result && !acd__grow((void **)&engine->agents, &engine->agent_capacity, engine->agent_count + 1,
                              sizeof(*engine->agents)))
        result = TCC_LINEERR_NOMEM;
    if (!result)
    {
        agent = &engine->agents[engine->agent_count++];
        memset(agent, 0, sizeof(*agent));
        if (configured)
        {
            strcpy(agent->id, configured->id);
            strcpy(agent->user, configured->user);
            agent->groups = configured->groups;
        }
        else
        {
            snprintf(agent->user, sizeof(agent->user), "%s", user ? user : "");
            agent->groups = UINT64_MAX;
        }
        snprintf(agent->pin, sizeof(agent->pin), "%s", pin ? pin : "");
        agent->set_state = agent->reported_state = TCC_LINEAGENTSTATEEX_NOTREADY;
        agent->period = engine->config.measurement_period;
        agent->window_start = engine->now;
        *handle = (uint32_t)engine->agent_count;
        acd__post(engine, TCC_LINE_AGENTSTATUSEX, *handle,
                  TCC_LINEAGENTSTATUSEX_NEWAGENT | TCC_LINEAGENTSTATUSEX_STATE, agent->set_state);
    }
    leave(engine);
    return result;
}

static bool one_agent_state(uint32_t state)
{
    return state == TCC_LINEAGENTSTATEEX_NOTREADY || state == TCC_LINEAGENTSTATEEX_READY ||
           state == TCC_LINEAGENTSTATEEX_BUSYACD || state == TCC_LINEAGENTSTATEEX_BUSYINCOMING ||
           state == TCC_LINEAGENTSTATEEX_BUSYOUTGOING || state == TCC_LINEAGENTSTATEEX_UNKNOWN ||
           state == TCC_LINEAGENTSTATEEX_RELEASED;
}

int32_t acd_set_agent_state(struct acd_engine *engine, uint32_t handle, uint32_t state, uint32_t next_state)
{
    struct agent *agent;
    int32_t result = 0;

    enter(engine);
    if (!(agent = find_agent(engine, handle)))
        result = TCC_LINEERR_INVALPARAM;
    else if ((state && state != TCC_LINEAGENTSTATEEX_NOTREADY && state != TCC_LINEAGENTSTATEEX_READY &&
              state != TCC_LINEAGENTSTATEEX_BUSYINCOMING && state != TCC_LINEAGENTSTATEEX_BUSYOUTGOING) ||
             (next_state && !one_agent_state(next_state)))
        result = TCC_LINEERR_INVALAGENTSTATE;
    else if ((state == TCC_LINEAGENTSTATEEX_BUSYINCOMING || state == TCC_LINEAGENTSTATEEX_BUSYOUTGOING) &&
             (agent->call || agent->non_acd))
        result = TCC_LINEERR_INVALAGENTSTATE;   /* already on a call */
    else
    {
        if (state == TCC_LINEAGENTSTATEEX_BUSYINCOMING || state == TCC_LINEAGENTSTATEEX_BUSYOUTGOING)
        {
            acd__agent_roll(engine, agent);
            if (state == TCC_LINEAGENTSTATEEX_BUSYINCOMING)
                agent->incoming_calls++;
            else
                agent->outgoing_calls++;
            agent->non_acd = state;
        }
        else if (state)
        {
            agent->non_acd = 0;
            agent->set_state = state;
            for (size_t i = 0; i < engine->session_count; i++)
            {
                struct session *session = &engine->sessions[i];
                uint32_t session_state = state == TCC_LINEAGENTSTATEEX_READY ? SESSION_READY : SESSION_NOTREADY;

                if (session->agent != handle || session->state == SESSION_ENDED)
                    continue;
                if (session->state == SESSION_ONCALL || session->state == SESSION_WRAPUP)
                    session->next_state = session_state;
                else
                    acd__set_session_state(engine, (uint32_t)i + 1, session_state);
            }
        }
        if (next_state)
            agent->next_state = next_state;
        acd__refresh_agent(engine, handle);
        acd__route(engine);
    }
    leave(engine);
    return result;
}

int32_t acd_set_agent_measurement_period(struct acd_engine *engine, uint32_t handle, uint32_t period)
{
    struct agent *agent;
    int32_t result = 0;

    if (!period)
        return TCC_LINEERR_INVALPARAM;   /* "Must be greater than zero." */
    enter(engine);
    if (!(agent = find_agent(engine, handle)))
        result = TCC_LINEERR_INVALPARAM;
    else
    {
        agent->period = period;
        agent->window_start = engine->now;
        clear_agent_counts(agent);
        acd__post(engine, TCC_LINE_AGENTSTATUSEX, handle, TCC_LINEAGENTSTATUSEX_UPDATEINFO, 0);
    }
    leave(engine);
    return result;
}

/* The part of a call's current phase (call: index + 1, or 0) since window_start. */
static uint64_t ongoing(const struct acd_engine *engine, size_t call, enum call_state phase, int64_t window_start)
{
    const struct call *current = call ? &engine->calls[call - 1] : NULL;

    if (!current || current->state != phase)
        return 0;
    return acd__overlap(current->phase_start, engine->now, window_start);
}

static uint32_t clamp32(uint64_t value)
{
    return value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

static int64_t per_hour(uint64_t count, uint64_t seconds)
{
    return seconds ? (int64_t)(count * 3600 * 10000 / seconds) : 0;
}

int32_t acd_get_agent_info(struct acd_engine *engine, uint32_t handle, struct acd_agent_info *info)
{
    struct agent *agent;
    int32_t result = 0;

    enter(engine);
    if (!(agent = find_agent(engine, handle)))
        result = TCC_LINEERR_INVALPARAM;
    else
    {
        uint64_t talk, wrapup, logged_in;

        acd__agent_roll(engine, agent);
        talk = agent->talk + ongoing(engine, agent->call, CALL_TALKING, agent->window_start);
        wrapup = agent->wrapup + ongoing(engine, agent->call, CALL_WRAPUP, agent->window_start);
        logged_in = agent->logged_in;
        if (agent->live_sessions)
            logged_in += acd__overlap(agent->logged_in_since, engine->now, agent->window_start);
        info->state = derived_agent_state(agent);
        info->next_state = agent->next_state;
        info->measurement_period = agent->period;
        info->overall_call_rate = per_hour(agent->acd_calls, logged_in);
        info->acd_calls = agent->acd_calls;
        info->incoming_calls = agent->incoming_calls;
        info->outgoing_calls = agent->outgoing_calls;
        info->acd_talk_time = clamp32(talk);
        info->acd_wrapup_time = clamp32(wrapup);
        info->acd_call_time = clamp32(talk + wrapup);
    }
    leave(engine);
    return result;
}

int32_t acd_get_agent_identity(struct acd_engine *engine, uint32_t handle, char *id, size_t id_size,
                               char *user, size_t user_size)
{
    struct agent *agent;
    int32_t result = 0;

    pthread_mutex_lock(&engine->lock);
    if (!(agent = find_agent(engine, handle)))
        result = TCC_LINEERR_INVALPARAM;
    else
    {
        if (id_size)
            snprintf(id, id_size, "%s", agent->id);
        if (user_size)
            snprintf(user, user_size, "%s", agent->user);
    }
    pthread_mutex_unlock(&engine->lock);
    return result;
}

int32_t acd_create_session(struct acd_engine *engine, uint32_t agent_handle, const char *pin, uint32_t line_id,
                           uint32_t address_id, const TCC_GUID *group_id, uint32_t *handle)
{
    const struct acd_config *config = &engine->config;
    struct agent *agent;
    size_t group = SIZE_MAX;
    bool address_known = false;
    int32_t result = 0;

    if (!handle || !group_id)
        return TCC_LINEERR_INVALPARAM;
    *handle = 0;
    enter(engine);
    for (size_t i = 0; i < config->group_count; i++)
        if (acd_guid_equal(&config->groups[i].guid, group_id))
            group = i;
    for (size_t i = 0; i < config->address_count; i++)
        address_known |= config->addresses[i].line_id == line_id && config->addresses[i].address_id == address_id;

    if (!(agent = find_agent(engine, agent_handle)))
        result = TCC_LINEERR_INVALPARAM;
    else if (!address_known)
        result = TCC_LINEERR_INVALADDRESSID;
    else if (group == SIZE_MAX || !(agent->groups & (UINT64_C(1) << group)))
        result = TCC_LINEERR_INVALAGENTGROUP;
    else if (agent->pin[0] && !pin_matches(agent->pin, pin ? pin : ""))
        result = TCC_LINEERR_INVALPASSWORD;
    else if (!acd__grow((void **)&engine->sessions, &engine->session_capacity, engine->session_count + 1,
                        sizeof(*engine->sessions)))
        result = TCC_LINEERR_NOMEM;
    else
    {
        struct session *session = &engine->sessions[engine->session_count++];

        memset(session, 0, sizeof(*session));
        session->agent = agent_handle;
        session->group = group;
        session->line_id = line_id;
        session->address_id = address_id;
        session->state = SESSION_NOTREADY;
        session->start = engine->now;
        *handle = (uint32_t)engine->session_count;
        /* Listing an agent's sessions walks its own, not all of the center's. */
        if (agent->last_session)
            find_session(engine, agent->last_session)->next_of_agent = *handle;
        else
            agent->first_session = *handle;
        agent->last_session = *handle;
        acd__agent_roll(engine, agent);
        if (!agent->live_sessions++)
            agent->logged_in_since = engine->now;
        count_session_state(agent, session->state, +1);
        acd__post(engine, TCC_LINE_AGENTSESSIONSTATUS, *handle,
                  TCC_LINEAGENTSESSIONSTATUS_NEWSESSION | TCC_LINEAGENTSESSIONSTATUS_STATE, session->state);
        acd__refresh_agent(engine, agent_handle);
    }
    leave(engine);
    return result;
}

/* The documented transitions (spec §4.1); BUSY_ON_CALL is entered by answering. */
static bool transition_allowed(uint32_t from, uint32_t to)
{
    switch (from)
    {
    case SESSION_NOTREADY: return to == SESSION_READY || to == SESSION_ENDED;
    case SESSION_READY:    return to == SESSION_ONCALL || to == SESSION_NOTREADY || to == SESSION_ENDED;
    case SESSION_ONCALL:   return to == SESSION_WRAPUP || to == SESSION_READY || to == SESSION_NOTREADY ||
                                  to == SESSION_ENDED;
    case SESSION_WRAPUP:   return to == SESSION_READY || to == SESSION_NOTREADY || to == SESSION_ENDED;
    default:               return false;
    }
}

int32_t acd_set_session_state(struct acd_engine *engine, uint32_t handle, uint32_t state, uint32_t next_state)
{
    struct session *session;
    int32_t result = 0;

    enter(engine);
    session = find_session(engine, handle);
    if (!session)
        result = TCC_LINEERR_INVALPARAM;
    else if (session->state == SESSION_ENDED)
        result = TCC_LINEERR_INVALAGENTSESSIONSTATE;   /* terminal */
    /* Clients ask for NOT_READY, READY or ENDED; the busy states belong to calls. */
    else if (state && state != SESSION_NOTREADY && state != SESSION_READY && state != SESSION_ENDED)
        result = TCC_LINEERR_INVALAGENTSESSIONSTATE;
    else if (next_state && next_state != SESSION_NOTREADY && next_state != SESSION_READY)
        result = TCC_LINEERR_INVALAGENTSESSIONSTATE;
    else if (state && state != session->state && !transition_allowed(session->state, state))
        result = TCC_LINEERR_INVALAGENTSESSIONSTATE;
    else
    {
        if (state && state != session->state)
        {
            /* Leaving a call or its wrap-up early releases the call. */
            if (session->call)
                acd__release_call(engine, session);
            acd__set_session_state(engine, handle, state);
        }
        if (next_state)
            session->next_state = next_state;
        acd__route(engine);
    }
    leave(engine);
    return result;
}

int32_t acd_get_session_info(struct acd_engine *engine, uint32_t handle, struct acd_session_info *info)
{
    struct session *session;
    int32_t result = 0;

    enter(engine);
    if (!(session = find_session(engine, handle)))
        result = TCC_LINEERR_INVALPARAM;
    else
    {
        int64_t end = session->state == SESSION_ENDED ? session->end : engine->now;
        uint64_t talk = session->talk + ongoing(engine, session->call, CALL_TALKING, INT64_MIN);
        uint64_t wrapup = session->wrapup + ongoing(engine, session->call, CALL_WRAPUP, INT64_MIN);
        uint64_t duration = end > session->start ? (uint64_t)(end - session->start) : 0;
        uint32_t calls = session->calls;

        info->agent = session->agent;
        info->group = session->group;
        info->line_id = session->line_id;
        info->address_id = session->address_id;
        info->state = session->state;
        info->next_state = session->next_state;
        info->start = session->start;
        info->duration = clamp32(duration);
        info->calls = calls;
        info->talk_time = clamp32(talk);
        info->wrapup_time = clamp32(wrapup);
        info->call_time = clamp32(talk + wrapup);
        info->average_talk_time = calls ? clamp32(talk / calls) : 0;
        info->average_wrapup_time = calls ? clamp32(wrapup / calls) : 0;
        info->average_call_time = calls ? clamp32((talk + wrapup) / calls) : 0;
        info->acd_call_rate = per_hour(calls, duration);
        info->longest_time_to_answer = session->answer_max;
        info->average_time_to_answer = calls ? clamp32(session->answer_sum / calls) : 0;
    }
    leave(engine);
    return result;
}

int32_t acd_visit_agent_sessions(struct acd_engine *engine, uint32_t agent, size_t limit, acd_session_visit_fn visit,
                                 void *user, size_t *count)
{
    struct agent *owner;
    int32_t result = 0;
    size_t found = 0;

    enter(engine);
    if (!(owner = find_agent(engine, agent)))
        result = TCC_LINEERR_INVALPARAM;
    else
    {
        const struct session *session;

        /* A count alone (limit 0) only follows the links. */
        for (uint32_t handle = owner->first_session; handle; handle = session->next_of_agent, found++)
        {
            session = &engine->sessions[handle - 1];
            if (found < limit)
                visit(user, found, &(struct acd_session_entry){ handle, session->group, session->line_id,
                                                                session->address_id });
        }
    }
    *count = found;
    leave(engine);
    return result;
}

static struct queue_state *find_queue(struct acd_engine *engine, uint32_t queue_id, size_t *index)
{
    for (size_t i = 0; i < engine->config.queue_count; i++)
        if (engine->config.queues[i].id == queue_id)
        {
            if (index)
                *index = i;
            return &engine->queues[i];
        }
    return NULL;
}

int32_t acd_get_queue_info(struct acd_engine *engine, uint32_t queue_id, struct acd_queue_info *info)
{
    struct queue_state *queue;
    int32_t result = 0;

    enter(engine);
    if (!(queue = find_queue(engine, queue_id, NULL)))
        result = TCC_LINEERR_INVALPARAM;
    else
    {
        uint32_t current_longest = 0;

        acd__queue_roll(engine, queue);
        if (queue->waiting_count)
            current_longest = clamp32((uint64_t)(engine->now - engine->calls[queue->waiting[0]].queue_entry));
        info->measurement_period = queue->period;
        info->calls_queued = queue->queued;
        info->current_calls_queued = (uint32_t)queue->waiting_count;
        info->calls_abandoned = queue->abandoned;
        info->calls_flowed_in = queue->flowed_in;
        info->calls_flowed_out = queue->flowed_out;
        info->current_longest_wait = current_longest;
        info->longest_ever_wait = queue->longest_wait > current_longest ? queue->longest_wait : current_longest;
        info->average_wait = queue->waits ? clamp32(queue->wait_sum / queue->waits) : 0;
        info->final_disposition = queue->final_disposition;
    }
    leave(engine);
    return result;
}

int32_t acd_set_queue_measurement_period(struct acd_engine *engine, uint32_t queue_id, uint32_t period)
{
    struct queue_state *queue;
    int32_t result = 0;

    if (!period)
        return TCC_LINEERR_INVALPARAM;
    enter(engine);
    if (!(queue = find_queue(engine, queue_id, NULL)))
        result = TCC_LINEERR_INVALPARAM;
    else
    {
        queue->period = period;
        queue->window_start = engine->now;
        clear_queue_counts(queue);
        acd__post(engine, TCC_LINE_QUEUESTATUS, queue_id, TCC_LINEQUEUESTATUS_UPDATEINFO, 0);
    }
    leave(engine);
    return result;
}

int32_t acd_inject_call(struct acd_engine *engine, uint32_t queue_id, uint32_t talk, uint32_t wrapup,
                        uint32_t patience)
{
    size_t index;
    int32_t result;

    if (!talk || !wrapup)
        return TCC_LINEERR_INVALPARAM;
    enter(engine);
    result = find_queue(engine, queue_id, &index) ? acd__arrive(engine, index, talk, wrapup, patience)
                                                  : TCC_LINEERR_INVALPARAM;
    leave(engine);
    return result;
}

void acd_engine_totals(struct acd_engine *engine, struct acd_engine_totals *totals)
{
    enter(engine);
    *totals = engine->totals;
    totals->waiting = 0;
    for (size_t i = 0; i < engine->config.queue_count; i++)
        totals->waiting += engine->queues[i].waiting_count;
    leave(engine);
}
