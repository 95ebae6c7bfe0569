/*
 * The engine's internals, shared by acd_engine.c (entities, requests, statistics)
 * and acd_traffic.c (calls, routing, the timed-event queue and the simulator).
 */
#ifndef TAPI3CC_ACD_INTERNAL_H
#define TAPI3CC_ACD_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>

#include "acd_engine.h"

struct agent
{
    char id[ACD_NAME_SIZE], pin[ACD_NAME_SIZE], user[ACD_NAME_SIZE];
    uint64_t groups;
    uint32_t set_state, next_state, reported_state;
    uint32_t non_acd;               /* 0, or the BUSYINCOMING/BUSYOUTGOING bit */
    size_t call;                    /* index + 1 of its ACD call (one at a time: routing
                                       skips busy agents), or 0 */
    uint32_t live_sessions;         /* sessions not ended */
    uint32_t first_session, last_session;   /* its sessions, linked through next_of_agent */
    uint32_t ready_sessions, not_ready_sessions;   /* so the agent state needs no scan */
    int64_t logged_in_since;

    /* the current measurement window */
    uint32_t period;
    int64_t window_start;
    uint32_t acd_calls, incoming_calls, outgoing_calls;
    uint64_t talk, wrapup, logged_in;
};

struct session
{
    uint32_t agent;
    uint32_t next_of_agent;         /* the agent's next session (handle), or 0 */
    size_t group;
    uint32_t line_id, address_id;
    uint32_t state, next_state;
    int64_t start, end, idle_since;
    size_t call;                    /* index + 1 of the ACD call it handles, or 0 */

    uint32_t calls;
    uint32_t ready_prev;            /* its neighbours (handles, 0: none) in its group's */
    uint64_t talk, wrapup, answer_sum;
    uint32_t answer_max;
    uint32_t ready_next;            /* list of READY sessions (in the padding) */
};

enum call_state { CALL_WAITING, CALL_TALKING, CALL_WRAPUP, CALL_DONE };

struct call
{
    enum call_state state;
    uint32_t next_free;             /* CALL_DONE: the next free slot (index + 1), or 0 */
    size_t queue;
    uint32_t session;
    int64_t arrival, queue_entry, phase_start, patience_deadline;   /* deadline 0: none */
    uint32_t talk_length, wrapup_length;
    uint32_t generation;            /* bumped at each phase change: stale timers are ignored */
};

struct queue_state
{
    uint32_t period;
    int64_t window_start;
    uint32_t queued, abandoned, flowed_in, flowed_out, final_disposition, longest_wait, waits;
    uint64_t wait_sum;
    size_t *waiting;                /* call indices, oldest first */
    size_t waiting_count, waiting_capacity;
};

enum timer_kind { TIMER_ARRIVAL, TIMER_ABANDON, TIMER_FLOW, TIMER_TALK_END, TIMER_WRAPUP_END };

struct timer                        /* 32 bytes: the heap moves them around a lot */
{
    int64_t time;
    uint64_t sequence;              /* ties run in the order they were set */
    size_t target;                  /* queue index (arrival) or call index */
    uint32_t kind;                  /* enum timer_kind */
    uint32_t generation;
};

struct message
{
    uint32_t message, param1, param2, param3;
};

struct acd_engine
{
    pthread_mutex_t lock;
    struct acd_config config;
    acd_clock_fn clock;
    void *clock_user;
    int64_t now;                    /* the time being processed */

    struct agent *agents;
    size_t agent_count, agent_capacity;
    struct session *sessions;
    size_t session_count, session_capacity;
    struct call *calls;
    size_t call_count, call_capacity;
    uint32_t free_call;             /* a CALL_DONE slot to use again (index + 1), or 0:
                                       the array stays the size of the busiest moment */
    struct queue_state *queues;     /* parallel to config.queues */
    /* Each group's READY sessions, longest idle first (idle_since, then handle):
     * routing takes the first whose agent is free instead of scanning every session. */
    uint32_t ready_first[ACD_MAX_GROUPS], ready_last[ACD_MAX_GROUPS];

    struct timer *timers;           /* binary min-heap */
    size_t timer_count, timer_capacity;
    uint64_t timer_sequence;
    uint64_t random_state;

    struct acd_engine_totals totals;

    /* status messages waiting for delivery, outside the lock */
    struct message *outbox;
    size_t outbox_count, outbox_capacity;
    bool delivering;
    acd_event_fn callback;
    void *callback_user;
};

/* acd_engine.c */
bool acd__grow(void **array, size_t *capacity, size_t needed, size_t size);
void acd__post(struct acd_engine *engine, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3);
void acd__agent_roll(struct acd_engine *engine, struct agent *agent);
void acd__queue_roll(struct acd_engine *engine, struct queue_state *queue);
uint64_t acd__overlap(int64_t since, int64_t now, int64_t window_start);
void acd__set_session_state(struct acd_engine *engine, uint32_t handle, uint32_t state);
void acd__refresh_agent(struct acd_engine *engine, uint32_t handle);

/* acd_traffic.c */
int32_t acd__traffic_start(struct acd_engine *engine);
void acd__advance(struct acd_engine *engine);
int32_t acd__arrive(struct acd_engine *engine, size_t queue, uint32_t talk, uint32_t wrapup, uint32_t patience);
void acd__release_call(struct acd_engine *engine, struct session *session);
void acd__route(struct acd_engine *engine);

#endif
