/*
 * Plug-in providers: a provider DLL registered under
 * Software\tapi3cc\Providers\NAME (value "Dll"), or tapi3cc_NAME.dll beside
 * tapi3cc.dll, loaded by name, asked for its table through tcc_provider_entry, and
 * checked before any member is called (include/tapi3cc/provider.h says the contract).
 */
#include "plugins.h"

#include "trace.h"

#include <stdio.h>

static void host_trace(const char *provider, const char *line)
{
    if (tcc__trace_on())
        tcc__trace("provider %s: %s", provider ? provider : "?", line ? line : "");
}

static int host_tracing(void)
{
    return tcc__trace_on();
}

static const struct tcc_host host = { TCC_HOST_VERSION_2, host_trace, host_tracing };

/* The registered DLL of `name`: HKCU first, then HKLM. */
static BOOL registered_dll(const WCHAR *name, WCHAR *path, DWORD size)
{
    static const HKEY roots[] = { HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE };
    WCHAR key[300];

    if (_snwprintf(key, ARRAYSIZE(key), L"Software\\tapi3cc\\Providers\\%ls", name) < 0)
        return FALSE;
    key[ARRAYSIZE(key) - 1] = 0;
    for (size_t i = 0; i < ARRAYSIZE(roots); i++)
    {
        DWORD bytes = size * sizeof(WCHAR);

        if (RegGetValueW(roots[i], key, L"Dll", RRF_RT_REG_SZ, NULL, path, &bytes) == ERROR_SUCCESS)
            return TRUE;
    }
    return FALSE;
}

/* With nothing registered: tapi3cc_NAME.dll in tapi3cc.dll's folder, if it is
 * there, so that a registration-free deployment needs no registry for plug-ins. */
static BOOL dll_beside_host(const WCHAR *name, WCHAR *path, DWORD size)
{
    DWORD length = GetModuleFileNameW(tcc__module(), path, size);
    WCHAR *slash;

    if (!length || length >= size || !(slash = wcsrchr(path, L'\\')))
        return FALSE;
    if (_snwprintf(slash + 1, size - (slash + 1 - path), L"tapi3cc_%ls.dll", name) < 0)
        return FALSE;
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

/* The first required member the table lacks, or NULL: every one is called
 * unchecked.  (open may be missing when open_ex, of version 3, is there.) */
static const char *missing_member(const struct tcc_provider *p)
{
    static const struct { size_t offset; const char *name; } members[] =
    {
#define MEMBER(m) { offsetof(struct tcc_provider, m), #m }
        MEMBER(close), MEMBER(set_event_callback), MEMBER(get_agent_caps), MEMBER(create_agent),
        MEMBER(get_agent_info), MEMBER(set_agent_state_ex), MEMBER(set_agent_measurement_period),
        MEMBER(create_agent_session), MEMBER(get_agent_session_list), MEMBER(get_agent_session_info),
        MEMBER(set_agent_session_state), MEMBER(get_group_list), MEMBER(get_queue_list), MEMBER(get_queue_info),
        MEMBER(set_queue_measurement_period), MEMBER(get_address_list),
#undef MEMBER
    };

    if (!p->name || !*p->name)
        return "name";
    if (!p->open && !(p->version >= TCC_PROVIDER_VERSION_3 && p->open_ex))
        return "open";
    for (size_t i = 0; i < ARRAYSIZE(members); i++)
        if (!*(void **)((const BYTE *)p + members[i].offset))
            return members[i].name;
    return NULL;
}

HRESULT tcc__plugin_load(const char *name, struct tcc_plugin *plugin, WCHAR *error, size_t error_size)
{
    WCHAR wide_name[128], path[MAX_PATH];
    tcc_provider_entry_fn entry;
    const struct tcc_provider *provider;
    const char *missing;

    plugin->module = NULL;
    plugin->provider = NULL;
    if (!MultiByteToWideChar(CP_UTF8, 0, name, -1, wide_name, ARRAYSIZE(wide_name)) ||
        (!registered_dll(wide_name, path, ARRAYSIZE(path)) && !dll_beside_host(wide_name, path, ARRAYSIZE(path))))
        return S_FALSE;     /* not registered: the caller says so */
    if (!(plugin->module = LoadLibraryW(path)))
    {
        DWORD code = GetLastError();

        _snwprintf(error, error_size, L"its DLL %ls could not be loaded (error %lu)", path, code);
        error[error_size - 1] = 0;
        return HRESULT_FROM_WIN32(code);
    }
    if (!(entry = (tcc_provider_entry_fn)(void *)GetProcAddress(plugin->module, TCC_PROVIDER_ENTRY)))
        _snwprintf(error, error_size, L"%ls does not export " TCC_PROVIDER_ENTRY, path);
    else if (!(provider = entry(TCC_PROVIDER_VERSION, &host)))
        _snwprintf(error, error_size, L"%ls returned no provider table", path);
    else if (provider->version > TCC_PROVIDER_VERSION)
        _snwprintf(error, error_size, L"%ls asks for provider contract version %d; this tapi3cc knows up to %d",
                   path, provider->version, TCC_PROVIDER_VERSION);
    else if (provider->version < TCC_PROVIDER_VERSION_1)
        _snwprintf(error, error_size, L"%ls returned a malformed table: version %d", path, provider->version);
    else if ((missing = missing_member(provider)))
        _snwprintf(error, error_size, L"%ls returned a malformed table: member '%hs' is missing", path, missing);
    else
    {
        plugin->provider = provider;
        if (tcc__trace_on())
            tcc__trace("plug-in '%s' loaded from %ls (contract version %d)", name, path, provider->version);
        return S_OK;
    }
    error[error_size - 1] = 0;
    if (tcc__trace_on())
        tcc__trace("plug-in '%s' refused: %ls", name, error);
    FreeLibrary(plugin->module);
    plugin->module = NULL;
    return E_INVALIDARG;
}
