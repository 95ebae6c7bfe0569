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
 *                    through the control operation TCC_ACD_CONTROL_SET_TIME
 *   start=N          Unix time at which the emulator's timeline starts
 *   speed=N          simulated time runs N times faster than real time (1..100000;
 *                    not with clock=manual): a demo sees hours in seconds */
extern const struct tcc_provider tcc_acd_provider;

/* Its control operations (test hooks) are in tapi3cc/acd_control.h. */
#include "tapi3cc/acd_control.h"

#endif
