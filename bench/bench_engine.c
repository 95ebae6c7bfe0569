/*
 * The ACD emulator's benchmarks (native build, no sanitizers: the bench-native
 * preset).  Each figure beside a baseline measured in the same run.
 *
 *   bench_engine [--json FILE] [--quick]
 *
 *   - simulated calls processed per second of wall time, over a simulated day of a
 *     busy center, beside session statistics queries per second;
 *   - heap bytes per agent session at 100,000 sessions (glibc's mallinfo2), beside the
 *     size of the LINEAGENTSESSIONINFO one session reports.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acd_engine.h"
#include "bench_results.h"

static int64_t fake_now = 1767254400;

static int64_t fake_clock(void *user)
{
    return fake_now;
}

/* A busy center: 3 groups, 6 queues, 120 agents, about 1,800 calls an hour. */
static char *busy_topology(void)
{
    size_t size = 64 * 1024, used = 0;
    char *text = malloc(size);

    used += snprintf(text + used, size - used, "[system]\nname = bench\nseed = 7\nsimulate = yes\nstart = %lld\n",
                     (long long)fake_now);
    for (int g = 0; g < 3; g++)
        used += snprintf(text + used, size - used, "[group:G%d]\nguid = {00000000-0000-0000-0000-00000000000%d}\n",
                         g, g + 1);
    for (int q = 0; q < 6; q++)
        used += snprintf(text + used, size - used,
                         "[queue:Q%d]\nid = %d\ngroup = G%d\ncalls_per_hour = 300\ntalk_seconds = 120\n"
                         "wrapup_seconds = 20\npatience_seconds = 200\n", q, q + 1, q % 3);
    for (int a = 0; a < 40; a++)
        used += snprintf(text + used, size - used, "[address:A%d]\nline_id = %d\naddress_id = 0\n", a, a);
    return text;
}

int main(int argc, char **argv)
{
    const char *json = NULL;
    int quick = 0;
    struct acd_config config;
    struct acd_engine *engine;
    struct acd_engine_totals totals;
    struct acd_session_info info;
    char error[256], *topology;
    uint32_t agent, *sessions, ready[120];
    double start, elapsed, queries;
    long session_count;

    for (int i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            quick = 1;
    }
    session_count = quick ? 10000 : 100000;
    printf("tapi3cc emulator benchmarks%s\n", quick ? " (quick)" : "");
    topology = busy_topology();
    if (acd_config_load_string(topology, "bench", &config, error, sizeof(error)))
    {
        fprintf(stderr, "bench_engine: %s\n", error);
        return 1;
    }
    acd_engine_create(&config, fake_clock, NULL, &engine);
    acd_config_free(&config);

    /* 120 agents, each ready in one group on one of 40 lines. */
    for (int a = 0; a < 120; a++)
    {
        TCC_GUID group = { 0 };
        uint32_t session;
        char user[16];

        group.Data4[7] = (unsigned char)(a % 3 + 1);
        snprintf(user, sizeof(user), "agent%d", a);
        acd_create_agent(engine, NULL, NULL, user, &agent);
        acd_create_session(engine, agent, NULL, (uint32_t)(a % 40), 0, &group, &session);
        acd_set_session_state(engine, session, TCC_LINEAGENTSESSIONSTATE_READY, 0);
        ready[a] = session;
    }

    /* Baseline: session statistics queries per second, at the start of the day. */
    start = bench_seconds();
    queries = 0;
    while (bench_seconds() - start < 0.3)
        for (int i = 0; i < 1000; i++, queries++)
            if (acd_get_session_info(engine, ready[i % 120], &info))
                return 1;
    queries /= bench_seconds() - start;

    /* A simulated day, a minute at a time. */
    start = bench_seconds();
    for (int minute = 0; minute < (quick ? 6 : 24) * 60; minute++)
    {
        fake_now += 60;
        acd_engine_poll(engine);
    }
    elapsed = bench_seconds() - start;
    acd_engine_totals(engine, &totals);
    bench_record("simulated ACD calls processed per second", (double)totals.completed / elapsed, "calls/s",
           "session statistics queries", queries);
    printf("    (%llu calls arrived, %llu answered, %llu abandoned in %.0f simulated hours, %.3f s)\n",
           (unsigned long long)totals.arrived, (unsigned long long)totals.answered,
           (unsigned long long)totals.abandoned, quick ? 6.0 : 24.0, elapsed);
    acd_engine_destroy(engine);

    /* Memory: one agent, many sessions, in a quiet center. */
    {
        static const char quiet[] =
            "[system]\nsimulate = no\n[group:G]\nguid = {00000000-0000-0000-0000-000000000001}\n"
            "[address:A]\nline_id = 0\n";
        TCC_GUID group = { 0 };
        struct mallinfo2 before, after;

        group.Data4[7] = 1;
        acd_config_load_string(quiet, "quiet", &config, error, sizeof(error));
        acd_engine_create(&config, fake_clock, NULL, &engine);
        acd_config_free(&config);
        acd_create_agent(engine, NULL, NULL, "many", &agent);
        sessions = malloc(session_count * sizeof(*sessions));
        before = mallinfo2();
        for (long i = 0; i < session_count; i++)
            acd_create_session(engine, agent, NULL, 0, 0, &group, &sessions[i]);
        after = mallinfo2();
        /* Large blocks come from mmap (hblkhd), the rest from the heap (uordblks). */
        bench_record("heap per agent session in the engine",
               (double)((after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd)) / session_count,
               "bytes", "LINEAGENTSESSIONINFO", (double)sizeof(TCC_LINEAGENTSESSIONINFO));
        free(sessions);
        acd_engine_destroy(engine);
    }
    free(topology);

    if (json && bench_write_json(json, quick, NULL))
    {
        fprintf(stderr, "bench_engine: cannot write %s\n", json);
        return 1;
    }
    return 0;
}
