/*
 * The call-center model kept from AMI messages (see ami_model.h for the mapping).
 *
 * Statistics (whole seconds of the model's clock; the emulator's definitions, with
 * Asterisk's events as the source):
 *   session  calls: AgentConnect count; talk: AgentComplete's TalkTime, a call in
 *            progress counted up to now; wrap-up: time in BUSY_WRAPUP; call time =
 *            talk + wrap-up; answer times: AgentConnect's HoldTime (longest, average);
 *            ACD call rate: calls per hour of duration (CURRENCY).
 *   queue    (current measurement period, consecutive windows from the queue's first
 *            sight or the last set period; the first window starts from Asterisk's
 *            own totals, QueueParams' Completed and Abandoned, and so does the one
 *            after a restart of Asterisk): calls queued = QueueCallerJoin; current =
 *            callers waiting now; abandoned = QueueCallerAbandon; flowed in/out = 0
 *            (Asterisk's queues do not flow); longest wait = the longest HoldTime of a
 *            call that left (answered or abandoned) or the current longest; average
 *            wait = Asterisk's own figure, as QueueStatus reports it (Holdtime: a
 *            running average of answered calls' hold times in whole seconds, the
 *            first one taken whole while the queue has no completed or abandoned
 *            call, then (3 x old + new) / 4; taken from QueueParams at each resync,
 *            then moved by each AgentConnect), so that a wallboard and Asterisk's own
 *            tools agree; final disposition = abandoned.
 *   agent    (current period): ACD calls answered, talk, wrap-up, call time; the
 *            overall call rate: calls per hour since the later of the window's start
 *            and the start of the agent's earliest live session (0 when logged out).
 * Lists are small (queues, the memberships of one center): arrays searched in order.
 */
#include "ami_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ami_crypto.h"
#include "ami_index.h"

#define DEFAULT_PERIOD 3600

struct queue
{
    char name[AMI_NAME_SIZE];
    uint32_t id;
    TCC_GUID guid;
    bool live, seen;
    uint32_t wrapup;                /* configured; the member's own wins */
    uint32_t period;
    int64_t window;                 /* start of the current window */
    uint32_t queued, abandoned, longest_wait;      /* the current window's */
    uint32_t holdtime;              /* Asterisk's running average, not windowed */
    bool synced;                    /* its QueueParams seen once */
    /* Asterisk's own totals (QueueParams' Completed and Abandoned) as the events
     * move them: for its Holdtime, and to notice calls missed during an outage or
     * counts that started again (a restart). */
    uint64_t completed, abandoned_total;
};

struct caller
{
    char uniqueid[64];
    uint32_t queue;                 /* ID */
    int64_t joined;
};

struct session
{
    uint32_t handle;
    char queue[AMI_NAME_SIZE], interface[AMI_NAME_SIZE], agent[AMI_NAME_SIZE];
    uint32_t state;                 /* LINEAGENTSESSIONSTATE_ */
    bool paused, seen, is_static;
    uint32_t member_wrapup;
    int64_t start, end, since, wrapup_until;
    uint32_t calls, talk, wrapup, longest_answer;
    uint64_t answer_sum;
    uint32_t next_of_agent;         /* the handle of its agent's next session (0: none) */
};

struct agent
{
    char id[AMI_NAME_SIZE];
    uint32_t first_session, last_session;  /* its sessions' chain (handles), oldest first */
    uint32_t handle, reported_state, period;
    int64_t window;
    uint32_t calls, talk, wrapup;
};

/* A queue's configured wrap-up, applied whenever that queue is seen. */
struct wrapup_setting
{
    char queue[AMI_NAME_SIZE];
    uint32_t seconds;
};

struct ami_model
{
    ami_clock_fn clock;
    void *clock_user;
    struct queue *queues;
    size_t queue_count, queue_capacity;
    struct caller *callers;
    size_t caller_count, caller_capacity;
    struct session *sessions;
    size_t session_count, session_capacity;
    struct agent *agents;
    size_t agent_count, agent_capacity;
    struct wrapup_setting *wrapups;
    size_t wrapup_count, wrapup_capacity;
    struct ami_status *outbox;
    size_t outbox_count, outbox_capacity;
    bool synced_once;
    char server_start[64];
    enum ami_agent_identity identity;
    char desktop[AMI_NAME_SIZE];    /* the one agent whose sessions are kept ("": all) */
    /* Queues by name, agents by ID, and the newest session of each member (queue and
     * interface): see ami_index.h for why. */
    struct ami_index queue_index, agent_index, member_index;
    /* No wrap-up ends before this (INT64_MAX: none is running), so that the tick
     * before every event need not look at every session. */
    int64_t wrapup_due;
};

static void copy_name(char *out, const char *in)
{
    snprintf(out, AMI_NAME_SIZE, "%s", in ? in : "");
}

static int64_t now_of(const struct ami_model *model)
{
    return model->clock(model->clock_user);
}

