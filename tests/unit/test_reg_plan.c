/*
 * The registration plan and DllInstall's option line, natively: what regsvr32
 * will write, unit by unit, and which option lines are accepted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "reg_plan.h"

static void parses(const char *line, bool dropin, bool force, bool user)
{
    struct tcc_install_options options;
    char error[128];

    if (tcc_parse_install_options(line, &options, error, sizeof(error)))
        fail_msg("'%s' was refused: %s", line ? line : "(null)", error);
    assert_int_equal(dropin, options.dropin);
    assert_int_equal(force, options.force);
    assert_int_equal(user, options.user);
}

static void refuses(const char *line, const char *message_part)
{
    struct tcc_install_options options;
    char error[128];

    assert_int_equal(-1, tcc_parse_install_options(line, &options, error, sizeof(error)));
    if (!strstr(error, message_part))
        fail_msg("error for '%s' is \"%s\", expected it to mention \"%s\"", line, error, message_part);
}

static void test_install_options(void **state)
{
    parses(NULL, false, false, false);
    parses("", false, false, false);
    parses("dropin", true, false, false);
    parses("DropIn", true, false, false);
    parses("dropin,force", true, true, false);
    parses(" dropin , force ", true, true, false);
    parses("user", false, false, true);
    parses("user,dropin", true, false, true);
    parses("user dropin force", true, true, true);
    parses(",,dropin,,", true, false, false);

    refuses("bogus", "unknown install option 'bogus'");
    refuses("dropin,forced", "unknown install option 'forced'");
    refuses("force", "'force' needs 'dropin'");
    refuses("user,force", "'force' needs 'dropin'");
}

static void test_error_buffer_is_bounded(void **state)
{
    struct tcc_install_options options;
    char small[8];

    memset(small, 'x', sizeof(small));
    assert_int_equal(-1, tcc_parse_install_options("a-very-long-unknown-word", &options, small, sizeof(small)));
    assert_int_equal(0, small[sizeof(small) - 1]);
    /* A zero-sized buffer is allowed: the caller only wants the verdict. */
    assert_int_equal(-1, tcc_parse_install_options("bogus", &options, NULL, 0));
}

static const struct tcc_reg_unit *find_unit(const struct tcc_reg_plan *plan, const char *root)
{
    size_t i;

    for (i = 0; i < plan->unit_count; i++)
        if (!strcmp(plan->units[i].root, root))
            return &plan->units[i];
    return NULL;
}

static const struct tcc_reg_value *find_value(const struct tcc_reg_unit *unit, const char *subkey,
                                              const char *name)
{
    size_t i;

    for (i = 0; i < unit->value_count; i++)
    {
        const struct tcc_reg_value *value = &unit->values[i];

        if (!strcmp(value->subkey, subkey) &&
            ((!name && !value->name) || (name && value->name && !strcmp(name, value->name))))
            return value;
    }
    return NULL;
}

static void assert_text(const struct tcc_reg_unit *unit, const char *subkey, const char *name, const char *text)
{
    const struct tcc_reg_value *value = find_value(unit, subkey, name);

    if (!value)
        fail_msg("%s\\%s: no value %s", unit->root, subkey, name ? name : "(default)");
    assert_int_equal(TCC_REG_TEXT, value->data);
    assert_string_equal(text, value->text);
}

static void assert_class(const struct tcc_reg_plan *plan, const char *clsid, enum tcc_reg_ownership ownership,
                         const char *progid, const char *vi_progid)
{
    char root[64];
    const struct tcc_reg_unit *unit;
    const struct tcc_reg_value *server;

    snprintf(root, sizeof(root), "CLSID\\%s", clsid);
    unit = find_unit(plan, root);
    assert_non_null(unit);
    assert_int_equal(ownership, unit->ownership);
    server = find_value(unit, "InprocServer32", NULL);
    assert_non_null(server);
    assert_int_equal(TCC_REG_MODULE_PATH, server->data);
    assert_text(unit, "InprocServer32", "ThreadingModel", "Both");
    assert_text(unit, "ProgID", NULL, progid);
    assert_text(unit, "VersionIndependentProgID", NULL, vi_progid);
    assert_text(unit, "TypeLib", NULL, TCC_REG_LIBID);
    assert_non_null(find_value(unit, "Programmable", NULL));
}

