/*
 * acd_day: runs the embedded ACD emulator through a simulated working day and
 * prints agent, session and queue statistics — through the provider interface
 * alone, as the COM objects see it.  Time is the provider's manual clock (its
 * documented test hook), so a day takes a moment and the same seed prints the same.
 *
 * usage: acd_day [--config FILE] [--seed N] [--hours H]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acd_provider.h"

#define DAY_START 1767254400   /* 2026-01-01 08:00 UTC */
#define DAY_PERIOD 86400
#define MAX_AGENTS 64
#define MAX_SESSIONS 256

static const struct tcc_provider *provider;
static void *acd;

static void die(const char *what, int32_t result)
{
    fprintf(stderr, "acd_day: %s failed: LINEERR 0x%08x\n", what, (unsigned)result);
    exit(1);
}

/* A UTF-16 string inside a filled structure, as printable text (ASCII shown,
 * other characters as '?'). */
static const char *text_at(const void *base, uint32_t size, uint32_t offset, char *out, size_t out_size)
{
    const uint8_t *bytes = (const uint8_t *)base + offset;
    size_t i, units = size / 2;

    for (i = 0; i + 1 < units && i + 1 < out_size; i++)
    {
        uint16_t unit = (uint16_t)(bytes[2 * i] | bytes[2 * i + 1] << 8);
        out[i] = unit < 0x80 ? (char)unit : '?';
    }
    out[i] = 0;
    return out;
}


static void *get_list(int32_t (*fetch)(void *, void *, const void *), const void *argument, const char *what)
{
    uint32_t size = 64;
    void *list = NULL;

    for (;;)
    {
        uint32_t needed;
        int32_t result;

        list = realloc(list, size);
        memset(list, 0, size);
        memcpy(list, &size, sizeof(size));
        if ((result = fetch(acd, list, argument)))
            die(what, result);
        memcpy(&needed, (uint8_t *)list + 4, sizeof(needed));
        if (needed <= size)
            return list;
        size = needed;
    }
}

static int32_t fetch_groups(void *context, void *list, const void *argument)
{
    return provider->get_group_list(context, list);
}

static int32_t fetch_addresses(void *context, void *list, const void *argument)
{
    return provider->get_address_list(context, list);
}

static int32_t fetch_queues(void *context, void *list, const void *argument)
{
    return provider->get_queue_list(context, argument, list);
}

static void set_queue_periods(TCC_LINEAGENTGROUPLIST *groups)
{
    for (uint32_t g = 0; g < groups->dwNumEntries; g++)
    {
        TCC_LINEAGENTGROUPENTRY group;
        TCC_LINEQUEUELIST *queues;
        int32_t result;

        memcpy(&group, (uint8_t *)groups + groups->dwListOffset + g * sizeof(group), sizeof(group));
        queues = get_list(fetch_queues, &group.GroupID, "get_queue_list");
        for (uint32_t q = 0; q < queues->dwNumEntries; q++)
        {
            TCC_LINEQUEUEENTRY entry;

            memcpy(&entry, (uint8_t *)queues + queues->dwListOffset + q * sizeof(entry), sizeof(entry));
            if ((result = provider->set_queue_measurement_period(acd, entry.dwQueueID, DAY_PERIOD)))
                die("set_queue_measurement_period", result);
        }
        free(queues);
    }
}

static const char *minutes(uint32_t seconds, char *out)
{
    sprintf(out, "%u:%02u", seconds / 60, seconds % 60);
    return out;
}

static const char *session_state(uint32_t state)
{
    switch (state)
    {
    case TCC_LINEAGENTSESSIONSTATE_NOTREADY: return "not ready";
    case TCC_LINEAGENTSESSIONSTATE_READY: return "ready";
    case TCC_LINEAGENTSESSIONSTATE_BUSYONCALL: return "on call";
    case TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP: return "wrap-up";
    case TCC_LINEAGENTSESSIONSTATE_ENDED: return "ended";
    default: return "?";
    }
}

