/*
 * IErrorInfo for failing calls: every failure carries a sentence a script user
 * can act on (shown as Err.Description in VBScript).
 */
#include "errors.h"

#include "tapi3cc/tapi2.h"

#include <stdarg.h>
#include <stdio.h>

#define ERROR_SOURCE L"tapi3cc"

HRESULT tcc__error(HRESULT hr, const IID *iid, const WCHAR *format, ...)
{
    ICreateErrorInfo *create;
    IErrorInfo *error;
    WCHAR description[512];
    va_list args;

    va_start(args, format);
    _vsnwprintf(description, ARRAYSIZE(description) - 1, format, args);
    va_end(args);
    description[ARRAYSIZE(description) - 1] = 0;

    if (FAILED(CreateErrorInfo(&create)))
        return hr;
    ICreateErrorInfo_SetGUID(create, iid);
    ICreateErrorInfo_SetSource(create, (LPOLESTR)ERROR_SOURCE);
    ICreateErrorInfo_SetDescription(create, description);
    if (SUCCEEDED(ICreateErrorInfo_QueryInterface(create, &IID_IErrorInfo, (void **)&error)))
    {
        SetErrorInfo(0, error);
        IErrorInfo_Release(error);
    }
    ICreateErrorInfo_Release(create);
    return hr;
}

HRESULT tcc__not_supported(const IID *iid, const WCHAR *member)
{
    return tcc__error(TAPI_E_NOTSUPPORTED, iid,
                      L"%ls is not supported: tapi3cc implements the TAPI 3 call-center objects "
                      L"only, not call control, phones or media.", member);
}

HRESULT tcc__null_pointer(const IID *iid, const WCHAR *member)
{
    return tcc__error(E_POINTER, iid, L"%ls: the output pointer is NULL.", member);
}

static const struct
{
    int32_t code;
    const WCHAR *name;
    HRESULT hr;
    const WCHAR *meaning;
}
lineerrs[] =
{
    { TCC_LINEERR_INVALAGENTID, L"LINEERR_INVALAGENTID", TAPI_E_CALLCENTER_INVALAGENTID,
      L"the ACD knows no agent with this ID" },
    { TCC_LINEERR_INVALAGENTGROUP, L"LINEERR_INVALAGENTGROUP", TAPI_E_CALLCENTER_INVALAGENTGROUP,
      L"the agent may not log into this ACD group" },
    { TCC_LINEERR_INVALPASSWORD, L"LINEERR_INVALPASSWORD", TAPI_E_CALLCENTER_INVALPASSWORD,
      L"the PIN is wrong" },
    { TCC_LINEERR_INVALAGENTSTATE, L"LINEERR_INVALAGENTSTATE", TAPI_E_CALLCENTER_INVALAGENTSTATE,
      L"the agent cannot change to this state now" },
    { TCC_LINEERR_INVALAGENTACTIVITY, L"LINEERR_INVALAGENTACTIVITY", TAPI_E_CALLCENTER_INVALAGENTACTIVITY,
      L"the agent activity is not valid" },
    { TCC_LINEERR_NOMEM, L"LINEERR_NOMEM", E_OUTOFMEMORY, L"the ACD is out of memory" },
    { TCC_LINEERR_INVALAGENTSESSIONSTATE, L"LINEERR_INVALAGENTSESSIONSTATE",
      (HRESULT)TCC_LINEERR_INVALAGENTSESSIONSTATE,
      L"the session cannot change to this state now (clients may ask for ready, not ready or ended)" },
    { TCC_LINEERR_INVALPARAM, L"LINEERR_INVALPARAM", (HRESULT)TCC_LINEERR_INVALPARAM,
      L"a value is out of range or too long" },
    { TCC_LINEERR_INVALADDRESSID, L"LINEERR_INVALADDRESSID", (HRESULT)TCC_LINEERR_INVALADDRESSID,
      L"the ACD has no such address" },
    { TCC_LINEERR_BADDEVICEID, L"LINEERR_BADDEVICEID", (HRESULT)TCC_LINEERR_BADDEVICEID,
      L"the ACD has no such line" },
    { TCC_LINEERR_OPERATIONUNAVAIL, L"LINEERR_OPERATIONUNAVAIL", (HRESULT)TCC_LINEERR_OPERATIONUNAVAIL,
      L"the ACD does not offer this operation" },
    { TCC_LINEERR_OPERATIONFAILED, L"LINEERR_OPERATIONFAILED", (HRESULT)TCC_LINEERR_OPERATIONFAILED,
      L"the ACD could not do it" },
    { TCC_LINEERR_RESOURCEUNAVAIL, L"LINEERR_RESOURCEUNAVAIL", (HRESULT)TCC_LINEERR_RESOURCEUNAVAIL,
      L"the ACD is out of resources" },
    { TCC_LINEERR_STRUCTURETOOSMALL, L"LINEERR_STRUCTURETOOSMALL", (HRESULT)TCC_LINEERR_STRUCTURETOOSMALL,
      L"a structure was too small" },
};

HRESULT tcc__lineerr_because(int32_t code, const IID *iid, const WCHAR *member, const char *reason)
{
    WCHAR because[512];

    MultiByteToWideChar(CP_UTF8, 0, reason, -1, because, ARRAYSIZE(because));
    because[ARRAYSIZE(because) - 1] = 0;
    for (size_t i = 0; i < ARRAYSIZE(lineerrs); i++)
        if (lineerrs[i].code == code)
            return tcc__error(lineerrs[i].hr, iid, L"%ls: %ls (%ls): %ls", member, lineerrs[i].meaning,
                              lineerrs[i].name, because);
    return tcc__error((HRESULT)code, iid, L"%ls: the ACD answered LINEERR 0x%08lX: %ls", member, (unsigned long)code,
                      because);
}

HRESULT tcc__lineerr(int32_t code, const IID *iid, const WCHAR *member)
{
    for (size_t i = 0; i < ARRAYSIZE(lineerrs); i++)
        if (lineerrs[i].code == code)
            return tcc__error(lineerrs[i].hr, iid, L"%ls: %ls (%ls).", member, lineerrs[i].meaning,
                              lineerrs[i].name);
    return tcc__error((HRESULT)code, iid, L"%ls: the ACD answered LINEERR 0x%08lX.", member,
                      (unsigned long)code);
}
