/*
 * A plug-in provider for the tests (tcc_test_plugin.dll): the emulator behind the
 * plug-in contract, with what the tests need to reach the host's edges.
 *
 * The environment variable TCC_TEST_PLUGIN_TABLE chooses what tcc_provider_entry
 * returns: "" (a good version 3 table: open_ex, which checks it is given the table's
 * app data, and control, which forwards the emulator's operations), "v2" (the table
 * a DLL built against the version 2 header returns: open, no control), "too_new"
 * (contract version TCC_PROVIDER_VERSION + 1), "malformed" (get_queue_info missing)
 * or "none" (NULL).  Configuration keys taken
 * before the rest goes to the emulator:
 *   plugin_name_length=N   the handler's name (lineGetAgentCaps) is N characters long
 *   plugin_threaded=1      a new session's NEWSESSION is delivered on another thread
 *                          while the creating thread waits, as a provider with a
 *                          reader thread does; the request then returns 200 ms later
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acd_provider.h"
#include "fill.h"

#define FIELD(type, member) offsetof(type, member)

struct wrapper
{
    void *acd;
    tcc_provider_event_fn callback;
    void *user;
    int name_length;
    int threaded;
    volatile DWORD creating_thread;
};

static const struct tcc_host *host;

struct relayed
{
    struct wrapper *wrapper;
    uint32_t message, param1, param2, param3;
};

static DWORD WINAPI deliver_elsewhere(void *arg)
{
    struct relayed *relayed = arg;

    relayed->wrapper->callback(relayed->wrapper->user, relayed->message, relayed->param1, relayed->param2,
                               relayed->param3);
    return 0;
}

static void relay(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
    struct wrapper *wrapper = user;

    if (!wrapper->callback)
        return;
    if (wrapper->threaded && message == TCC_LINE_AGENTSESSIONSTATUS &&
        (param2 & TCC_LINEAGENTSESSIONSTATUS_NEWSESSION) && GetCurrentThreadId() == wrapper->creating_thread)
    {
        struct relayed relayed = { wrapper, message, param1, param2, param3 };
        HANDLE thread = CreateThread(NULL, 0, deliver_elsewhere, &relayed, 0, NULL);

        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
        return;
    }
    wrapper->callback(wrapper->user, message, param1, param2, param3);
}

/* Takes "key=N;" settings of ours off the front of `config`. */
static const char *own_settings(const char *config, struct wrapper *wrapper)
{
    for (;;)
    {
        int value, used = 0;

        if (sscanf(config, "plugin_name_length=%d%n", &value, &used) == 1 && used)
            wrapper->name_length = value;
        else if (sscanf(config, "plugin_threaded=%d%n", &value, &used) == 1 && used)
            wrapper->threaded = value;
        else
            return config;
        config += used;
        if (*config == ';')
            config++;
    }
}

static const char app_data[] = "the test plug-in's own data";

static int32_t plugin_open(const char *config, void **context, char *error, size_t error_size)
{
    struct wrapper *wrapper = calloc(1, sizeof(*wrapper));
    int32_t result;

    if (!wrapper)
        return TCC_LINEERR_NOMEM;
    config = own_settings(config, wrapper);
    if ((result = tcc_acd_provider.open(config, &wrapper->acd, error, error_size)))
    {
        free(wrapper);
        return result;
    }
    if (host && host->trace)
        host->trace("testplugin", "opened");
    *context = wrapper;
    return 0;
}

static int32_t plugin_open_ex(const struct tcc_provider *self, const char *config, void **context, char *error,
                              size_t error_size)
{
    if (self->app_data != app_data)
    {
        snprintf(error, error_size, "open_ex was not given its own table");
        return TCC_LINEERR_OPERATIONFAILED;
    }
    return plugin_open(config, context, error, error_size);
}

static void plugin_close(void *context)
{
    struct wrapper *wrapper = context;

    tcc_acd_provider.close(wrapper->acd);
    free(wrapper);
}

static void plugin_set_event_callback(void *context, tcc_provider_event_fn callback, void *user)
{
    struct wrapper *wrapper = context;

    wrapper->callback = callback;
    wrapper->user = user;
    tcc_acd_provider.set_event_callback(wrapper->acd, callback ? relay : NULL, callback ? wrapper : NULL);
}

static int32_t plugin_get_agent_caps(void *context, uint32_t address_id, TCC_LINEAGENTCAPS *caps)
{
    struct wrapper *wrapper = context;
    struct tcc_fill fill;
    char *name;

    if (!wrapper->name_length)
        return tcc_acd_provider.get_agent_caps(wrapper->acd, address_id, caps);
    if (!(name = malloc(wrapper->name_length + 1)))
        return TCC_LINEERR_NOMEM;
    memset(name, 'x', wrapper->name_length);
    memcpy(name, "Plug-in ACD", wrapper->name_length < 11 ? wrapper->name_length : 11);
    name[wrapper->name_length] = 0;
    tcc__fill_start(&fill, caps, sizeof(*caps));
    if (fill.fixed_fits)
        tcc__fill_u32(&fill, FIELD(TCC_LINEAGENTCAPS, dwCapsVersion), 0x00020002);
    tcc__fill_string(&fill, FIELD(TCC_LINEAGENTCAPS, dwAgentHandlerInfoSize), name);
    free(name);
    return tcc__fill_finish(&fill);
}