static const char *agent_state(uint32_t state)
{
    switch (state)
    {
    case TCC_LINEAGENTSTATEEX_NOTREADY: return "not ready";
    case TCC_LINEAGENTSTATEEX_READY: return "ready";
    case TCC_LINEAGENTSTATEEX_BUSYACD: return "ACD call";
    case TCC_LINEAGENTSTATEEX_BUSYINCOMING: return "incoming";
    case TCC_LINEAGENTSTATEEX_BUSYOUTGOING: return "outgoing";
    default: return "?";
    }
}

int main(int argc, char **argv)
{
    const char *config_file = NULL, *seed = "7";
    int hours = 8;
    char settings[1024], error[512], name[128], a[16], b[16], c[16];
    TCC_LINEAGENTGROUPLIST *groups;
    TCC_ADDRESSLIST *addresses;
    tcc_hagent agents[MAX_AGENTS];
    tcc_hagentsession sessions[MAX_SESSIONS];
    size_t agent_count = 0, session_count = 0;
    int32_t result;

    for (int i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--config") && i + 1 < argc)
            config_file = argv[++i];
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = argv[++i];
        else if (!strcmp(argv[i], "--hours") && i + 1 < argc && atoi(argv[i + 1]) > 0)
            hours = atoi(argv[++i]);
        else
        {
            fprintf(stderr, "usage: acd_day [--config FILE] [--seed N] [--hours H]\n");
            return 2;
        }
    }

    provider = &tcc_acd_provider;
    snprintf(settings, sizeof(settings), "clock=manual;start=%d;seed=%s;simulate=yes%s%s", DAY_START, seed,
             config_file ? ";file=" : "", config_file ? config_file : "");
    if ((result = provider->open(settings, &acd, error, sizeof(error))))
    {
        fprintf(stderr, "acd_day: %s\n", error);
        return 1;
    }

    groups = get_list(fetch_groups, NULL, "get_group_list");
    addresses = get_list(fetch_addresses, NULL, "get_address_list");
    printf("ACD emulator, seed %s: %u groups, %u addresses; one agent per address, logged into every group\n",
           seed, groups->dwNumEntries, addresses->dwNumEntries);

    /* One agent per address (operating-system login: no ID), a session per group. */
    for (uint32_t i = 0; i < addresses->dwNumEntries && agent_count < MAX_AGENTS; i++)
    {
        TCC_ADDRESSENTRY address;
        tcc_wchar user[16];
        char user8[16];

        memcpy(&address, (uint8_t *)addresses + addresses->dwListOffset + i * sizeof(address), sizeof(address));
        snprintf(user8, sizeof(user8), "agent%u", i + 1);
        for (size_t k = 0; k <= strlen(user8); k++)
            user[k] = (tcc_wchar)user8[k];
        if ((result = provider->create_agent(acd, NULL, NULL, user, &agents[agent_count])))
            die("create_agent", result);
        /* The whole day in one measurement period, rather than the current hour. */
        if ((result = provider->set_agent_measurement_period(acd, agents[agent_count], DAY_PERIOD)))
            die("set_agent_measurement_period", result);
        for (uint32_t g = 0; g < groups->dwNumEntries && session_count < MAX_SESSIONS; g++)
        {
            TCC_LINEAGENTGROUPENTRY group;

            memcpy(&group, (uint8_t *)groups + groups->dwListOffset + g * sizeof(group), sizeof(group));
            if ((result = provider->create_agent_session(acd, agents[agent_count], NULL, address.dwLineID,
                                                         address.dwAddressID, (const TCC_GUID *)&group.GroupID,
                                                         &sessions[session_count])))
                die("create_agent_session", result);
            if ((result = provider->set_agent_session_state(acd, sessions[session_count],
                                                            TCC_LINEAGENTSESSIONSTATE_READY, 0)))
                die("set_agent_session_state", result);
            session_count++;
        }
        agent_count++;
    }

    set_queue_periods(groups);
    for (int hour = 1; hour <= hours; hour++)
    {
        TCC_LINEAGENTINFO info = { .dwTotalSize = sizeof(info) };
        uint32_t calls = 0, talk = 0;

        tcc_acd_control_set_time(provider, acd, DAY_START + hour * 3600);
        for (size_t i = 0; i < agent_count; i++)
            if (!provider->get_agent_info(acd, agents[i], &info))
            {
                calls += info.dwNumberOfACDCalls;
                talk += info.dwTotalACDTalkTime;
            }
        printf("  %02d:00  %4u ACD calls answered so far, %3u hours of talk\n", (8 + hour) % 24, calls,
               talk / 3600);
    }

    printf("\nAgents (measurement period: the day; times in minutes:seconds)\n");
    printf("  %-8s %-9s %6s %9s %9s %9s %10s\n", "agent", "state", "calls", "talk", "wrap-up", "call", "calls/hour");
    for (size_t i = 0; i < agent_count; i++)
    {
        TCC_LINEAGENTINFO info = { .dwTotalSize = sizeof(info) };

        if ((result = provider->get_agent_info(acd, agents[i], &info)))
            die("get_agent_info", result);
        printf("  agent%-3zu %-9s %6u %9s %9s %9s %10.2f\n", i + 1, agent_state(info.dwAgentState), info.dwNumberOfACDCalls,
               minutes(info.dwTotalACDTalkTime, a), minutes(info.dwTotalACDWrapUpTime, b),
               minutes(info.dwTotalACDCallTime, c), info.cyOverallCallRate / 10000.0);
    }

    printf("\nSessions (whole session)\n");
    printf("  %-8s %-8s %-9s %6s %9s %9s %9s %10s %9s\n", "session", "agent", "state", "calls", "avg talk",
           "avg wrap", "longest", "calls/hour", "avg wait");
    for (size_t i = 0; i < session_count; i++)
    {
        TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };

        if ((result = provider->get_agent_session_info(acd, sessions[i], &info)))
            die("get_agent_session_info", result);
        printf("  %-8u agent%-3zu %-9s %6u %9s %9s %9s %10.2f %9s\n", sessions[i],
               i / groups->dwNumEntries + 1, session_state(info.dwAgentSessionState), info.dwNumberOfCalls,
               minutes(info.dwAverageTalkTime, a), minutes(info.dwAverageWrapUpTime, b),
               minutes(info.dwLongestTimeToAnswer, c), info.cyACDCallRate / 10000.0,
               minutes(info.dwAverageTimeToAnswer, name));
    }

    printf("\nQueues (measurement period: the day)\n");
    printf("  %-16s %7s %7s %9s %8s %8s %8s %8s %6s\n", "queue", "queued", "waiting", "abandoned", "flow in",
           "flow out", "longest", "average", "final");
    for (uint32_t g = 0; g < groups->dwNumEntries; g++)
    {
        TCC_LINEAGENTGROUPENTRY group;
        TCC_LINEQUEUELIST *queues;

        memcpy(&group, (uint8_t *)groups + groups->dwListOffset + g * sizeof(group), sizeof(group));
        queues = get_list(fetch_queues, &group.GroupID, "get_queue_list");
        for (uint32_t q = 0; q < queues->dwNumEntries; q++)
        {
            TCC_LINEQUEUEENTRY entry;
            TCC_LINEQUEUEINFO info = { .dwTotalSize = sizeof(info) };

            memcpy(&entry, (uint8_t *)queues + queues->dwListOffset + q * sizeof(entry), sizeof(entry));
            if ((result = provider->get_queue_info(acd, entry.dwQueueID, &info)))
                die("get_queue_info", result);
            printf("  %-16s %7u %7u %9u %8u %8u %8s %8s %6u\n",
                   text_at(queues, entry.dwNameSize, entry.dwNameOffset, name, sizeof(name)),
                   info.dwTotalCallsQueued, info.dwCurrentCallsQueued, info.dwTotalCallsAbandoned,
                   info.dwTotalCallsFlowedIn, info.dwTotalCallsFlowedOut, minutes(info.dwLongestEverWaitTime, a),
                   minutes(info.dwAverageWaitTime, b), info.dwFinalDisposition);
        }
        free(queues);
    }

    free(groups);
    free(addresses);
    provider->close(acd);
    return 0;
}
