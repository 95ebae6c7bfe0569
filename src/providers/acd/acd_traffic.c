/*
 * Traffic: ACD calls from arrival to the end of wrap-up, routing, and the seeded
 * simulator.  Everything that happens at a future time is a timer in one min-heap;
 * acd__advance() runs the timers up to the clock's now in time order, so the
 * engine needs no thread and replays exactly for the same seed and clock.
 */
#include "acd_internal.h"

#include <math.h>
#include <string.h>

/* splitmix64: small, fast, and the same numbers on every platform. */
static uint64_t next_random(struct acd_engine *engine)
{
    uint64_t z = (engine->random_state += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* An exponentially distributed whole number of seconds with the given mean, >= 1. */
static uint32_t exponential(struct acd_engine *engine, double mean)
{
    double uniform = (double)(next_random(engine) >> 11) * 0x1.0p-53;   /* [0, 1) */
    double value = -mean * log1p(-uniform);

    if (value < 1)
        return 1;
    /* value >= 1: adding a half and truncating rounds as llround() does, without a call. */
    return value > 7 * 86400.0 ? 7 * 86400 : (uint32_t)(value + 0.5);
}

static bool timer_before(const struct timer *a, const struct timer *b)
{
    return a->time < b->time || (a->time == b->time && a->sequence < b->sequence);
}

/* The heap's sift-up and sift-down move a hole, not whole timers by swapping. */
static bool add_timer(struct acd_engine *engine, int64_t time, enum timer_kind kind, size_t target,
                      uint32_t generation)
{
    struct timer timer;
    size_t i;

    if (!acd__grow((void **)&engine->timers, &engine->timer_capacity, engine->timer_count + 1,
                   sizeof(*engine->timers)))
        return false;
    timer = (struct timer){ time, engine->timer_sequence++, target, kind, generation };
    for (i = engine->timer_count++; i && timer_before(&timer, &engine->timers[(i - 1) / 2]); i = (i - 1) / 2)
        engine->timers[i] = engine->timers[(i - 1) / 2];
    engine->timers[i] = timer;
    return true;
}

static struct timer pop_timer(struct acd_engine *engine)
{
    struct timer top = engine->timers[0], last = engine->timers[--engine->timer_count];
    size_t i = 0, count = engine->timer_count;

    for (;;)
    {
        size_t child = 2 * i + 1;

        if (child >= count)
            break;
        if (child + 1 < count && timer_before(&engine->timers[child + 1], &engine->timers[child]))
            child++;
        if (!timer_before(&engine->timers[child], &last))
            break;
        engine->timers[i] = engine->timers[child];
        i = child;
    }
    engine->timers[i] = last;
    return top;
}

static void schedule_arrival(struct acd_engine *engine, size_t queue)
{
    double rate = engine->config.queues[queue].calls_per_hour;

    if (engine->config.simulate && rate > 0)
        add_timer(engine, engine->now + exponential(engine, 3600.0 / rate), TIMER_ARRIVAL, queue, 0);
}

int32_t acd__traffic_start(struct acd_engine *engine)
{
    engine->random_state = engine->config.seed;
    for (size_t i = 0; i < engine->config.queue_count; i++)
        schedule_arrival(engine, i);
    return 0;
}

static void record_wait(struct queue_state *queue, uint32_t wait)
{
    queue->wait_sum += wait;
    queue->waits++;
    if (wait > queue->longest_wait)
        queue->longest_wait = wait;
}

static void remove_waiting(struct queue_state *queue, size_t call)
{
    for (size_t i = 0; i < queue->waiting_count; i++)
        if (queue->waiting[i] == call)
        {
            memmove(&queue->waiting[i], &queue->waiting[i + 1], (queue->waiting_count - i - 1) * sizeof(size_t));
            queue->waiting_count--;
            return;
        }
}

static uint32_t queue_id(struct acd_engine *engine, size_t queue)
{
    return engine->config.queues[queue].id;
}

/* The call joins the back of `queue` now. */
static bool enter_queue(struct acd_engine *engine, size_t index, size_t queue, bool flowed_in)
{
    const struct acd_queue_config *config = &engine->config.queues[queue];
    struct queue_state *state = &engine->queues[queue];
    struct call *call = &engine->calls[index];

    if (!acd__grow((void **)&state->waiting, &state->waiting_capacity, state->waiting_count + 1, sizeof(size_t)))
        return false;
    acd__queue_roll(engine, state);
    state->waiting[state->waiting_count++] = index;
    state->queued++;
    if (flowed_in)
        state->flowed_in++;
    call->queue = queue;
    call->queue_entry = engine->now;
    if (config->flows)
        add_timer(engine, engine->now + config->flow_after_seconds, TIMER_FLOW, index, call->generation);
    acd__post(engine, TCC_LINE_QUEUESTATUS, config->id, TCC_LINEQUEUESTATUS_UPDATEINFO, 0);
    return true;
}

/* A call is over: its slot is taken by a later call.  Its generation goes on
 * counting there, so the timers the ended call left behind stay stale. */
static void end_call(struct acd_engine *engine, size_t index)
{
    struct call *call = &engine->calls[index];

    call->state = CALL_DONE;
    call->generation++;
    call->next_free = engine->free_call;
    engine->free_call = (uint32_t)index + 1;
}

int32_t acd__arrive(struct acd_engine *engine, size_t queue, uint32_t talk, uint32_t wrapup, uint32_t patience)
{
    struct call *call;
    uint32_t generation = 0;
    size_t index;

    if (engine->free_call)
    {
        index = engine->free_call - 1;
        engine->free_call = engine->calls[index].next_free;
        generation = engine->calls[index].generation;
    }
    else if (engine->call_count < UINT32_MAX &&
             acd__grow((void **)&engine->calls, &engine->call_capacity, engine->call_count + 1, sizeof(*engine->calls)))
        index = engine->call_count++;
    else
        return TCC_LINEERR_NOMEM;
    call = &engine->calls[index];
    memset(call, 0, sizeof(*call));
    call->generation = generation;
    call->state = CALL_WAITING;
    call->arrival = engine->now;
    call->talk_length = talk;
    call->wrapup_length = wrapup;
    call->patience_deadline = patience ? engine->now + patience : 0;
    if (!enter_queue(engine, index, queue, false))
        return TCC_LINEERR_NOMEM;
    if (patience)
        add_timer(engine, call->patience_deadline, TIMER_ABANDON, index, call->generation);
    engine->totals.arrived++;
    acd__route(engine);
    return 0;
}

static void answer(struct acd_engine *engine, size_t index, uint32_t session_handle)
{
    struct call *call = &engine->calls[index];
    struct queue_state *queue = &engine->queues[call->queue];
    struct session *session = &engine->sessions[session_handle - 1];
    struct agent *agent = &engine->agents[session->agent - 1];
    uint32_t answer_time = (uint32_t)(engine->now - call->arrival);

    acd__queue_roll(engine, queue);
    remove_waiting(queue, index);
    record_wait(queue, (uint32_t)(engine->now - call->queue_entry));
    acd__post(engine, TCC_LINE_QUEUESTATUS, queue_id(engine, call->queue), TCC_LINEQUEUESTATUS_UPDATEINFO, 0);

    call->state = CALL_TALKING;
    call->session = session_handle;
    call->phase_start = engine->now;
    call->generation++;
    add_timer(engine, engine->now + call->talk_length, TIMER_TALK_END, index, call->generation);

    session->call = index + 1;
    session->calls++;
    session->answer_sum += answer_time;
    if (answer_time > session->answer_max)
        session->answer_max = answer_time;
    acd__agent_roll(engine, agent);
    agent->acd_calls++;
    agent->call = index + 1;
    engine->totals.answered++;
    acd__set_session_state(engine, session_handle, TCC_LINEAGENTSESSIONSTATE_BUSYONCALL);
}

/* Books the call's current phase up to now on its session and agent, and ends it. */
void acd__release_call(struct acd_engine *engine, struct session *session)
{
    struct call *call = &engine->calls[session->call - 1];
    struct agent *agent = &engine->agents[session->agent - 1];
    uint64_t elapsed = (uint64_t)(engine->now - call->phase_start);

    acd__agent_roll(engine, agent);
    if (call->state == CALL_TALKING)
    {
        session->talk += elapsed;
        agent->talk += acd__overlap(call->phase_start, engine->now, agent->window_start);
    }
    else
    {
        session->wrapup += elapsed;
        agent->wrapup += acd__overlap(call->phase_start, engine->now, agent->window_start);
    }
    end_call(engine, session->call - 1);
    session->call = 0;
    agent->call = 0;
    engine->totals.completed++;
}

/* The READY session of `group` that has been idle longest, whose agent is free:
 * the first of the group's READY list (acd_engine.c) but for an agent busy in
 * another of its sessions. */
static uint32_t longest_idle_session(struct acd_engine *engine, size_t group)
{
    for (uint32_t handle = engine->ready_first[group]; handle; handle = engine->sessions[handle - 1].ready_next)
    {
        const struct agent *agent = &engine->agents[engine->sessions[handle - 1].agent - 1];

        if (!agent->call && !agent->non_acd)
            return handle;
    }
    return 0;
}

/* Hands waiting calls to free sessions: always the call that has waited longest
 * in its queue, among the queues whose group has a free session. */
void acd__route(struct acd_engine *engine)
{
    for (;;)
    {
        size_t best_queue = SIZE_MAX;
        uint32_t best_session = 0;

        for (size_t q = 0; q < engine->config.queue_count; q++)
        {
            const struct queue_state *queue = &engine->queues[q];
            uint32_t session;

            if (!queue->waiting_count)
                continue;
            if (best_queue != SIZE_MAX &&
                engine->calls[queue->waiting[0]].queue_entry >=
                    engine->calls[engine->queues[best_queue].waiting[0]].queue_entry)
                continue;
            if ((session = longest_idle_session(engine, engine->config.queues[q].group)))
            {
                best_queue = q;
                best_session = session;
            }
        }
        if (best_queue == SIZE_MAX)
            return;
        answer(engine, engine->queues[best_queue].waiting[0], best_session);
    }
}

static size_t find_queue_index(struct acd_engine *engine, uint32_t id)
{
    for (size_t i = 0; i < engine->config.queue_count; i++)
        if (engine->config.queues[i].id == id)
            return i;
    return SIZE_MAX;
}

static void run_timer(struct acd_engine *engine, const struct timer *timer)
{
    struct call *call = timer->kind == TIMER_ARRIVAL ? NULL : &engine->calls[timer->target];

    engine->totals.events_processed++;
    if (call && call->generation != timer->generation)
        return;   /* the call moved on since this timer was set */

    switch (timer->kind)
    {
    case TIMER_ARRIVAL:
    {
        const struct acd_queue_config *config = &engine->config.queues[timer->target];

        acd__arrive(engine, timer->target, exponential(engine, config->talk_seconds),
                    exponential(engine, config->wrapup_seconds), exponential(engine, config->patience_seconds));
        schedule_arrival(engine, timer->target);
        break;
    }
    case TIMER_ABANDON:
        if (call->state == CALL_WAITING)
        {
            struct queue_state *queue = &engine->queues[call->queue];

            acd__queue_roll(engine, queue);
            remove_waiting(queue, timer->target);
            record_wait(queue, (uint32_t)(engine->now - call->queue_entry));
            queue->abandoned++;
            if (!engine->config.queues[call->queue].flows)
                queue->final_disposition++;
            end_call(engine, timer->target);
            engine->totals.abandoned++;
            acd__post(engine, TCC_LINE_QUEUESTATUS, queue_id(engine, call->queue), TCC_LINEQUEUESTATUS_UPDATEINFO, 0);
        }
        break;
    case TIMER_FLOW:
        if (call->state == CALL_WAITING)
        {
            struct queue_state *queue = &engine->queues[call->queue];
            size_t target = find_queue_index(engine, engine->config.queues[call->queue].flow_to);

            acd__queue_roll(engine, queue);
            remove_waiting(queue, timer->target);
            record_wait(queue, (uint32_t)(engine->now - call->queue_entry));
            queue->flowed_out++;
            acd__post(engine, TCC_LINE_QUEUESTATUS, queue_id(engine, call->queue), TCC_LINEQUEUESTATUS_UPDATEINFO, 0);
            engine->totals.flowed++;
            /* A flow timer belongs to one queue: the new queue sets its own. */
            call->generation++;
            if (call->patience_deadline)
                add_timer(engine, call->patience_deadline, TIMER_ABANDON, timer->target, call->generation);
            enter_queue(engine, timer->target, target, true);
        }
        break;
    case TIMER_TALK_END:
    {
        struct session *session = &engine->sessions[call->session - 1];
        struct agent *agent = &engine->agents[session->agent - 1];

        acd__agent_roll(engine, agent);
        session->talk += (uint64_t)(engine->now - call->phase_start);
        agent->talk += acd__overlap(call->phase_start, engine->now, agent->window_start);
        call->state = CALL_WRAPUP;
        call->phase_start = engine->now;
        call->generation++;
        add_timer(engine, engine->now + call->wrapup_length, TIMER_WRAPUP_END, timer->target, call->generation);
        acd__set_session_state(engine, call->session, TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP);
        break;
    }
    case TIMER_WRAPUP_END:
    {
        uint32_t handle = call->session;
        struct session *session = &engine->sessions[handle - 1];
        uint32_t next = session->next_state ? session->next_state : TCC_LINEAGENTSESSIONSTATE_READY;

        acd__release_call(engine, session);
        session->next_state = 0;
        acd__set_session_state(engine, handle, next);
        break;
    }
    }
}

void acd__advance(struct acd_engine *engine)
{
    int64_t now = engine->clock(engine->clock_user);

    while (engine->timer_count && engine->timers[0].time <= now)
    {
        struct timer timer = pop_timer(engine);

        if (timer.time > engine->now)
            engine->now = timer.time;
        run_timer(engine, &timer);
        acd__route(engine);
    }
    /* The clock never runs backwards inside the engine. */
    if (now > engine->now)
        engine->now = now;
}
