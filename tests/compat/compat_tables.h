/*
 * Builds the compat tables for whichever header was included before this file;
 * PREFIX names them (compat_sdk_... or compat_our_...).
 */
#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)
#define TABLE(name) CONCAT(PREFIX, name)

#define TCC_MEMBER(iface, c_name, slot, name, dispid, kind, flags) \
    { #iface, #c_name, slot, offsetof(iface##Vtbl, c_name) },
const struct compat_slot TABLE(_slots)[] =
{
#include "members.h"
};
#undef TCC_MEMBER
const size_t TABLE(_slot_count) = sizeof(TABLE(_slots)) / sizeof(TABLE(_slots)[0]);

#define TCC_ENUM(name, value) { #name, value, name },
const struct compat_enum TABLE(_enums)[] =
{
#include "enums.h"
};
#undef TCC_ENUM
const size_t TABLE(_enum_count) = sizeof(TABLE(_enums)) / sizeof(TABLE(_enums)[0]);
