/*
 * The ACD emulator engine: one ACD system with groups, queues, addresses, agents,
 * agent sessions and ACD calls, its state machines and statistics, and a seeded
 * traffic simulator that advances lazily to the clock's "now" whenever the engine
 * is asked anything (no thread: the same seed and the same clock give the same
 * numbers).  Portable C, no Windows headers, no COM; safe from several threads
 * (one lock), and the event callback is never called with that lock held.
 *
 * States are TAPI 2.2 bits (TCC_LINEAGENTSTATEEX_*, TCC_LINEAGENTSESSIONSTATE_*);
 * errors are TCC_LINEERR_* codes.  Handles are small positive numbers.
 *
 * Definitions of the statistics (all times in whole seconds of the engine clock):
 *
 * Session (the whole session; nothing resets it):
 *   duration      now - start, or end - start once SESSION_ENDED (timing stops);
 *   calls         ACD calls answered in the session (counted when answered);
 *   talk, wrapup  time in BUSY_ON_CALL / BUSY_WRAPUP with an ACD call, the call in
 *                 progress counted up to now; call time = talk + wrapup;
 *   averages      total / calls, truncated; 0 with no calls;
 *   ACD call rate calls per hour of duration, as CURRENCY (x10000):
 *                 calls * 3600 * 10000 / duration, truncated; 0 while duration is 0;
 *   answer times  from the call's arrival in its first queue to its answer: the
 *                 longest, and the sum / calls.
 *
 * Agent and queue (the current measurement period): periods are consecutive
 * windows of `period` seconds, the first starting when the agent is created, the
 * queue's engine starts, or the period is set (which resets the counts).  A count
 * belongs to the window in which its event happened; a time span counts only the
 * part inside the current window.
 *   agent: ACD calls answered, non-ACD incoming and outgoing calls started, ACD
 *          talk, wrap-up and call time, and the overall call rate: ACD calls * 3600
 *          * 10000 / seconds logged in (at least one session not ended) in the window.
 *   queue: calls queued (arrived or flowed in), currently queued, abandoned, flowed
 *          in, flowed out; the longest wait of a call that left the queue in the
 *          window or is waiting now; the current longest wait; the average wait of
 *          the calls that left the queue in the window (answered, abandoned or
 *          flowed out), truncated; final disposition: calls that left the queue
 *          unanswered with nowhere further to flow (abandoned in a queue without
 *          flow_to).
 *
 * The agent state is derived from its sessions: a non-ACD call makes it
 * BUSYINCOMING / BUSYOUTGOING; else a session on a call or in wrap-up makes it
 * BUSYACD; else a READY session READY; else a NOT_READY session NOTREADY; with no
 * live session it is the state last set (NOTREADY at first).
 */
#ifndef TAPI3CC_ACD_ENGINE_H
#define TAPI3CC_ACD_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "acd_config.h"

struct acd_engine;

/* Seconds since the Unix epoch. */
typedef int64_t (*acd_clock_fn)(void *user);
/* A TAPI 2 status message (TCC_LINE_AGENTSTATUSEX ...) with its three parameters. */
typedef void (*acd_event_fn)(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3);

/* The real clock (time()). */
int64_t acd_real_clock(void *user);

/* Copies what it needs of `config`.  clock NULL: the real clock.  Returns 0 or
 * TCC_LINEERR_NOMEM. */
int32_t acd_engine_create(const struct acd_config *config, acd_clock_fn clock, void *clock_user,
                          struct acd_engine **engine);
void acd_engine_destroy(struct acd_engine *engine);
void acd_engine_set_event_callback(struct acd_engine *engine, acd_event_fn callback, void *user);
/* Brings the simulation up to the clock's now and delivers its status messages,
 * for a listener that wants them without querying anything. */
void acd_engine_poll(struct acd_engine *engine);
/* Delivers a status message through the callback as the engine's own are (a test
 * hook, for the messages the emulator never raises). */
void acd_engine_raise(struct acd_engine *engine, uint32_t message, uint32_t param1, uint32_t param2,
                      uint32_t param3);
/* The topology (immutable while the engine lives). */
const struct acd_config *acd_engine_config(const struct acd_engine *engine);

/* An agent: with an ID (which must be a configured agent's, LINEERR_INVALAGENTID
 * otherwise; a configured PIN must match, LINEERR_INVALPASSWORD), or without one
 * (`user` names it; allowed in every group).  A PIN given here is needed again for
 * every session. */
