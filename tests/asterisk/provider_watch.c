/*
 * The status messages a provider raised (see provider_watch.h).
 */
#include "provider_watch.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

#define STEP_MS 20

struct status
{
    uint32_t message, param1, param2, param3;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct status seen[2048];
static size_t count;

void watch_record(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    pthread_mutex_lock(&lock);
    if (count < sizeof(seen) / sizeof(*seen))
        seen[count++] = (struct status){ message, param1, param2, param3 };
    pthread_mutex_unlock(&lock);
}

size_t watch_count(void)
{
    size_t now;

    pthread_mutex_lock(&lock);
    now = count;
    pthread_mutex_unlock(&lock);
    return now;
}

static size_t find(size_t from, uint32_t message, uint32_t param1, uint32_t bits, uint32_t param3)
{
    size_t found = 0;

    pthread_mutex_lock(&lock);
    for (size_t i = from; i < count && !found; i++)
        if (seen[i].message == message && (param1 == WATCH_ANY || seen[i].param1 == param1) &&
            (bits == WATCH_ANY || (seen[i].param2 & bits)) && (param3 == WATCH_ANY || seen[i].param3 == param3))
            found = i + 1;
    pthread_mutex_unlock(&lock);
    return found;
}

size_t watch_wait(const struct tcc_provider *provider, void *context, size_t from, uint32_t message, uint32_t param1,
                  uint32_t bits, uint32_t param3, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += STEP_MS)
    {
        size_t found = find(from, message, param1, bits, param3);

        if (found)
            return found;
        if (provider->poll)
            provider->poll(context);
        usleep(STEP_MS * 1000);
    }
    return 0;
}

size_t watch_session_state(const struct tcc_provider *provider, void *context, size_t from, uint32_t session,
                           uint32_t state)
{
    size_t found = watch_wait(provider, context, from, TCC_LINE_AGENTSESSIONSTATUS, session, WATCH_ANY, state, 15000);

    if (!found)
        fail_msg("session %u never reached state 0x%x", session, state);
    return found;
}

void watch_poll_state(const struct tcc_provider *provider, void *context, uint32_t first, uint32_t second,
                      uint32_t state)
{
    TCC_LINEAGENTSESSIONINFO info = { .dwTotalSize = sizeof(info) };

    for (int waited = 0; waited < 10000; waited += STEP_MS)
    {
        provider->poll(context);
        assert_int_equal(0, provider->get_agent_session_info(context, first, &info));
        if (info.dwAgentSessionState == state)
            return;
        if (second)
        {
            assert_int_equal(0, provider->get_agent_session_info(context, second, &info));
            if (info.dwAgentSessionState == state)
                return;
        }
        usleep(STEP_MS * 1000);
    }
    fail_msg("neither session %u nor %u showed state 0x%x", first, second, state);
}
