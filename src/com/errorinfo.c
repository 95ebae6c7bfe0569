/*
 * IErrorInfo for failing calls: every failure carries a sentence a script user
 * can act on (shown as Err.Description in VBScript).
 */
#include "objects.h"

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
