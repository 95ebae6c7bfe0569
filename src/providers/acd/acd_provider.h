/*
 * The "acd" provider: the embedded ACD emulator behind the provider contract.
 */
#ifndef TAPI3CC_ACD_PROVIDER_H
#define TAPI3CC_ACD_PROVIDER_H

#include "tapi3cc/provider.h"

/* The embedded ACD emulator. Its configuration string is a ';'-separated list of
 *   file=PATH        topology file (see acd_config.h); default: the demo
 *   seed=N           simulator seed (overrides the file's)
 *   simulate=yes|no  simulated traffic (overrides the file's)
 *   clock=manual     test hook: time starts at start=N (default 0) and moves only
 *                    through tcc_acd_provider_set_time()
 *   start=N          Unix time at which the emulator's timeline starts
 *   speed=N          simulated time runs N times faster than real time (1..100000;
 *                    not with clock=manual): a demo sees hours in seconds */
extern const struct tcc_provider tcc_acd_provider;

/* Test hooks of the acd provider (documented as such): set the manual clock, and
 * make an ACD call arrive with exact durations. */
void tcc_acd_provider_set_time(void *context, int64_t unix_time);
int32_t tcc_acd_provider_inject_call(void *context, uint32_t queue_id, uint32_t talk, uint32_t wrapup,
                                     uint32_t patience);

#endif
