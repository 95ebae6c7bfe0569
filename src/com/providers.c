/*
 * Which providers ITTAPI::Initialize opens, and with which configuration strings:
 *
 *   1. the environment variable TAPI3CC_PROVIDERS, if set;
 *   2. else the string value "Providers" of HKEY_CURRENT_USER\Software\tapi3cc;
 *   3. else the same value of HKEY_LOCAL_MACHINE\Software\tapi3cc (a machine-wide
 *      setting: the MSI's PROVIDERS property writes it, in the client's view);
 *   4. else "acd": the embedded ACD emulator with its demo topology.
 *
 * The value lists providers separated by '|', each as NAME or NAME:CONFIG, e.g.
 *   acd:file=C:\acd\center.ini;seed=7|acd:simulate=no
 * (two emulated ACD systems, two agent handlers).  README: "Choosing providers".
 */
#include "identity.h"
#include "plugins.h"

#include <stdlib.h>
#include <string.h>

/* A configured value (UTF-16) as UTF-8 in a new buffer (HeapFree), or NULL when
 * the conversion fails. */
static char *to_utf8(const WCHAR *value)
{
    int size = WideCharToMultiByte(CP_UTF8, 0, value, -1, NULL, 0, NULL, NULL);
    char *text;

    if (size <= 0 || !(text = HeapAlloc(GetProcessHeap(), 0, size)))
        return NULL;
    if (WideCharToMultiByte(CP_UTF8, 0, value, -1, text, size, NULL, NULL) != size)
    {
        HeapFree(GetProcessHeap(), 0, text);
        return NULL;
    }
    return text;
}

/* The string value "Providers" of hive\Software\tapi3cc (HeapFree), or NULL;
 * `*failed` says it was there but could not be read. */
static WCHAR *registry_value(HKEY hive, BOOL *failed)
{
    WCHAR *value = NULL;
    DWORD bytes = 0;

    if (RegGetValueW(hive, L"Software\\tapi3cc", L"Providers", RRF_RT_REG_SZ, NULL, NULL, &bytes) == ERROR_SUCCESS &&
        (value = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, bytes + sizeof(WCHAR))) &&
        RegGetValueW(hive, L"Software\\tapi3cc", L"Providers", RRF_RT_REG_SZ, NULL, value, &bytes) != ERROR_SUCCESS)
    {
        HeapFree(GetProcessHeap(), 0, value);
        value = NULL;
        *failed = TRUE;
    }
    /* Empty is not set (an installer given no PROVIDERS writes it so). */
    if (value && !value[0])
    {
        HeapFree(GetProcessHeap(), 0, value);
        value = NULL;
    }
    return value;
}

/* The configured value as UTF-8 (HeapFree), of any length; NULL when nothing is
 * configured.  `*failed` says a value was there but could not be read. */
static char *configured_value(BOOL *failed)
{
    WCHAR *value = NULL;
    DWORD length;
    char *text = NULL;

    *failed = FALSE;
    if ((length = GetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", NULL, 0)))
    {
        /* The variable may change between the two calls: read until it fits. */
        while (length && (value = HeapAlloc(GetProcessHeap(), 0, length * sizeof(WCHAR))))
        {
            DWORD got = GetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", value, length);

            if (got < length)
                break;
            HeapFree(GetProcessHeap(), 0, value);
            value = NULL;
            length = got;
        }
        *failed = !value;
    }
    else if (!(value = registry_value(HKEY_CURRENT_USER, failed)) && !*failed)
        value = registry_value(HKEY_LOCAL_MACHINE, failed);
    if (value && !(text = to_utf8(value)))
        *failed = TRUE;
    HeapFree(GetProcessHeap(), 0, value);
    return text;
}

static void trim(char *text)
{
    char *start = text, *end;

    while (*start == ' ' || *start == '\t')
        start++;
    memmove(text, start, strlen(start) + 1);
    end = text + strlen(text);
    while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = 0;
}

HRESULT tcc__open_providers(ITTAPI2 *tapi, struct tcc_events *events, struct tcc_handler ***out, ULONG *out_count)
{
    static const WCHAR member[] = L"ITTAPI::Initialize";
    char default_value[] = "acd";
    struct tcc_handler **handlers;
    ULONG count = 0, capacity = 1;
    char *configured, *value, *entry, *next;
    BOOL failed;
    HRESULT hr = S_OK;

    *out = NULL;
    *out_count = 0;
    configured = configured_value(&failed);
    if (failed)
        return tcc__error(E_INVALIDARG, &IID_ITTAPI, L"%ls: the provider list (TAPI3CC_PROVIDERS, or "
                          L"HKCU or HKLM\\Software\\tapi3cc Providers) could not be read as text.", member);
    value = configured ? configured : default_value;
    for (const char *c = value; *c; c++)
        capacity += *c == '|';
    if (!(handlers = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, capacity * sizeof(*handlers))))
    {
        HeapFree(GetProcessHeap(), 0, configured);
        return tcc__error(E_OUTOFMEMORY, &IID_ITTAPI, L"%ls: out of memory.", member);
    }

    for (entry = value; entry && SUCCEEDED(hr); entry = next)
    {
        struct tcc_plugin plugin;
        char *colon;
        WCHAR error[256] = L"";

        if ((next = strchr(entry, '|')))
            *next++ = 0;
        if ((colon = strchr(entry, ':')))
        {
            *colon++ = 0;
            trim(colon);
        }
        trim(entry);
        if (!*entry)
            continue;
        /* Built-in names win over registered plug-ins. */
        plugin.module = NULL;
        if (!(plugin.provider = tcc_provider_find(entry)) &&
            (hr = tcc__plugin_load(entry, &plugin, error, ARRAYSIZE(error))) != S_OK)
        {
            if (hr == S_FALSE)
                hr = tcc__error(E_INVALIDARG, &IID_ITTAPI,
                                L"%ls: no provider is called '%hs' (built in: acd; plug-ins are registered under "
                                L"Software\\tapi3cc\\Providers\\NAME, value Dll, or are tapi3cc_NAME.dll beside "
                                L"tapi3cc.dll).", member, entry);
            else
                hr = tcc__error(hr, &IID_ITTAPI, L"%ls: provider '%hs' was refused: %ls.", member, entry, error);
        }
        else if (FAILED(hr = tcc__handler_open(tapi, plugin.provider, plugin.module, colon ? colon : "", events,
                                               &handlers[count], error, ARRAYSIZE(error))))
            hr = tcc__error(hr, &IID_ITTAPI, L"%ls: provider '%hs' did not open: %ls", member, entry,
                            *error ? error : L"it gave no reason.");
        else
            count++;
    }
    HeapFree(GetProcessHeap(), 0, configured);
    if (FAILED(hr))
    {
        tcc__handlers_close_all(handlers, count);
        return hr;
    }
    *out = handlers;
    *out_count = count;
    return S_OK;
}
