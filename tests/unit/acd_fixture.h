/*
 * Shared by the emulator's native tests: a fake clock, an engine from an INI text,
 * and a recorder of the engine's status messages.
 */
#ifndef TAPI3CC_ACD_FIXTURE_H
#define TAPI3CC_ACD_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "acd_engine.h"

#define T0 1767254400   /* 2026-01-01 08:00 UTC */

static int64_t fake_now = T0;

static inline int64_t fake_clock(void *user)
{
    return fake_now;
}

/* A small topology without simulated traffic: calls come only from the tests. */
static const char small_topology[] =
    "[system]\nname = Test ACD\nguid = {00000000-0000-0000-0000-0000000000AA}\n"
    "measurement_period = 3600\nsimulate = no\nstart = 1767254400\n"
    "[group:Sales]\nguid = {00000000-0000-0000-0000-000000000001}\n"
    "[group:Support]\nguid = {00000000-0000-0000-0000-000000000002}\n"
    "[queue:Overflow]\nid = 20\ngroup = Sales\n"
    "[queue:Sales]\nid = 10\ngroup = Sales\nflow_to = 20\nflow_after_seconds = 60\n"
    "[queue:Support]\nid = 30\ngroup = Support\n"
    "[address:Line 1]\nline_id = 1\naddress_id = 0\ndialable = 2001\n"
    "[address:Line 2]\nline_id = 2\naddress_id = 0\ndialable = 2002\n"
    "[agent:alice]\nid = 1001\npin = 1234\ngroups = Sales, Support\n"
    "[agent:bob]\nid = 1002\ngroups = Sales\n";

static const TCC_GUID sales_guid = { 0, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 1 } };
static const TCC_GUID support_guid = { 0, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 2 } };

static inline struct acd_engine *engine_from(const char *text)
{
    struct acd_config config;
    struct acd_engine *engine;
    char error[256];

    if (acd_config_load_string(text, "test", &config, error, sizeof(error)))
        fail_msg("config: %s", error);
    fake_now = T0;
    assert_int_equal(0, acd_engine_create(&config, fake_clock, NULL, &engine));
    acd_config_free(&config);
    return engine;
}

struct recorded { uint32_t message, param1, param2, param3; };
struct recorder { struct recorded items[512]; size_t count; };

static inline void record(void *user, uint32_t message, uint32_t p1, uint32_t p2, uint32_t p3)
{
    struct recorder *recorder = user;

    if (recorder->count < 512)
        recorder->items[recorder->count++] = (struct recorded){ message, p1, p2, p3 };
}

#endif
