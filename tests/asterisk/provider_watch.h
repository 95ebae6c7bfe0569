/*
 * The status messages a provider raises, kept for the native tests against the real
 * Asterisk: pass watch_record as the provider's callback, then wait for a message
 * (polling the provider as the host does).  Failures fail the running cmocka test.
 */
#ifndef TAPI3CC_PROVIDER_WATCH_H
#define TAPI3CC_PROVIDER_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "tapi3cc/provider.h"

#define WATCH_ANY 0xFFFFFFFFu

void watch_record(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3);
/* How many messages have come so far: the `from` of the next wait. */
size_t watch_count(void);
/* Waits up to `timeout_ms` for `message` after index `from` whose param1 and param3
 * equal those given (WATCH_ANY: any) and whose param2 has a bit of `bits`
 * (WATCH_ANY: any); returns the index after it, or 0 when none came. */
size_t watch_wait(const struct tcc_provider *provider, void *context, size_t from, uint32_t message, uint32_t param1,
                  uint32_t bits, uint32_t param3, int timeout_ms);
/* A session's state message (15 s at most; none fails the test). */
size_t watch_session_state(const struct tcc_provider *provider, void *context, size_t from, uint32_t session,
                           uint32_t state);
/* Polls the provider (10 s at most; none fails the test) until one of the sessions
 * `first` and `second` (0: none) shows `state`: for a context whose messages are not
 * recorded (the handles of two contexts are alike). */
void watch_poll_state(const struct tcc_provider *provider, void *context, uint32_t first, uint32_t second,
                      uint32_t state);

#endif
