/*
 * ITapi3ccProviderControl on the agent handler (idl/tcc_control.idl): the provider's
 * own control operations (provider.h, member `control`), for C clients such as
 * tests.  A provider without `control` answers LINEERR_OPERATIONUNAVAIL.
 */
#include "handler_private.h"

static const WCHAR control_member[] = L"ITapi3ccProviderControl::Control";

static inline struct tcc_handler *impl_from_control(ITapi3ccProviderControl *iface)
{
    return CONTAINING_RECORD(iface, struct tcc_handler, ITapi3ccProviderControl_iface);
}

static HRESULT WINAPI control_QueryInterface(ITapi3ccProviderControl *iface, REFIID riid, void **out)
{
    return ITAgentHandler_QueryInterface(&impl_from_control(iface)->ITAgentHandler_iface, riid, out);
}

static ULONG WINAPI control_AddRef(ITapi3ccProviderControl *iface)
{
    return ITAgentHandler_AddRef(&impl_from_control(iface)->ITAgentHandler_iface);
}

static ULONG WINAPI control_Release(ITapi3ccProviderControl *iface)
{
    return ITAgentHandler_Release(&impl_from_control(iface)->ITAgentHandler_iface);
}

static int32_t run_control(const struct tcc_provider *provider, void *context, DWORD operation, void *argument,
                           DWORD argument_size)
{
    if (provider->version < TCC_PROVIDER_VERSION_3 || !provider->control)
        return TCC_LINEERR_OPERATIONUNAVAIL;
    return provider->control(context, operation, argument, argument_size);
}

static HRESULT WINAPI control_Control(ITapi3ccProviderControl *iface, DWORD operation, void *argument,
                                      DWORD argument_size)
{
    struct tcc_handler *handler = impl_from_control(iface);
    struct tcc_provider_call call;
    HRESULT hr;

    if (!argument && argument_size)
        return tcc__error(E_POINTER, &IID_ITapi3ccProviderControl, L"%ls: the argument is NULL but its size is %lu.",
                          control_member, (unsigned long)argument_size);
    TCC_PROVIDER_CALL(handler, &IID_ITapi3ccProviderControl, control_member, call,
                      run_control(call.provider, call.context, operation, argument, argument_size), hr);
    /* An operation may change anything the provider reports. */
    tcc__handler_changed(handler);
    return hr;
}

const ITapi3ccProviderControlVtbl tcc__handler_control_vtbl =
{
    control_QueryInterface,
    control_AddRef,
    control_Release,
    control_Control,
};
