/*
 * A C client written the way the TAPI 3 documentation walks through the call-center
 * objects, compiled against MinGW's own <tapi3.h> (never tapi3cc's header), run
 * against tapi3cc registered drop-in, so that CoCreateInstance(CLSID_TAPI) finds it:
 *
 *   CoCreateInstance -> Initialize -> put_EventFilter -> QueryInterface
 *   ITTAPICallCenter -> EnumerateAgentHandlers -> CreateAgentWithID ->
 *   EnumerateACDGroups / EnumerateUsableAddresses -> CreateSessionWithPIN ->
 *   put_State -> statistics -> EnumerateAgentSessions -> Shutdown
 *
 * The emulator runs on a manual clock; its control operations (README, "Test
 * hooks"), reached through the handler's ITapi3ccProviderControl, move it and make
 * calls arrive, so every statistic is checked exactly.
 */
#define COBJMACROS
#include <windows.h>
#include <tapi3.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "tcc_control.h"
#include "tapi3cc/acd_control.h"

#define T0 1767254400LL

#define assert_hr(expected, actual) \
    do \
    { \
        HRESULT hr_ = (actual); \
        if (hr_ != (HRESULT)(expected)) \
            fail_msg("%s returned 0x%08lx, expected 0x%08lx", #actual, (unsigned long)hr_, \
                     (unsigned long)(expected)); \
    } while (0)

static HMODULE dll;

static FARPROC export_of(const char *name)
{
    FARPROC proc = GetProcAddress(dll, name);

    if (!proc)
        fail_msg("tapi3cc.dll does not export %s", name);
    return proc;
}

static int setup(void **state)
{
    HRESULT (WINAPI *install)(BOOL, const WCHAR *);

    if (!(dll = LoadLibraryW(L"tapi3cc.dll")))
        return -1;
    install = (void *)export_of("DllInstall");
    if (FAILED(install(TRUE, L"dropin")))
        return -1;
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", L"acd:clock=manual;start=1767254400;simulate=no");
    return FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED));
}

static int teardown(void **state)
{
    HRESULT (WINAPI *install)(BOOL, const WCHAR *) = (void *)export_of("DllInstall");
    HRESULT (WINAPI *can_unload)(void) = (void *)export_of("DllCanUnloadNow");
    int failed = 0;

    if (can_unload() != S_OK)
    {
        print_error("DllCanUnloadNow is not S_OK at the end: an object was leaked\n");
        failed = -1;
    }
    CoUninitialize();
    if (FAILED(install(FALSE, L"dropin")))
        failed = -1;
    FreeLibrary(dll);
    return failed;
}

static void control(ITAgentHandler *handler, DWORD operation, void *argument, DWORD size)
{
    ITapi3ccProviderControl *provider_control;

    assert_hr(S_OK, ITAgentHandler_QueryInterface(handler, &IID_ITapi3ccProviderControl, (void **)&provider_control));
    assert_hr(S_OK, ITapi3ccProviderControl_Control(provider_control, operation, argument, size));
    ITapi3ccProviderControl_Release(provider_control);
}

static void set_time(ITAgentHandler *handler, LONGLONG t)
{
    struct tcc_acd_set_time argument = { t };
    control(handler, TCC_ACD_CONTROL_SET_TIME, &argument, sizeof(argument));
}

static void inject_call(ITAgentHandler *handler, DWORD queue, DWORD talk, DWORD wrapup)
{
    struct tcc_acd_inject_call argument = { queue, talk, wrapup, 0 };
    control(handler, TCC_ACD_CONTROL_INJECT_CALL, &argument, sizeof(argument));
}

/* The group whose name is `name`, from EnumerateACDGroups. */
static ITACDGroup *find_group(ITAgentHandler *handler, const WCHAR *name)
{
    IEnumACDGroup *groups;
    ITACDGroup *group, *found = NULL;

    assert_hr(S_OK, ITAgentHandler_EnumerateACDGroups(handler, &groups));
    while (!found && IEnumACDGroup_Next(groups, 1, &group, NULL) == S_OK)
    {
        BSTR group_name;

        assert_hr(S_OK, ITACDGroup_get_Name(group, &group_name));
        if (!wcscmp(group_name, name))
            found = group;
        else
            ITACDGroup_Release(group);
        SysFreeString(group_name);
    }
    IEnumACDGroup_Release(groups);
    assert_non_null(found);
    return found;
}