int32_t acd_create_agent(struct acd_engine *engine, const char *id, const char *pin, const char *user,
                         uint32_t *agent);
/* NOTREADY or READY: applied to the agent's sessions that are not busy (busy ones
 * take it as their next state) and ends a non-ACD call; BUSYINCOMING/BUSYOUTGOING:
 * starts a non-ACD call (not while on an ACD call); 0 leaves the state; anything
 * else LINEERR_INVALAGENTSTATE.  next_state: 0 or one LINEAGENTSTATEEX_ bit. */
int32_t acd_set_agent_state(struct acd_engine *engine, uint32_t agent, uint32_t state, uint32_t next_state);
int32_t acd_set_agent_measurement_period(struct acd_engine *engine, uint32_t agent, uint32_t period);

struct acd_agent_info
{
    uint32_t state, next_state, measurement_period;
    int64_t overall_call_rate;      /* CURRENCY */
    uint32_t acd_calls, incoming_calls, outgoing_calls;
    uint32_t acd_talk_time, acd_call_time, acd_wrapup_time;
};
int32_t acd_get_agent_info(struct acd_engine *engine, uint32_t agent, struct acd_agent_info *info);
/* The agent's ID ("" without one) and user name, copied into the buffers. */
int32_t acd_get_agent_identity(struct acd_engine *engine, uint32_t agent, char *id, size_t id_size,
                               char *user, size_t user_size);

/* A session of `agent` in `group` on address (line_id, address_id); starts NOT_READY. */
int32_t acd_create_session(struct acd_engine *engine, uint32_t agent, const char *pin, uint32_t line_id,
                           uint32_t address_id, const TCC_GUID *group, uint32_t *session);
/* NOTREADY, READY or ENDED as the documented transitions allow (the busy states come
 * from calls); 0 leaves the state.  next_state (NOTREADY or READY, or 0) is taken
 * when the current call's wrap-up ends. */
int32_t acd_set_session_state(struct acd_engine *engine, uint32_t session, uint32_t state, uint32_t next_state);

struct acd_session_info
{
    uint32_t agent;
    size_t group;                   /* index into the config's groups */
    uint32_t line_id, address_id;
    uint32_t state, next_state;
    int64_t start;                  /* Unix time */
    uint32_t duration, calls;
    uint32_t talk_time, average_talk_time, call_time, average_call_time, wrapup_time, average_wrapup_time;
    int64_t acd_call_rate;          /* CURRENCY */
    uint32_t longest_time_to_answer, average_time_to_answer;
};
int32_t acd_get_session_info(struct acd_engine *engine, uint32_t session, struct acd_session_info *info);
/* The agent's sessions (ended ones too), in creation order, with what a session
 * list needs of each, in one look (one lock): returns how many there are, and
 * hands the first `limit` to `visit` (called under the engine's lock: it must not
 * call the engine).  A session made later comes last, so the first `limit` are the
 * list as it was when `limit` was counted. */
struct acd_session_entry
{
    uint32_t handle;
    size_t group;                   /* index into the config's groups */
    uint32_t line_id, address_id;
};
typedef void (*acd_session_visit_fn)(void *user, size_t index, const struct acd_session_entry *entry);
int32_t acd_visit_agent_sessions(struct acd_engine *engine, uint32_t agent, size_t limit, acd_session_visit_fn visit,
                                 void *user, size_t *count);

struct acd_queue_info
{
    uint32_t measurement_period;
    uint32_t calls_queued, current_calls_queued, calls_abandoned, calls_flowed_in, calls_flowed_out;
    uint32_t longest_ever_wait, current_longest_wait, average_wait, final_disposition;
};
int32_t acd_get_queue_info(struct acd_engine *engine, uint32_t queue_id, struct acd_queue_info *info);
int32_t acd_set_queue_measurement_period(struct acd_engine *engine, uint32_t queue_id, uint32_t period);

/* Test hook: an ACD call arrives now at `queue_id`, with exact talk, wrap-up and
 * patience times instead of random ones (patience 0: waits for ever). */
int32_t acd_inject_call(struct acd_engine *engine, uint32_t queue_id, uint32_t talk, uint32_t wrapup,
                        uint32_t patience);

/* Counters for tests and tools. */
struct acd_engine_totals
{
    uint64_t arrived, answered, abandoned, flowed, completed, waiting, events_processed;
};
void acd_engine_totals(struct acd_engine *engine, struct acd_engine_totals *totals);

#endif