/* If memory runs out the message is dropped: the figures stay right, a listener
 * misses one notification (as in the emulator). */
static void post(struct ami_model *model, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    if (ami_grow((void **)&model->outbox, &model->outbox_capacity, model->outbox_count + 1, sizeof(*model->outbox)))
        model->outbox[model->outbox_count++] = (struct ami_status){ message, param1, param2, param3 };
}

size_t ami_model_take(struct ami_model *model, struct ami_status *out, size_t max)
{
    size_t count = model->outbox_count < max ? model->outbox_count : max;

    if (!count)
        return 0;
    memcpy(out, model->outbox, count * sizeof(*out));
    memmove(model->outbox, model->outbox + count, (model->outbox_count - count) * sizeof(*out));
    model->outbox_count -= count;
    return count;
}

struct ami_model *ami_model_create(ami_clock_fn clock, void *clock_user)
{
    struct ami_model *model = calloc(1, sizeof(*model));

    if (model)
    {
        model->clock = clock;
        model->clock_user = clock_user;
        model->wrapup_due = INT64_MAX;
    }
    return model;
}

void ami_model_set_agent_identity(struct ami_model *model, enum ami_agent_identity identity)
{
    model->identity = identity;
}

void ami_model_set_desktop(struct ami_model *model, const char *agent_id)
{
    copy_name(model->desktop, agent_id);
}

/* The text of `from` up to the first of `stops` (or its end), into out[size]. */
static bool copy_until(const char *from, const char *stops, char *out, size_t size)
{
    size_t length = strcspn(from, stops);

    if (!length || length >= size)
        return false;
    memcpy(out, from, length);
    out[length] = 0;
    return true;
}

bool ami_member_extension(const char *interface, const char *state_interface, char *out, size_t size)
{
    static const char *const devices[] = { "SIP/", "PJSIP/", "IAX2/", "DAHDI/" };

    if (!size)
        return false;
    out[0] = 0;
    if (interface && !strncasecmp(interface, "Local/", 6) && strchr(interface, '@'))
        return copy_until(interface + 6, "@", out, size);
    if (state_interface && !strncasecmp(state_interface, "hint:", 5) && strchr(state_interface, '@'))
        return copy_until(state_interface + 5, "@", out, size);
    for (size_t i = 0; interface && i < sizeof(devices) / sizeof(*devices); i++)
        if (!strncasecmp(interface, devices[i], strlen(devices[i])))
            return copy_until(interface + strlen(devices[i]), "@/-", out, size);
    return false;
}

void ami_model_destroy(struct ami_model *model)
{
    if (!model)
        return;
    free(model->queues);
    free(model->callers);
    free(model->sessions);
    free(model->agents);
    free(model->wrapups);
    free(model->outbox);
    ami_index_free(&model->queue_index);
    ami_index_free(&model->agent_index);
    ami_index_free(&model->member_index);
    free(model);
}

void ami_model_group_guid(const char *queue, TCC_GUID *guid)
{
    char text[AMI_NAME_SIZE + 32], hex[33];
    uint8_t bytes[16] = { 0 };

    snprintf(text, sizeof(text), "tapi3cc asterisk queue %s", queue);
    if (!ami_md5_hex(text, strlen(text), hex))
        for (int i = 0; i < 16; i++)
            sscanf(hex + 2 * i, "%2hhx", &bytes[i]);
    bytes[6] = (uint8_t)((bytes[6] & 0x0f) | 0x30);     /* RFC 4122 version 3: from a name, by MD5 */
    bytes[8] = (uint8_t)((bytes[8] & 0x3f) | 0x80);
    guid->Data1 = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
    guid->Data2 = (uint16_t)(bytes[4] << 8 | bytes[5]);
    guid->Data3 = (uint16_t)(bytes[6] << 8 | bytes[7]);
    memcpy(guid->Data4, bytes + 8, 8);
}

/* Queues */

static struct queue *find_queue(const struct ami_model *model, const char *name)
{
    uint32_t hash = name ? ami_hash_text(AMI_HASH_START, name) : 0;
    size_t cursor = SIZE_MAX;

    for (struct ami_index_slot *slot; name && (slot = ami_index_next(&model->queue_index, hash, &cursor)); )
        if (!strcmp(model->queues[slot->position - 1].name, name))
            return &model->queues[slot->position - 1];
    return NULL;
}

static struct queue *queue_by_id(const struct ami_model *model, uint32_t id)
{
    return id && id <= model->queue_count ? &model->queues[id - 1] : NULL;
}

/* A new window from `start`, with these counts. */
static void start_queue_window(struct queue *queue, int64_t start, uint32_t queued, uint32_t abandoned)
{
    queue->window = start;
    queue->queued = queued;
    queue->abandoned = abandoned;
    queue->longest_wait = 0;
}

/* Moves the queue's window on to the one that holds now (counts restart). */
static void roll_queue(struct queue *queue, int64_t now)
{
    if (now - queue->window >= (int64_t)queue->period)
        start_queue_window(queue, queue->window + (now - queue->window) / queue->period * queue->period, 0, 0);
}

