/*
 * Test hooks, exported by name for tests and benchmarks only (README, "Test hooks"):
 * they reach the embedded emulator behind an agent handler, to move its manual
 * clock (configuration "clock=manual") and to make an ACD call arrive with exact
 * durations.  A handler of another provider gets E_INVALIDARG.
 */
#include "../com/provider_calls.h"
#include "../com/events.h"

#include "acd_provider.h"

enum hook { SET_TIME, INJECT_CALL };

static HRESULT run_hook(IUnknown *object, enum hook hook, LONGLONG time, DWORD queue_id, DWORD talk, DWORD wrapup,
                        DWORD patience)
{
    struct tcc_provider_call call;
    struct tcc_handler *handler;
    ITAgentHandler *iface;
    int32_t result = 0;
    HRESULT hr;

    if (!object || FAILED(IUnknown_QueryInterface(object, &IID_ITAgentHandler, (void **)&iface)))
        return E_INVALIDARG;
    if (!(handler = tcc__handler_from_iface(iface)) || tcc__handler_provider(handler) != &tcc_acd_provider)
        hr = E_INVALIDARG;
    else if (SUCCEEDED(hr = tcc__provider_enter(handler, &IID_ITAgentHandler, L"test hook", &call)))
    {
        if (hook == SET_TIME)
            tcc_acd_provider_set_time(call.context, time);
        else
            result = tcc_acd_provider_inject_call(call.context, queue_id, talk, wrapup, patience);
        tcc__provider_leave(&call);
        tcc__handler_changed(handler);
        if (result)
            hr = (HRESULT)result;
    }
    ITAgentHandler_Release(iface);
    return hr;
}

/* A status message as if the provider had sent it (any provider): for the events
 * the emulator never raises, such as a new queue or a removed group. */
HRESULT WINAPI tcc_test_provider_status(IUnknown *object, DWORD message, DWORD param1, DWORD param2, DWORD param3)
{
    struct tcc_handler *handler;
    ITAgentHandler *iface;

    if (!object || FAILED(IUnknown_QueryInterface(object, &IID_ITAgentHandler, (void **)&iface)))
        return E_INVALIDARG;
    if ((handler = tcc__handler_from_iface(iface)))
        tcc__handler_inject_status(handler, message, param1, param2, param3);
    ITAgentHandler_Release(iface);
    return handler ? S_OK : E_INVALIDARG;
}

HRESULT WINAPI tcc_test_acd_set_time(IUnknown *handler, LONGLONG unix_time)
{
    return run_hook(handler, SET_TIME, unix_time, 0, 0, 0, 0);
}

HRESULT WINAPI tcc_test_acd_inject_call(IUnknown *handler, DWORD queue_id, DWORD talk, DWORD wrapup, DWORD patience)
{
    return run_hook(handler, INJECT_CALL, 0, queue_id, talk, wrapup, patience);
}
