/*
 * The call center of bench/asterisk_scale, as both of its programs see it (the native
 * bench_scale writes its queues.conf and drives it; bench_scale_com reads it through
 * COM): agents 3001, 3002, ... are static members Local/ID@agents (the tests'
 * [agents] context: answer, talk three seconds) with MemberName = agent ID, each in
 * SCALE_QUEUES_PER_AGENT of the queues q01, q02, ...; agent 3000 alone is in the
 * queue "marker", which no caller rings: the event-lag probe pauses and unpauses it
 * while the others take calls.  Every agent has an AstDB record (PIN SCALE_PIN) and
 * an address record (its own ID, dialled as its member interface).
 */
#ifndef TAPI3CC_BENCH_SCALE_LAYOUT_H
#define TAPI3CC_BENCH_SCALE_LAYOUT_H

#include <stdio.h>

#define SCALE_FIRST_AGENT 3001
#define SCALE_MARKER_AGENT 3000
#define SCALE_MARKER_QUEUE "marker"
#define SCALE_QUEUES_PER_AGENT 3
#define SCALE_PIN "2468"

/* The full size, and the smoke run's (--quick). */
#define SCALE_AGENTS 500
#define SCALE_QUEUES 50
#define SCALE_QUICK_AGENTS 100
#define SCALE_QUICK_QUEUES 10

/* Agent `index`'s `k`th queue (0-based, < SCALE_QUEUES_PER_AGENT): spread so that
 * every queue gets as many members and agents share queues with different others. */
static inline int scale_queue_of(int index, int k, int queues)
{
    return (index + k * (queues / SCALE_QUEUES_PER_AGENT + 1)) % queues;
}

static inline void scale_queue_name(int queue, char *out, size_t size)
{
    snprintf(out, size, "q%02d", queue + 1);
}

static inline void scale_interface(int agent_id, char *out, size_t size)
{
    snprintf(out, size, "Local/%d@agents", agent_id);
}

#endif