/* The queue called `name`, made (and announced) when first seen; a queue seen
 * again after it was gone comes back with its ID. */
static struct queue *ensure_queue(struct ami_model *model, const char *name)
{
    struct queue *queue = find_queue(model, name);

    if (!name || !*name)
        return NULL;
    if (!queue)
    {
        if (!ami_grow((void **)&model->queues, &model->queue_capacity, model->queue_count + 1, sizeof(*model->queues)) ||
            !ami_index_add(&model->queue_index, ami_hash_text(AMI_HASH_START, name), (uint32_t)model->queue_count))
            return NULL;
        queue = &model->queues[model->queue_count++];
        memset(queue, 0, sizeof(*queue));
        copy_name(queue->name, name);
        queue->id = (uint32_t)model->queue_count;
        queue->period = DEFAULT_PERIOD;
        queue->window = now_of(model);
        ami_model_group_guid(name, &queue->guid);
        for (size_t i = 0; i < model->wrapup_count; i++)
            if (!strcmp(model->wrapups[i].queue, name))
                queue->wrapup = model->wrapups[i].seconds;
    }
    if (!queue->live)
    {
        queue->live = true;
        if (model->synced_once)
        {
            post(model, TCC_LINE_GROUPSTATUS, 0, TCC_LINEGROUPSTATUS_NEWGROUP, 0);
            post(model, TCC_LINE_QUEUESTATUS, queue->id, TCC_LINEQUEUESTATUS_NEWQUEUE, 0);
        }
    }
    queue->seen = true;
    return queue;
}

void ami_model_set_queue_wrapup(struct ami_model *model, const char *name, uint32_t seconds)
{
    struct queue *queue = find_queue(model, name);

    if (queue)
        queue->wrapup = seconds;
    if (ami_grow((void **)&model->wrapups, &model->wrapup_capacity, model->wrapup_count + 1, sizeof(*model->wrapups)))
    {
        copy_name(model->wrapups[model->wrapup_count].queue, name);
        model->wrapups[model->wrapup_count++].seconds = seconds;
    }
}

/* Agents and their derived state */

static struct agent *agent_by_id(const struct ami_model *model, const char *id)
{
    size_t cursor = SIZE_MAX;

    for (struct ami_index_slot *slot; (slot = ami_index_next(&model->agent_index, ami_hash_text(AMI_HASH_START, id),
                                                             &cursor)); )
        if (!strcmp(model->agents[slot->position - 1].id, id))
            return &model->agents[slot->position - 1];
    return NULL;
}

/* The agent, made when `make` says so and it is new. */
static struct agent *find_agent(struct ami_model *model, const char *id, bool make)
{
    struct agent *agent = agent_by_id(model, id);

    if (agent)
        return agent;
    if (!make || !ami_grow((void **)&model->agents, &model->agent_capacity, model->agent_count + 1,
                           sizeof(*model->agents)) ||
        !ami_index_add(&model->agent_index, ami_hash_text(AMI_HASH_START, id), (uint32_t)model->agent_count))
        return NULL;
    agent = &model->agents[model->agent_count++];
    memset(agent, 0, sizeof(*agent));
    copy_name(agent->id, id);
    agent->period = DEFAULT_PERIOD;
    agent->window = now_of(model);
    agent->reported_state = TCC_LINEAGENTSTATEEX_NOTREADY;
    return agent;
}

/* A new window from `start`: the agent's counts restart. */
static void start_agent_window(struct agent *agent, int64_t start)
{
    agent->window = start;
    agent->calls = agent->talk = agent->wrapup = 0;
}

/* Moves the agent's window on to the one that holds now. */
static void roll_agent(struct agent *agent, int64_t now)
{
    if (now - agent->window >= (int64_t)agent->period)
        start_agent_window(agent, agent->window + (now - agent->window) / agent->period * agent->period);
}

/* As the emulator derives it: a session on a call or in wrap-up makes the agent
 * BUSYACD, else a READY one READY, else NOTREADY. */
static uint32_t derived_state(const struct ami_model *model, const struct agent *agent)
{
    bool ready = false;

    for (uint32_t handle = agent ? agent->first_session : 0; handle; handle = model->sessions[handle - 1].next_of_agent)
    {
        const struct session *session = &model->sessions[handle - 1];

        if (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL ||
            session->state == TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP)
            return TCC_LINEAGENTSTATEEX_BUSYACD;
        ready |= session->state == TCC_LINEAGENTSESSIONSTATE_READY;
    }
    return ready ? TCC_LINEAGENTSTATEEX_READY : TCC_LINEAGENTSTATEEX_NOTREADY;
}