static void test_base_plan(void **state)
{
    static struct tcc_reg_plan plan;
    const struct tcc_reg_unit *unit;
    size_t i, interfaces = 0;

    tcc_reg_plan_build(&plan, TCC_REG_PART_BASE, true);
    assert_class(&plan, TCC_REG_CLSID_TAPI3CC, TCC_REG_OWN, "Tapi3cc.TAPI.1", "Tapi3cc.TAPI");

    unit = find_unit(&plan, "Tapi3cc.TAPI");
    assert_non_null(unit);
    assert_int_equal(TCC_REG_OWN, unit->ownership);
    assert_text(unit, "CLSID", NULL, TCC_REG_CLSID_TAPI3CC);
    assert_text(unit, "CurVer", NULL, "Tapi3cc.TAPI.1");
    unit = find_unit(&plan, "Tapi3cc.TAPI.1");
    assert_non_null(unit);
    assert_text(unit, "CLSID", NULL, TCC_REG_CLSID_TAPI3CC);

    unit = find_unit(&plan, "TypeLib\\" TCC_REG_LIBID);
    assert_non_null(unit);
    assert_int_equal(TCC_REG_OWN, unit->ownership);
    assert_int_equal(TCC_REG_MODULE_PATH, find_value(unit, "1.0\\0\\win64", NULL)->data);
    assert_null(find_value(unit, "1.0\\0\\win32", NULL));
    assert_text(unit, "1.0\\FLAGS", NULL, "0");
    assert_int_equal(TCC_REG_MODULE_DIR, find_value(unit, "1.0\\HELPDIR", NULL)->data);

    for (i = 0; i < plan.unit_count; i++)
        if (plan.units[i].ownership == TCC_REG_INTERFACE)
        {
            const char *proxy = find_value(&plan.units[i], "ProxyStubClsid32", NULL)->text;

            interfaces++;
            assert_text(&plan.units[i], "TypeLib", NULL, TCC_REG_LIBID);
            assert_text(&plan.units[i], "TypeLib", "Version", "1.0");
            assert_text(&plan.units[i], "ProxyStubClsid", NULL, proxy);
        }
    /* 19 dual or oleautomation interfaces (ITAddressEvent among them) and the event
     * dispinterface. */
    assert_int_equal(20, interfaces);
    unit = find_unit(&plan, "Interface\\{9F34325B-7E62-11D2-9457-00C04F8EC888}");
    assert_non_null(unit);
    assert_text(unit, "ProxyStubClsid32", NULL, "{00020420-0000-0000-C000-000000000046}");
    unit = find_unit(&plan, "Interface\\{5770ECE5-4B27-11D1-BF80-00805FC147D3}");
    assert_non_null(unit);
    assert_text(unit, "", NULL, "ITAgent");
    assert_text(unit, "ProxyStubClsid32", NULL, "{00020424-0000-0000-C000-000000000046}");

    /* Nothing of the drop-in part. */
    assert_null(find_unit(&plan, "CLSID\\" TCC_REG_CLSID_TAPI));
    assert_null(find_unit(&plan, "TAPI.TAPI"));
}

static void test_32bit_type_library_path(void **state)
{
    static struct tcc_reg_plan plan;
    const struct tcc_reg_unit *unit;

    tcc_reg_plan_build(&plan, TCC_REG_PART_BASE, false);
    unit = find_unit(&plan, "TypeLib\\" TCC_REG_LIBID);
    assert_non_null(find_value(unit, "1.0\\0\\win32", NULL));
    assert_null(find_value(unit, "1.0\\0\\win64", NULL));
}

static void test_dropin_plan(void **state)
{
    static struct tcc_reg_plan plan;
    const struct tcc_reg_unit *unit;

    tcc_reg_plan_build(&plan, TCC_REG_PART_DROPIN, true);
    assert_null(find_unit(&plan, "CLSID\\" TCC_REG_CLSID_TAPI3CC));
    assert_class(&plan, TCC_REG_CLSID_TAPI, TCC_REG_SHARED_CLASS, "TAPI.TAPI.1", "TAPI.TAPI");
    assert_class(&plan, TCC_REG_CLSID_DISPATCHMAPPER, TCC_REG_SHARED_CLASS,
                 "DispatchMapper.DispatchMapper.1", "DispatchMapper.DispatchMapper");

    unit = find_unit(&plan, "TAPI.TAPI");
    assert_non_null(unit);
    assert_int_equal(TCC_REG_SHARED_PROGID, unit->ownership);
    assert_string_equal("CLSID\\" TCC_REG_CLSID_TAPI, unit->owner_class);
    assert_text(unit, "CLSID", NULL, TCC_REG_CLSID_TAPI);
    assert_text(unit, "CurVer", NULL, "TAPI.TAPI.1");
    unit = find_unit(&plan, "TAPI.TAPI.1");
    assert_non_null(unit);
    assert_string_equal("CLSID\\" TCC_REG_CLSID_TAPI, unit->owner_class);
    unit = find_unit(&plan, "DispatchMapper.DispatchMapper.1");
    assert_non_null(unit);
    assert_string_equal("CLSID\\" TCC_REG_CLSID_DISPATCHMAPPER, unit->owner_class);
    assert_text(unit, "CLSID", NULL, TCC_REG_CLSID_DISPATCHMAPPER);
}

/* Every shared ProgID names a class of the same plan, and every unit fits the
 * fixed-size tables. */
static void test_plan_is_consistent(void **state)
{
    static struct tcc_reg_plan plan;
    size_t i, j;

    tcc_reg_plan_build(&plan, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN, true);
    assert_true(plan.unit_count <= TCC_REG_MAX_UNITS);
    for (i = 0; i < plan.unit_count; i++)
    {
        const struct tcc_reg_unit *unit = &plan.units[i];

        assert_true(unit->value_count > 0 && unit->value_count <= TCC_REG_MAX_VALUES);
        assert_true(strlen(unit->root) < TCC_REG_KEY_SIZE - 1);
        if (unit->ownership == TCC_REG_SHARED_PROGID)
        {
            const struct tcc_reg_unit *owner = find_unit(&plan, unit->owner_class);

            assert_non_null(owner);
            assert_int_equal(TCC_REG_SHARED_CLASS, owner->ownership);
            /* The ProgID comes after its class: the writer relies on that order. */
            assert_true(owner < unit);
        }
        for (j = i + 1; j < plan.unit_count; j++)
            assert_string_not_equal(unit->root, plan.units[j].root);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_install_options),
        cmocka_unit_test(test_error_buffer_is_bounded),
        cmocka_unit_test(test_base_plan),
        cmocka_unit_test(test_32bit_type_library_path),
        cmocka_unit_test(test_dropin_plan),
        cmocka_unit_test(test_plan_is_consistent),
    };

    return cmocka_run_group_tests_name("registration plan", tests, NULL, NULL);
}
