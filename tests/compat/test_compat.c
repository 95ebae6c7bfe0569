/*
 * Binary compatibility with clients built against the SDK headers (MinGW's
 * tapi3.h here): every IID has the spec's value, every vtable slot of every
 * interface sits at the same offset in MinGW's Vtbl struct, in ours, and at the
 * spec's slot number; every enum value is the spec's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "compat.h"

static void test_iids_equal_the_spec(void **state)
{
    size_t i;

    for (i = 0; i < compat_sdk_iid_count; i++)
    {
        const struct compat_iid *row = &compat_sdk_iids[i];
        WCHAR text[64];
        GUID expected;

        MultiByteToWideChar(CP_ACP, 0, row->spec_text, -1, text, 64);
        if (FAILED(CLSIDFromString(text, &expected)))
            fail_msg("%s: the spec's IID %s does not parse", row->iface, row->spec_text);
        if (!IsEqualGUID(&expected, row->iid))
            fail_msg("IID_%s: {%08lX-...} differs from the spec's %s", row->iface,
                     (unsigned long)row->iid->Data1, row->spec_text);
    }
    printf("compat: %u IIDs equal the spec\n", (unsigned)compat_sdk_iid_count);
}

static void test_vtable_slots_match(void **state)
{
    size_t i;

    assert_int_equal(compat_sdk_slot_count, compat_our_slot_count);
    for (i = 0; i < compat_sdk_slot_count; i++)
    {
        const struct compat_slot *sdk = &compat_sdk_slots[i], *ours = &compat_our_slots[i];
        size_t spec_offset = (size_t)sdk->spec_slot * sizeof(void *);

        assert_string_equal(sdk->iface, ours->iface);
        assert_string_equal(sdk->member, ours->member);
        if (sdk->offset != spec_offset)
            fail_msg("%s::%s: MinGW's vtable has it at offset %u, the spec at slot %d (offset %u)",
                     sdk->iface, sdk->member, (unsigned)sdk->offset, sdk->spec_slot, (unsigned)spec_offset);
        if (ours->offset != sdk->offset)
            fail_msg("%s::%s: our vtable has it at offset %u, MinGW's at %u", sdk->iface, sdk->member,
                     (unsigned)ours->offset, (unsigned)sdk->offset);
    }
    printf("compat: %u vtable slots equal in MinGW's header, ours and the spec\n",
           (unsigned)compat_sdk_slot_count);
}

static void test_enum_values_match(void **state)
{
    size_t i;

    assert_int_equal(compat_sdk_enum_count, compat_our_enum_count);
    for (i = 0; i < compat_sdk_enum_count; i++)
    {
        const struct compat_enum *sdk = &compat_sdk_enums[i], *ours = &compat_our_enums[i];

        if (sdk->value != sdk->spec_value)
            fail_msg("%s: MinGW says %ld, the spec %ld", sdk->name, sdk->value, sdk->spec_value);
        if (ours->value != sdk->spec_value)
            fail_msg("%s: our header says %ld, the spec %ld", ours->name, ours->value, sdk->spec_value);
    }
    printf("compat: %u enum values equal\n", (unsigned)compat_sdk_enum_count);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_iids_equal_the_spec),
        cmocka_unit_test(test_vtable_slots_match),
        cmocka_unit_test(test_enum_values_match),
    };

    return cmocka_run_group_tests_name("compat", tests, NULL, NULL);
}