static void agent_changed(struct ami_model *model, const char *agent_id)
{
    struct agent *agent = find_agent(model, agent_id, true);
    uint32_t state;

    if (!agent)
        return;
    state = derived_state(model, agent);
    if (state != agent->reported_state)
    {
        agent->reported_state = state;
        if (agent->handle)
            post(model, TCC_LINE_AGENTSTATUSEX, agent->handle, TCC_LINEAGENTSTATUSEX_STATE, state);
    }
}

/* Sessions */

static struct session *session_by_handle(const struct ami_model *model, uint32_t handle)
{
    return handle && handle <= model->session_count ? &model->sessions[handle - 1] : NULL;
}

static uint32_t member_hash(const char *queue, const char *interface)
{
    return ami_hash_text(ami_hash_text(AMI_HASH_START, queue), interface);
}

/* The index's entry for the member (its newest session), or NULL. */
static struct ami_index_slot *member_slot(const struct ami_model *model, const char *queue, const char *interface)
{
    size_t cursor = SIZE_MAX;

    for (struct ami_index_slot *slot; (slot = ami_index_next(&model->member_index, member_hash(queue, interface),
                                                             &cursor)); )
    {
        const struct session *session = &model->sessions[slot->position - 1];

        if (!strcmp(session->queue, queue) && !strcmp(session->interface, interface))
            return slot;
    }
    return NULL;
}

/* The member's session that has not ended: there is at most one, its newest. */
static struct session *live_session(const struct ami_model *model, const char *queue, const char *interface)
{
    struct ami_index_slot *slot = queue && interface ? member_slot(model, queue, interface) : NULL;
    struct session *session = slot ? &model->sessions[slot->position - 1] : NULL;

    return session && session->state != TCC_LINEAGENTSESSIONSTATE_ENDED ? session : NULL;
}

/* The session enters `state` at `now`: its time in the state it leaves is counted,
 * and the status messages go out. */
static void move_session(struct ami_model *model, struct session *session, uint32_t state, int64_t now)
{
    struct agent *agent = find_agent(model, session->agent, true);

    if (session->state == state)
        return;
    if (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP)
    {
        uint32_t spent = (uint32_t)(now - session->since);

        session->wrapup += spent;
        if (agent)
        {
            roll_agent(agent, now);
            agent->wrapup += spent;
        }
    }
    session->state = state;
    session->since = now;
    if (state == TCC_LINEAGENTSESSIONSTATE_ENDED)
        session->end = now;
    post(model, TCC_LINE_AGENTSESSIONSTATUS, session->handle, TCC_LINEAGENTSESSIONSTATUS_STATE, state);
    agent_changed(model, session->agent);
}

static uint32_t idle_state(const struct session *session)
{
    return session->paused ? TCC_LINEAGENTSESSIONSTATE_NOTREADY : TCC_LINEAGENTSESSIONSTATE_READY;
}

/* A membership seen (added, or listed at a resync): its session, made when new. */
static struct session *ensure_session(struct ami_model *model, const struct ami_message *message, const char *queue,
                                      const char *interface, const char *agent_id)
{
    struct session *session = live_session(model, queue, interface);
    struct ami_index_slot *slot;
    struct agent *agent;
    int64_t now = now_of(model);
    bool paused = ami_get_u64(message, "Paused", 0) != 0, in_call = ami_get_u64(message, "InCall", 0) != 0;
    uint32_t state;

    if (!agent_id || !*agent_id || (model->desktop[0] && strcmp(agent_id, model->desktop)) ||
        !ensure_queue(model, queue))
        return NULL;
    const char *membership = ami_get(message, "Membership");
    bool is_static = membership && !strcmp(membership, "static");

    if (session)
    {
        session->seen = true;
        session->paused = paused;
        session->is_static = is_static;
        if (session->state == TCC_LINEAGENTSESSIONSTATE_READY || session->state == TCC_LINEAGENTSESSIONSTATE_NOTREADY)
            move_session(model, session, in_call ? TCC_LINEAGENTSESSIONSTATE_BUSYONCALL : idle_state(session), now);
        return session;
    }
    if (!ami_grow((void **)&model->sessions, &model->session_capacity, model->session_count + 1,
              sizeof(*model->sessions)) || !(agent = find_agent(model, agent_id, true)))
        return NULL;
    if ((slot = member_slot(model, queue, interface)))
        slot->position = (uint32_t)model->session_count + 1;
    else if (!ami_index_add(&model->member_index, member_hash(queue, interface), (uint32_t)model->session_count))
        return NULL;
    if (agent->last_session)
        model->sessions[agent->last_session - 1].next_of_agent = (uint32_t)model->session_count + 1;
    else
        agent->first_session = (uint32_t)model->session_count + 1;
    agent->last_session = (uint32_t)model->session_count + 1;
    session = &model->sessions[model->session_count++];
    memset(session, 0, sizeof(*session));
    session->handle = (uint32_t)model->session_count;
    copy_name(session->queue, queue);
    copy_name(session->interface, interface);
    copy_name(session->agent, agent_id);
    session->paused = paused;
    session->seen = true;
    session->is_static = is_static;
    session->member_wrapup = (uint32_t)ami_get_u64(message, "Wrapuptime", 0);
    session->start = session->since = now;
    state = in_call ? TCC_LINEAGENTSESSIONSTATE_BUSYONCALL : idle_state(session);
    session->state = state;
    post(model, TCC_LINE_AGENTSESSIONSTATUS, session->handle,
         TCC_LINEAGENTSESSIONSTATUS_NEWSESSION | TCC_LINEAGENTSESSIONSTATUS_STATE, state);
    agent_changed(model, agent_id);
    return session;
}

