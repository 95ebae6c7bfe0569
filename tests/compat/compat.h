/*
 * The compat test's three translation units share these tables: one built from
 * MinGW's own tapi3.h (what an unchanged SDK-style client compiles against), one
 * from our widl-generated header, compared by test_compat.c against the spec.
 */
#ifndef TAPI3CC_COMPAT_H
#define TAPI3CC_COMPAT_H

#include <stddef.h>
#include <windows.h>

struct compat_slot
{
    const char *iface;
    const char *member;
    int spec_slot;
    size_t offset;      /* offsetof(<iface>Vtbl, <member>) in that header */
};

struct compat_iid
{
    const char *iface;
    const char *spec_text;
    const GUID *iid;    /* the IID_<iface> symbol that header declares */
};

struct compat_enum
{
    const char *name;
    long spec_value;
    long value;         /* the value that header gives */
};

extern const struct compat_slot compat_sdk_slots[], compat_our_slots[];
extern const size_t compat_sdk_slot_count, compat_our_slot_count;
extern const struct compat_iid compat_sdk_iids[];
extern const size_t compat_sdk_iid_count;
extern const struct compat_enum compat_sdk_enums[], compat_our_enums[];
extern const size_t compat_sdk_enum_count, compat_our_enum_count;

#endif
