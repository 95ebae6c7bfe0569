/*
 * The ACD emulator's topology and simulator settings, and their INI file format.
 *
 *   [system]                    name, guid, seed, measurement_period (seconds, > 0),
 *                               simulate (yes/no), start (Unix time, default: now)
 *   [group:<name>]              guid
 *   [queue:<name>]              id, group, calls_per_hour, talk_seconds,
 *                               wrapup_seconds, patience_seconds,
 *                               flow_to (queue id), flow_after_seconds
 *   [address:<name>]            line_id, address_id, dialable
 *   [agent:<user name>]         id, pin, groups (comma-separated group names; default all)
 *
 * A group must be defined before a queue or agent names it, and a queue before
 * another flows to it.  Every error names the file, the line and the problem, and
 * nothing half-parsed is ever returned.  Portable C: no Windows headers.
 */
#ifndef TAPI3CC_ACD_CONFIG_H
#define TAPI3CC_ACD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tapi3cc/tapi2.h"

#define ACD_NAME_SIZE 64

struct acd_group_config
{
    char name[ACD_NAME_SIZE];
    TCC_GUID guid;
};

struct acd_queue_config
{
    char name[ACD_NAME_SIZE];
    uint32_t id;
    size_t group;               /* index into groups */
    double calls_per_hour;      /* simulator arrival rate; 0: no simulated traffic */
    double talk_seconds;        /* means of the exponential distributions */
    double wrapup_seconds;
    double patience_seconds;
    bool flows;                 /* unanswered calls move on after flow_after_seconds */
    uint32_t flow_to;           /* queue id */
    uint32_t flow_after_seconds;
};

struct acd_address_config
{
    char name[ACD_NAME_SIZE];
    uint32_t line_id;
    uint32_t address_id;
    char dialable[ACD_NAME_SIZE];
};

struct acd_agent_config
{
    char user[ACD_NAME_SIZE];
    char id[ACD_NAME_SIZE];
    char pin[ACD_NAME_SIZE];    /* "" when the agent has no PIN */
    uint64_t groups;            /* bit i: may log into groups[i]; all bits when unrestricted */
};

#define ACD_MAX_GROUPS 64

struct acd_config
{
    char name[ACD_NAME_SIZE];
    TCC_GUID guid;
    uint64_t seed;
    uint32_t measurement_period;
    bool simulate;
    bool has_start;
    int64_t start;

    struct acd_group_config *groups;
    size_t group_count;
    struct acd_queue_config *queues;
    size_t queue_count;
    struct acd_address_config *addresses;
    size_t address_count;
    struct acd_agent_config *agents;
    size_t agent_count;
};

/* Parse an INI file / an INI text (`origin` names it in errors).  Return 0, or -1
 * with "origin:line: problem" in `error`; on failure *config is left empty. */
int acd_config_load_file(const char *path, struct acd_config *config, char *error, size_t error_size);
int acd_config_load_string(const char *text, const char *origin, struct acd_config *config,
                           char *error, size_t error_size);

/* The built-in demo topology, used when no file is given. */
extern const char acd_demo_topology[];

void acd_config_free(struct acd_config *config);

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" (braces optional) -> GUID; 0 or -1. */
int acd_parse_guid(const char *text, TCC_GUID *guid);
bool acd_guid_equal(const TCC_GUID *a, const TCC_GUID *b);

#endif