/* Callers */

static struct caller *find_caller(struct ami_model *model, const char *uniqueid)
{
    for (size_t i = 0; uniqueid && i < model->caller_count; i++)
        if (!strcmp(model->callers[i].uniqueid, uniqueid))
            return &model->callers[i];
    return NULL;
}

static void remove_caller(struct ami_model *model, const char *uniqueid)
{
    struct caller *caller = find_caller(model, uniqueid);

    if (caller)
        *caller = model->callers[--model->caller_count];
}

static void add_caller(struct ami_model *model, struct queue *queue, const char *uniqueid, int64_t joined)
{
    struct caller *caller;

    if (!uniqueid || find_caller(model, uniqueid) ||
        !ami_grow((void **)&model->callers, &model->caller_capacity, model->caller_count + 1, sizeof(*model->callers)))
        return;
    caller = &model->callers[model->caller_count++];
    snprintf(caller->uniqueid, sizeof(caller->uniqueid), "%s", uniqueid);
    caller->queue = queue->id;
    caller->joined = joined;
}

/* A call left the queue after waiting `wait` seconds (answered or abandoned). */
static void call_left(struct queue *queue, uint32_t wait, int64_t now)
{
    roll_queue(queue, now);
    if (wait > queue->longest_wait)
        queue->longest_wait = wait;
}

/* A QueueParams (resync): the period's counts follow Asterisk's.  At first sight they
 * start from Asterisk's totals; calls that ended while tapi3cc was away are added;
 * totals lower than before mean Asterisk's counts started again (a restart, or
 * QueueReset), and the period starts again from them. */
static void take_queue_params(struct ami_model *model, struct queue *queue, const struct ami_message *message)
{
    uint64_t completed = ami_get_u64(message, "Completed", queue->completed);
    uint64_t abandoned = ami_get_u64(message, "Abandoned", queue->abandoned_total);
    uint32_t waiting = (uint32_t)ami_get_u64(message, "Calls", 0);
    bool first = !queue->synced;

    queue->holdtime = (uint32_t)ami_get_u64(message, "Holdtime", queue->holdtime);
    roll_queue(queue, now_of(model));
    if (first || completed < queue->completed || abandoned < queue->abandoned_total)
        start_queue_window(queue, now_of(model), (uint32_t)(completed + abandoned) + waiting, (uint32_t)abandoned);
    else
    {
        queue->queued += (uint32_t)(completed - queue->completed + abandoned - queue->abandoned_total);
        queue->abandoned += (uint32_t)(abandoned - queue->abandoned_total);
    }
    queue->completed = completed;
    queue->abandoned_total = abandoned;
    queue->synced = true;
}

/* Events */

static void on_member(struct ami_model *model, const struct ami_message *message, bool listed)
{
    /* QueueMember (a QueueStatus item) names the member "Name" and its interface
     * "Location"; the live events say "MemberName" and "Interface". */
    const char *agent_id = ami_get(message, listed ? "Name" : "MemberName");
    const char *interface = ami_get(message, listed ? "Location" : "Interface");
    char extension[AMI_NAME_SIZE];

    if (model->identity == AMI_AGENT_IS_EXTENSION)
        agent_id = ami_member_extension(interface, ami_get(message, "StateInterface"), extension, sizeof(extension))
                   ? extension : NULL;      /* a member that names no extension is no agent's */
    ensure_session(model, message, ami_get(message, "Queue"), interface, agent_id);
}

static void on_member_removed(struct ami_model *model, const struct ami_message *message)
{
    struct session *session = live_session(model, ami_get(message, "Queue"), ami_get(message, "Interface"));

    if (session)
        move_session(model, session, TCC_LINEAGENTSESSIONSTATE_ENDED, now_of(model));
}

static void on_pause(struct ami_model *model, const struct ami_message *message)
{
    struct session *session = live_session(model, ami_get(message, "Queue"), ami_get(message, "Interface"));

    if (!session)
        return;
    session->paused = ami_get_u64(message, "Paused", 0) != 0;
    /* On a call or in wrap-up the pause takes effect afterwards. */
    if (session->state == TCC_LINEAGENTSESSIONSTATE_READY || session->state == TCC_LINEAGENTSESSIONSTATE_NOTREADY)
        move_session(model, session, idle_state(session), now_of(model));
}

