/*
 * Failing as documented: the HRESULT for each case, with an IErrorInfo whose
 * description a script user can act on (Err.Description) (errorinfo.c).
 */
#ifndef TAPI3CC_COM_ERRORS_H
#define TAPI3CC_COM_ERRORS_H

#include <stdint.h>

#include "module.h"

/*
 * Sets the thread's IErrorInfo (source `source`, interface `iid`, a description
 * formatted from `format`) and returns `hr`, so that a failing method reads
 *     return tcc__error(E_POINTER, &IID_ITTAPI, L"...", ...);
 */
HRESULT tcc__error(HRESULT hr, const IID *iid, const WCHAR *format, ...);

/* The message for a member tapi3cc does not implement (call control, phones ...). */
HRESULT tcc__not_supported(const IID *iid, const WCHAR *member);

/* Out-pointer checks that set the documented E_POINTER with a message. */
HRESULT tcc__null_pointer(const IID *iid, const WCHAR *member);

/* A provider's LINEERR_ code as an HRESULT (spec §10.3: the five agent codes as
 * TAPI_E_CALLCENTER_*, LINEERR_NOMEM as E_OUTOFMEMORY, the rest unchanged), with an
 * IErrorInfo naming `member` and the code. */
HRESULT tcc__lineerr(int32_t code, const IID *iid, const WCHAR *member);
/* The same, with the provider's own sentence about it (UTF-8) after the meaning. */
HRESULT tcc__lineerr_because(int32_t code, const IID *iid, const WCHAR *member, const char *reason);

#endif
