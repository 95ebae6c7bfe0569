/*
 * The name index of the asterisk model (ami_index.h): entries found by hash through
 * collisions and growth, one cursor walking every entry of a hash, names that only
 * differ in where one ends and the next begins hashing apart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ami_index.h"

/* The positions the index gives for `hash`, in the order it gives them. */
static size_t positions_of(const struct ami_index *index, uint32_t hash, uint32_t *out, size_t max)
{
    size_t cursor = SIZE_MAX, count = 0;

    for (struct ami_index_slot *slot; (slot = ami_index_next(index, hash, &cursor)); )
    {
        assert_int_equal(hash, slot->hash);
        if (count < max)
            out[count] = slot->position - 1;
        count++;
    }
    return count;
}

static void test_empty_index_finds_nothing(void **state)
{
    struct ami_index index = { 0 };
    uint32_t found[1];

    assert_int_equal(0, positions_of(&index, 12345, found, 1));
    ami_index_free(&index);
}

static void test_thousands_of_names_found_after_growth(void **state)
{
    struct ami_index index = { 0 };
    char name[32];
    uint32_t found[4];

    for (uint32_t i = 0; i < 5000; i++)
    {
        snprintf(name, sizeof(name), "Local/%u@agents", i);
        assert_true(ami_index_add(&index, ami_hash_text(AMI_HASH_START, name), i));
    }
    assert_int_equal(5000, index.used);
    assert_true(index.capacity >= 10000);
    for (uint32_t i = 0; i < 5000; i++)
    {
        size_t count;
        bool seen = false;

        snprintf(name, sizeof(name), "Local/%u@agents", i);
        count = positions_of(&index, ami_hash_text(AMI_HASH_START, name), found, 4);
        assert_true(count >= 1 && count <= 4);
        for (size_t k = 0; k < count; k++)
            seen |= found[k] == i;
        assert_true(seen);
    }
    ami_index_free(&index);
    assert_null(index.slots);
}

static void test_equal_hashes_all_walked(void **state)
{
    struct ami_index index = { 0 };
    uint32_t found[8];

    /* Seven entries with one hash, and others around them in the same run. */
    for (uint32_t i = 0; i < 7; i++)
    {
        assert_true(ami_index_add(&index, 77, 100 + i));
        assert_true(ami_index_add(&index, 78, 200 + i));
    }
    assert_int_equal(7, positions_of(&index, 77, found, 8));
    for (uint32_t i = 0; i < 7; i++)
        assert_int_equal(100 + i, found[i]);
    assert_int_equal(7, positions_of(&index, 78, found, 8));
    assert_int_equal(0, positions_of(&index, 79, found, 8));
    ami_index_free(&index);
}

static void test_a_slot_moved_to_a_new_position(void **state)
{
    struct ami_index index = { 0 };
    size_t cursor = SIZE_MAX;
    struct ami_index_slot *slot;
    uint32_t found[2];

    assert_true(ami_index_add(&index, 5, 0));
    slot = ami_index_next(&index, 5, &cursor);
    assert_non_null(slot);
    slot->position = 42 + 1;
    assert_int_equal(1, positions_of(&index, 5, found, 2));
    assert_int_equal(42, found[0]);
    ami_index_free(&index);
}

static void test_member_keys_hash_apart(void **state)
{
    uint32_t a = ami_hash_text(ami_hash_text(AMI_HASH_START, "sales"), "Local/1@agents");
    uint32_t b = ami_hash_text(ami_hash_text(AMI_HASH_START, "salesL"), "ocal/1@agents");

    assert_int_not_equal(a, b);
    assert_int_equal(a, ami_hash_text(ami_hash_text(AMI_HASH_START, "sales"), "Local/1@agents"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_index_finds_nothing),
        cmocka_unit_test(test_thousands_of_names_found_after_growth),
        cmocka_unit_test(test_equal_hashes_all_walked),
        cmocka_unit_test(test_a_slot_moved_to_a_new_position),
        cmocka_unit_test(test_member_keys_hash_apart),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