static void on_connect(struct ami_model *model, const struct ami_message *message)
{
    struct session *session = live_session(model, ami_get(message, "Queue"), ami_get(message, "Interface"));
    struct queue *queue = find_queue(model, ami_get(message, "Queue"));
    uint32_t hold = (uint32_t)ami_get_u64(message, "HoldTime", 0);
    int64_t now = now_of(model);

    if (queue)
    {
        call_left(queue, hold, now);
        /* As Asterisk keeps it: the first one whole, then a running average. */
        queue->holdtime = queue->completed + queue->abandoned_total ? (queue->holdtime * 3 + hold) / 4 : hold;
        post(model, TCC_LINE_QUEUESTATUS, queue->id, TCC_LINEQUEUESTATUS_UPDATEINFO, 0);
    }
    if (!session)
        return;
    session->calls++;
    session->answer_sum += hold;
    if (hold > session->longest_answer)
        session->longest_answer = hold;
    {
        struct agent *agent = find_agent(model, session->agent, true);

        if (agent)
        {
            roll_agent(agent, now);
            agent->calls++;
        }
    }
    move_session(model, session, TCC_LINEAGENTSESSIONSTATE_BUSYONCALL, now);
}

static void on_complete(struct ami_model *model, const struct ami_message *message)
{
    struct session *session = live_session(model, ami_get(message, "Queue"), ami_get(message, "Interface"));
    struct queue *queue = find_queue(model, ami_get(message, "Queue"));
    uint32_t talk = (uint32_t)ami_get_u64(message, "TalkTime", 0), wrapup;
    int64_t now = now_of(model);
    struct agent *agent;

    if (queue)
        queue->completed++;     /* Asterisk counts the call completed now */
    if (!session || session->state != TCC_LINEAGENTSESSIONSTATE_BUSYONCALL)
        return;
    session->talk += talk;
    if ((agent = find_agent(model, session->agent, true)))
    {
        roll_agent(agent, now);
        agent->talk += talk;
    }
    wrapup = session->member_wrapup ? session->member_wrapup : queue ? queue->wrapup : 0;
    if (wrapup)
    {
        session->wrapup_until = now + wrapup;
        if (session->wrapup_until < model->wrapup_due)
            model->wrapup_due = session->wrapup_until;
        move_session(model, session, TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP, now);
    }
    else
        move_session(model, session, idle_state(session), now);
}

static void on_caller(struct ami_model *model, const struct ami_message *message, const char *event)
{
    struct queue *queue = find_queue(model, ami_get(message, "Queue"));
    const char *uniqueid = ami_get(message, "Uniqueid");
    int64_t now = now_of(model);

    if (!strcmp(event, "QueueCallerJoin") || !strcmp(event, "QueueEntry"))
    {
        if (!queue && !(queue = ensure_queue(model, ami_get(message, "Queue"))))
            return;
        roll_queue(queue, now);
        if (!strcmp(event, "QueueCallerJoin"))
            queue->queued++;
        add_caller(model, queue, uniqueid, now - (int64_t)ami_get_u64(message, "Wait", 0));
    }
    else if (!strcmp(event, "QueueCallerLeave"))
        remove_caller(model, uniqueid);
    else if (!strcmp(event, "QueueCallerAbandon") && queue)
    {
        roll_queue(queue, now);
        queue->abandoned++;
        queue->abandoned_total++;
        call_left(queue, (uint32_t)ami_get_u64(message, "HoldTime", 0), now);
        remove_caller(model, uniqueid);
    }
    if (queue)
        post(model, TCC_LINE_QUEUESTATUS, queue->id, TCC_LINEQUEUESTATUS_UPDATEINFO, 0);
}

void ami_model_apply(struct ami_model *model, const struct ami_message *message)
{
    const char *event = ami_kind(message, "Event");

    if (!event)
        return;
    ami_model_tick(model);
    if (!strcmp(event, "QueueParams"))
    {
        struct queue *queue = ensure_queue(model, ami_get(message, "Queue"));

        if (queue)
            take_queue_params(model, queue, message);
    }
    else if (!strcmp(event, "QueueMember"))
        on_member(model, message, true);
    else if (!strcmp(event, "QueueMemberAdded"))
        on_member(model, message, false);
    else if (!strcmp(event, "QueueMemberRemoved"))
        on_member_removed(model, message);
    else if (!strcmp(event, "QueueMemberPause") || !strcmp(event, "QueueMemberPaused"))
        on_pause(model, message);
    else if (!strcmp(event, "AgentConnect"))
        on_connect(model, message);
    else if (!strcmp(event, "AgentComplete"))
        on_complete(model, message);
    else if (!strncmp(event, "QueueCaller", 11) || !strcmp(event, "QueueEntry"))
        on_caller(model, message, event);
}