static void test_documented_walk(void **state)
{
    ITTAPI *tapi;
    ITTAPICallCenter *center;
    IEnumAgentHandler *handlers;
    ITAgentHandler *handler;
    IEnumAddress *addresses;
    ITAddress *address;
    ITACDGroup *sales;
    ITAgent *agent;
    ITAgentSession *session, *listed;
    IEnumAgentSession *sessions;
    AGENT_SESSION_STATE session_state;
    AGENT_STATE agent_state;
    BSTR id = SysAllocString(L"1001"), pin = SysAllocString(L"1234"), name;
    LONG value;
    CY rate;

    assert_hr(S_OK, CoCreateInstance(&CLSID_TAPI, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI, (void **)&tapi));
    assert_hr(S_OK, ITTAPI_Initialize(tapi));
    assert_hr(S_OK, ITTAPI_put_EventFilter(tapi, TE_AGENT | TE_AGENTSESSION | TE_ACDGROUP | TE_QUEUE |
                                                 TE_AGENTHANDLER));
    assert_hr(S_OK, ITTAPI_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers));
    assert_hr(S_OK, IEnumAgentHandler_Next(handlers, 1, &handler, NULL));
    IEnumAgentHandler_Release(handlers);
    assert_hr(S_OK, ITAgentHandler_get_Name(handler, &name));
    assert_int_equal(0, wcscmp(L"tapi3cc ACD emulator", name));
    SysFreeString(name);

    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(handler, id, pin, &agent));
    sales = find_group(handler, L"Sales");
    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(handler, &addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, &address, NULL));
    IEnumAddress_Release(addresses);
    assert_hr(S_OK, ITAgent_CreateSessionWithPIN(agent, sales, address, pin, &session));

    /* Ready at T0+20 for a call that has waited since T0; a second at T0+200. */
    inject_call(handler, 1, 100, 30);
    set_time(handler, T0 + 20);
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_BUSY_ON_CALL, session_state);
    assert_hr(S_OK, ITAgent_get_State(agent, &agent_state));
    assert_int_equal(AS_BUSY_ACD, agent_state);
    set_time(handler, T0 + 200);
    inject_call(handler, 1, 50, 10);
    set_time(handler, T0 + 300);

    assert_hr(S_OK, ITAgentSession_get_NumberOfCalls(session, &value));
    assert_int_equal(2, value);
    assert_hr(S_OK, ITAgentSession_get_TotalTalkTime(session, &value));
    assert_int_equal(150, value);
    assert_hr(S_OK, ITAgentSession_get_TotalCallTime(session, &value));
    assert_int_equal(190, value);
    assert_hr(S_OK, ITAgentSession_get_AverageTimeToAnswer(session, &value));
    assert_int_equal(10, value);
    assert_hr(S_OK, ITAgentSession_get_ACDCallRate(session, &rate));
    assert_int_equal(240000, (int)rate.int64);
    assert_hr(S_OK, ITAgent_get_NumberOfACDCalls(agent, &value));
    assert_int_equal(2, value);
    assert_hr(S_OK, ITAgent_get_TotalWrapUpTime(agent, &value));
    assert_int_equal(40, value);

    assert_hr(S_OK, ITAgent_EnumerateAgentSessions(agent, &sessions));
    assert_hr(S_OK, IEnumAgentSession_Next(sessions, 1, &listed, NULL));
    assert_ptr_equal(session, listed);
    ITAgentSession_Release(listed);
    IEnumAgentSession_Release(sessions);

    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    ITAgentSession_Release(session);
    ITAddress_Release(address);
    ITACDGroup_Release(sales);
    ITAgent_Release(agent);
    ITAgentHandler_Release(handler);
    ITTAPICallCenter_Release(center);
    assert_hr(S_OK, ITTAPI_Shutdown(tapi));
    ITTAPI_Release(tapi);
    SysFreeString(id);
    SysFreeString(pin);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_documented_walk),
    };

    return cmocka_run_group_tests_name("documented_client", tests, setup, teardown);
}
