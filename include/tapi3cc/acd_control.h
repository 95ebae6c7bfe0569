/*
 * The embedded emulator's ("acd" provider's) control operations, for tests and
 * benchmarks: reach them through the agent handler's ITapi3ccProviderControl
 * (tcc_control.idl) or, natively, the provider table's `control` member.  The codes
 * carry the provider's tag ('ACD'), so another provider answers
 * TCC_LINEERR_OPERATIONUNAVAIL instead of misreading the argument.
 */
#ifndef TAPI3CC_ACD_CONTROL_H
#define TAPI3CC_ACD_CONTROL_H

#include "provider.h"

/* Moves the manual clock (configuration clock=manual) to `unix_time`; time-driven
 * changes up to then happen on the next request or poll.  Without clock=manual:
 * TCC_LINEERR_OPERATIONUNAVAIL. */
#define TCC_ACD_CONTROL_SET_TIME 0x41434401u
struct tcc_acd_set_time
{
    int64_t unix_time;
};

/* Makes an ACD call arrive now on queue `queue_id`, with exact durations: talk and
 * wrap-up once answered, patience before the caller hangs up (0: never).  An
 * unknown queue: TCC_LINEERR_INVALPARAM. */
#define TCC_ACD_CONTROL_INJECT_CALL 0x41434402u
struct tcc_acd_inject_call
{
    uint32_t queue_id, talk, wrapup, patience;
};

/* Delivers a status message through the provider's callback as if the emulator had
 * raised it (for the messages it never raises itself: a new queue, a removed group,
 * LINE_PROXYSTATUS). */
#define TCC_ACD_CONTROL_RAISE_STATUS 0x41434403u
struct tcc_acd_raise_status
{
    uint32_t message, param1, param2, param3;
};

/* Plays an outage: TCC_LINK_DOWN takes the emulator "out of service" as a network
 * provider is while its link is down (LINE_LINEDEVSTATE OUTOFSERVICE raised,
 * link_state answers down, requests that need the ACD fail at once with
 * TCC_LINEERR_OPERATIONFAILED, reads go on); TCC_LINK_UP brings it back
 * (INSERVICE).  Setting the state it has raises nothing.  Another value:
 * TCC_LINEERR_INVALPARAM. */
#define TCC_ACD_CONTROL_SET_LINK 0x41434404u
struct tcc_acd_set_link
{
    uint32_t state;     /* TCC_LINK_UP or TCC_LINK_DOWN (provider.h) */
};

/* For native code that holds the provider table and a context (tests, tools). */
static inline int32_t tcc_acd_control_set_time(const struct tcc_provider *acd, void *context, int64_t unix_time)
{
    struct tcc_acd_set_time argument = { unix_time };
    return acd->control(context, TCC_ACD_CONTROL_SET_TIME, &argument, sizeof(argument));
}

static inline int32_t tcc_acd_control_inject_call(const struct tcc_provider *acd, void *context, uint32_t queue_id,
                                                  uint32_t talk, uint32_t wrapup, uint32_t patience)
{
    struct tcc_acd_inject_call argument = { queue_id, talk, wrapup, patience };
    return acd->control(context, TCC_ACD_CONTROL_INJECT_CALL, &argument, sizeof(argument));
}

#endif
