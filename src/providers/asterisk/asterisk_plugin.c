/*
 * tapi3cc_asterisk.dll: the asterisk provider as a plug-in (include/tapi3cc/provider.h,
 * "Plug-ins"), loaded by the name "asterisk"; `regsvr32 tapi3cc_asterisk.dll`
 * registers it under HKLM\Software\tapi3cc\Providers\asterisk.
 */
#include <windows.h>

#include "asterisk_provider.h"
#include "plugin_registration.h"

static HMODULE this_module;

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
    {
        this_module = instance;
        DisableThreadLibraryCalls(instance);
    }
    return TRUE;
}

/* For a host that knows contract version 3 (which refuses a newer table): the same
 * table without link_state, error_text and interrupt.  Its LINE_LINEDEVSTATE messages are ones such a host
 * does not know, and ignores. */
static struct tcc_provider version_3_table;

const struct tcc_provider *tcc_provider_entry(int host_version, const struct tcc_host *host)
{
    if (host_version < TCC_PROVIDER_VERSION_3)
        return NULL;    /* it needs control (version 3) for its counters */
    tcc_asterisk_provider_set_host(host);
    if (host_version >= TCC_PROVIDER_VERSION_4)
        return &tcc_asterisk_provider;
    version_3_table = tcc_asterisk_provider;
    version_3_table.version = TCC_PROVIDER_VERSION_3;
    version_3_table.link_state = NULL;
    version_3_table.error_text = NULL;
    version_3_table.interrupt = NULL;
    return &version_3_table;
}

HRESULT WINAPI DllRegisterServer(void)
{
    return tcc_plugin_register(this_module, L"asterisk");
}

HRESULT WINAPI DllUnregisterServer(void)
{
    return tcc_plugin_unregister(this_module, L"asterisk");
}