#define FORWARD(member, params, args) \
    static int32_t plugin_##member params \
    { \
        return tcc_acd_provider.member args; \
    }

FORWARD(create_agent, (void *c, const tcc_wchar *id, const tcc_wchar *pin, const tcc_wchar *user, tcc_hagent *agent),
        (((struct wrapper *)c)->acd, id, pin, user, agent))
FORWARD(get_agent_info, (void *c, tcc_hagent agent, TCC_LINEAGENTINFO *info), (((struct wrapper *)c)->acd, agent, info))
FORWARD(set_agent_state_ex, (void *c, tcc_hagent agent, uint32_t state, uint32_t next),
        (((struct wrapper *)c)->acd, agent, state, next))
FORWARD(set_agent_measurement_period, (void *c, tcc_hagent agent, uint32_t period),
        (((struct wrapper *)c)->acd, agent, period))
FORWARD(get_agent_session_list, (void *c, tcc_hagent agent, TCC_LINEAGENTSESSIONLIST *list),
        (((struct wrapper *)c)->acd, agent, list))
FORWARD(get_agent_session_info, (void *c, tcc_hagentsession session, TCC_LINEAGENTSESSIONINFO *info),
        (((struct wrapper *)c)->acd, session, info))
FORWARD(set_agent_session_state, (void *c, tcc_hagentsession session, uint32_t state, uint32_t next),
        (((struct wrapper *)c)->acd, session, state, next))
FORWARD(get_group_list, (void *c, TCC_LINEAGENTGROUPLIST *list), (((struct wrapper *)c)->acd, list))
FORWARD(get_queue_list, (void *c, const TCC_GUID *group, TCC_LINEQUEUELIST *list),
        (((struct wrapper *)c)->acd, group, list))
FORWARD(get_queue_info, (void *c, uint32_t queue, TCC_LINEQUEUEINFO *info), (((struct wrapper *)c)->acd, queue, info))
FORWARD(set_queue_measurement_period, (void *c, uint32_t queue, uint32_t period),
        (((struct wrapper *)c)->acd, queue, period))
FORWARD(get_address_list, (void *c, TCC_ADDRESSLIST *list), (((struct wrapper *)c)->acd, list))

static int32_t plugin_create_agent_session(void *context, tcc_hagent agent, const tcc_wchar *pin, uint32_t line_id,
                                           uint32_t address_id, const TCC_GUID *group, tcc_hagentsession *session)
{
    struct wrapper *wrapper = context;
    int32_t result;

    wrapper->creating_thread = GetCurrentThreadId();
    result = tcc_acd_provider.create_agent_session(wrapper->acd, agent, pin, line_id, address_id, group, session);
    wrapper->creating_thread = 0;
    /* The event went out on another thread; the answer comes late, as over a network. */
    if (wrapper->threaded)
        Sleep(200);
    return result;
}

static void plugin_poll(void *context)
{
    tcc_acd_provider.poll(((struct wrapper *)context)->acd);
}

static int32_t plugin_control(void *context, uint32_t operation, void *argument, uint32_t argument_size)
{
    return tcc_acd_provider.control(((struct wrapper *)context)->acd, operation, argument, argument_size);
}

static struct tcc_provider table =
{
    .version = TCC_PROVIDER_VERSION_3,
    .name = "testplugin",
    .close = plugin_close,
    .set_event_callback = plugin_set_event_callback,
    .get_agent_caps = plugin_get_agent_caps,
    .create_agent = plugin_create_agent,
    .get_agent_info = plugin_get_agent_info,
    .set_agent_state_ex = plugin_set_agent_state_ex,
    .set_agent_measurement_period = plugin_set_agent_measurement_period,
    .create_agent_session = plugin_create_agent_session,
    .get_agent_session_list = plugin_get_agent_session_list,
    .get_agent_session_info = plugin_get_agent_session_info,
    .set_agent_session_state = plugin_set_agent_session_state,
    .get_group_list = plugin_get_group_list,
    .get_queue_list = plugin_get_queue_list,
    .get_queue_info = plugin_get_queue_info,
    .set_queue_measurement_period = plugin_set_queue_measurement_period,
    .get_address_list = plugin_get_address_list,
    .poll = plugin_poll,
    .app_data = (void *)app_data,
    .control = plugin_control,
    .open_ex = plugin_open_ex,
};

__declspec(dllexport) const struct tcc_provider *tcc_provider_entry(int host_version, const struct tcc_host *services)
{
    char choice[32] = "";

    host = services;
    GetEnvironmentVariableA("TCC_TEST_PLUGIN_TABLE", choice, sizeof(choice));
    table.version = TCC_PROVIDER_VERSION_3;
    table.open = NULL;
    table.get_queue_info = plugin_get_queue_info;
    if (!strcmp(choice, "none"))
        return NULL;
    if (!strcmp(choice, "v2"))
    {
        /* What the version 2 header's table holds: members after poll are unknown. */
        table.version = TCC_PROVIDER_VERSION_2;
        table.open = plugin_open;
    }
    else if (!strcmp(choice, "too_new"))
        table.version = host_version + 1;
    else if (!strcmp(choice, "malformed"))
        table.get_queue_info = NULL;
    return &table;
}