void ami_model_tick(struct ami_model *model)
{
    int64_t now = now_of(model);

    if (now < model->wrapup_due)
        return;
    model->wrapup_due = INT64_MAX;
    for (size_t i = 0; i < model->session_count; i++)
    {
        struct session *session = &model->sessions[i];

        if (session->state != TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP)
            continue;
        if (now >= session->wrapup_until)
            move_session(model, session, idle_state(session), session->wrapup_until);
        else if (session->wrapup_until < model->wrapup_due)
            model->wrapup_due = session->wrapup_until;
    }
}

/* Resynchronisation */

void ami_model_note_server_start(struct ami_model *model, const char *started)
{
    if (model->server_start[0] && strcmp(model->server_start, started))
        for (size_t i = 0; i < model->queue_count; i++)
            model->queues[i].synced = false;    /* its counts began again */
    snprintf(model->server_start, sizeof(model->server_start), "%s", started);
}

void ami_model_begin_resync(struct ami_model *model)
{
    for (size_t i = 0; i < model->queue_count; i++)
        model->queues[i].seen = false;
    for (size_t i = 0; i < model->session_count; i++)
        model->sessions[i].seen = false;
    model->caller_count = 0;    /* QueueStatus lists the callers waiting now (QueueEntry) */
}

void ami_model_end_resync(struct ami_model *model)
{
    int64_t now = now_of(model);

    for (size_t i = 0; i < model->session_count; i++)
    {
        struct session *session = &model->sessions[i];

        if (!session->seen && session->state != TCC_LINEAGENTSESSIONSTATE_ENDED)
            move_session(model, session, TCC_LINEAGENTSESSIONSTATE_ENDED, now);
    }
    for (size_t i = 0; i < model->queue_count; i++)
    {
        struct queue *queue = &model->queues[i];

        if (queue->live && !queue->seen)
        {
            queue->live = false;
            post(model, TCC_LINE_QUEUESTATUS, queue->id, TCC_LINEQUEUESTATUS_QUEUEREMOVED, 0);
            post(model, TCC_LINE_GROUPSTATUS, 0, TCC_LINEGROUPSTATUS_GROUPREMOVED, 0);
        }
    }
    model->synced_once = true;
}

/* Queries */

size_t ami_model_queue_count(const struct ami_model *model)
{
    size_t count = 0;

    for (size_t i = 0; i < model->queue_count; i++)
        count += model->queues[i].live;
    return count;
}

bool ami_model_queue_at(const struct ami_model *model, size_t index, const char **name, uint32_t *id,
                        TCC_GUID *group)
{
    for (size_t i = 0; i < model->queue_count; i++)
    {
        const struct queue *queue = &model->queues[i];

        if (!queue->live || index--)
            continue;
        *name = queue->name;
        *id = queue->id;
        *group = queue->guid;
        return true;
    }
    return false;
}

bool ami_model_queue_by_group(const struct ami_model *model, const TCC_GUID *group, uint32_t *id, const char **name)
{
    for (size_t i = 0; group && i < model->queue_count; i++)
        if (model->queues[i].live && !memcmp(&model->queues[i].guid, group, sizeof(*group)))
        {
            *id = model->queues[i].id;
            *name = model->queues[i].name;
            return true;
        }
    return false;
}

bool ami_model_queue_info(struct ami_model *model, uint32_t id, TCC_LINEQUEUEINFO *info)
{
    struct queue *queue = queue_by_id(model, id);
    int64_t now = now_of(model);
    uint32_t waiting = 0, current_longest = 0;

    if (!queue || !queue->live)
        return false;
    roll_queue(queue, now);
    for (size_t i = 0; i < model->caller_count; i++)
        if (model->callers[i].queue == id)
        {
            uint32_t wait = (uint32_t)(now - model->callers[i].joined);

            waiting++;
            if (wait > current_longest)
                current_longest = wait;
        }
    info->dwMeasurementPeriod = queue->period;
    info->dwTotalCallsQueued = queue->queued;
    info->dwCurrentCallsQueued = waiting;
    info->dwTotalCallsAbandoned = queue->abandoned;
    info->dwTotalCallsFlowedIn = 0;
    info->dwTotalCallsFlowedOut = 0;
    info->dwLongestEverWaitTime = queue->longest_wait > current_longest ? queue->longest_wait : current_longest;
    info->dwCurrentLongestWaitTime = current_longest;
    info->dwAverageWaitTime = queue->holdtime;
    info->dwFinalDisposition = queue->abandoned;
    return true;
}

int32_t ami_model_set_queue_period(struct ami_model *model, uint32_t id, uint32_t period)
{
    struct queue *queue = queue_by_id(model, id);

    if (!queue || !queue->live)
        return TCC_LINEERR_INVALPARAM;
    if (!period)
        return TCC_LINEERR_INVALPARAM;
    queue->period = period;
    start_queue_window(queue, now_of(model), 0, 0);
    post(model, TCC_LINE_QUEUESTATUS, id, TCC_LINEQUEUESTATUS_UPDATEINFO, 0);
    return 0;
}

