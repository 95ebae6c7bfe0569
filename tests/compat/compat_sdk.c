/*
 * The client's view: compiled against MinGW's tapi3.h (which includes tapi3if.h
 * and tapi3cc.h), never against our header.  MinGW declares the IID symbols but
 * defines none: a client links them from us (libtapi3cc_guids), as a Windows
 * client links them from uuid.lib.
 */
#define COBJMACROS
#include <windows.h>
#include <tapi3.h>

#include "compat.h"

#define PREFIX compat_sdk
#include "compat_tables.h"

#define TCC_INTERFACE(name, iid_text, kind) { #name, iid_text, &IID_##name },
const struct compat_iid compat_sdk_iids[] =
{
#include "interfaces.h"
};
#undef TCC_INTERFACE
const size_t compat_sdk_iid_count = sizeof(compat_sdk_iids) / sizeof(compat_sdk_iids[0]);