bool ami_model_session_member(const struct ami_model *model, uint32_t handle, const char **queue,
                              const char **interface, const char **agent_id, uint32_t *state)
{
    const struct session *session = session_by_handle(model, handle);

    if (!session)
        return false;
    *queue = session->queue;
    *interface = session->interface;
    *agent_id = session->agent;
    *state = session->state;
    return true;
}

bool ami_model_session_static(const struct ami_model *model, uint32_t handle)
{
    const struct session *session = session_by_handle(model, handle);
    return session && session->is_static;
}

uint32_t ami_model_find_session(const struct ami_model *model, const char *queue, const char *interface)
{
    const struct session *session = live_session(model, queue, interface);
    return session ? session->handle : 0;
}

bool ami_model_session_info(struct ami_model *model, uint32_t handle, TCC_LINEAGENTSESSIONINFO *info)
{
    struct session *session = session_by_handle(model, handle);
    int64_t now, end;
    uint32_t talk, wrapup, duration;

    if (!session)
        return false;
    ami_model_tick(model);
    now = now_of(model);
    end = session->state == TCC_LINEAGENTSESSIONSTATE_ENDED ? session->end : now;
    talk = session->talk +
           (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYONCALL ? (uint32_t)(now - session->since) : 0);
    wrapup = session->wrapup +
             (session->state == TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP ? (uint32_t)(now - session->since) : 0);
    duration = (uint32_t)(end - session->start);
    info->dwAgentSessionState = session->state;
    info->dwNextAgentSessionState = 0;
    info->dateSessionStartTime = (double)session->start / 86400.0 + 25569.0;     /* DATE */
    info->dwSessionDuration = duration;
    info->dwNumberOfCalls = session->calls;
    info->dwTotalTalkTime = talk;
    info->dwAverageTalkTime = session->calls ? talk / session->calls : 0;
    info->dwTotalCallTime = talk + wrapup;
    info->dwAverageCallTime = session->calls ? (talk + wrapup) / session->calls : 0;
    info->dwTotalWrapUpTime = wrapup;
    info->dwAverageWrapUpTime = session->calls ? wrapup / session->calls : 0;
    info->cyACDCallRate = duration ? (int64_t)session->calls * 3600 * 10000 / duration : 0;
    info->dwLongestTimeToAnswer = session->longest_answer;
    info->dwAverageTimeToAnswer = session->calls ? (uint32_t)(session->answer_sum / session->calls) : 0;
    return true;
}

size_t ami_model_agent_sessions(const struct ami_model *model, const char *agent_id, uint32_t *out, size_t max)
{
    const struct agent *agent = agent_by_id(model, agent_id);
    size_t count = 0;

    for (uint32_t handle = agent ? agent->first_session : 0; handle; handle = model->sessions[handle - 1].next_of_agent)
    {
        if (count < max)
            out[count] = handle;
        count++;
    }
    return count;
}

void ami_model_agent_info(struct ami_model *model, const char *agent_id, TCC_LINEAGENTINFO *info)
{
    struct agent *agent = find_agent(model, agent_id, true);
    int64_t now, earliest = 0;
    uint32_t logged_in = 0;

    ami_model_tick(model);
    now = now_of(model);
    info->dwAgentState = derived_state(model, agent);
    info->dwNextAgentState = 0;
    if (!agent)
        return;
    roll_agent(agent, now);
    for (uint32_t handle = agent->first_session; handle; handle = model->sessions[handle - 1].next_of_agent)
    {
        const struct session *session = &model->sessions[handle - 1];

        if (session->state != TCC_LINEAGENTSESSIONSTATE_ENDED && (!earliest || session->start < earliest))
            earliest = session->start;
    }
    if (earliest)
        logged_in = (uint32_t)(now - (earliest > agent->window ? earliest : agent->window));
    info->dwMeasurementPeriod = agent->period;
    info->cyOverallCallRate = logged_in ? (int64_t)agent->calls * 3600 * 10000 / logged_in : 0;
    info->dwNumberOfACDCalls = agent->calls;
    info->dwNumberOfIncomingCalls = 0;
    info->dwNumberOfOutgoingCalls = 0;
    info->dwTotalACDTalkTime = agent->talk;
    info->dwTotalACDCallTime = agent->talk + agent->wrapup;
    info->dwTotalACDWrapUpTime = agent->wrapup;
}

void ami_model_set_agent_handle(struct ami_model *model, const char *agent_id, uint32_t handle)
{
    struct agent *agent = find_agent(model, agent_id, true);

    if (agent)
    {
        agent->handle = handle;
        agent->reported_state = derived_state(model, agent);
    }
}

int32_t ami_model_set_agent_period(struct ami_model *model, const char *agent_id, uint32_t period)
{
    struct agent *agent = find_agent(model, agent_id, true);

    if (!period)
        return TCC_LINEERR_INVALPARAM;
    if (!agent)
        return TCC_LINEERR_NOMEM;
    agent->period = period;
    start_agent_window(agent, now_of(model));
    return 0;
}
