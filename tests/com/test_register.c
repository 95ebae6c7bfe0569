/*
 * Registration, as users do it: regsvr32 under Wine, then the registry is read
 * back against the registration plan, the object is created through its ProgID
 * and called late-bound, and /u must leave nothing of ours behind.  Also the
 * drop-in names (TAPI.TAPI, DispatchMapper), the refusal to replace another DLL's
 * CLSID_TAPI and its forced variant with restore, the per-user variant, and the
 * rollback of a registration that fails half-way.
 */
#include "harness.h"
#include "reg_plan.h"

#include <stdio.h>
#include <string.h>

#define FOREIGN_SERVER L"C:\\windows\\system32\\tapi3.dll"
#define TAPI_CLASS_KEY L"Software\\Classes\\CLSID\\" L"" TCC_REG_CLSID_TAPI
#define FOREIGN_INTERFACE_KEY L"Software\\Classes\\Interface\\{5AFC3149-4BCC-11D1-BF80-00805FC147D3}"
#define TAPI3LIB L"{21D6D480-A88B-11D0-83DD-00AA003CCABD}"

static DWORD regsvr32(const WCHAR *options)
{
    return tcc_test_regsvr32(options, tcc_test_dll_path());
}

static void widen(const char *text, WCHAR *out, size_t size)
{
    MultiByteToWideChar(CP_UTF8, 0, text, -1, out, (int)size);
}

static BOOL read_value(HKEY hive, const WCHAR *path, const WCHAR *name, WCHAR *out, DWORD size)
{
    DWORD bytes = size * sizeof(WCHAR);

    out[0] = 0;
    return !RegGetValueW(hive, path, name, RRF_RT_REG_SZ, NULL, out, &bytes);
}

static BOOL key_exists(HKEY hive, const WCHAR *path)
{
    HKEY key;

    if (RegOpenKeyExW(hive, path, 0, KEY_READ, &key))
        return FALSE;
    RegCloseKey(key);
    return TRUE;
}

static void unit_path(const struct tcc_reg_unit *unit, const char *subkey, WCHAR *out, size_t size)
{
    WCHAR root[128], sub[128];

    widen(unit->root, root, ARRAYSIZE(root));
    widen(subkey ? subkey : "", sub, ARRAYSIZE(sub));
    _snwprintf(out, size, sub[0] ? L"Software\\Classes\\%ls\\%ls" : L"Software\\Classes\\%ls", root, sub);
    out[size - 1] = 0;
}

/* Every value of every unit of `parts` is in `hive`, as the plan says. */
static void assert_plan_written(HKEY hive, unsigned parts)
{
    struct tcc_reg_plan plan;
    WCHAR module_dir[MAX_PATH];
    size_t i, j, values = 0;

    wcscpy(module_dir, tcc_test_dll_path());
    *wcsrchr(module_dir, '\\') = 0;
    tcc_reg_plan_build(&plan, parts, sizeof(void *) == 8);
    for (i = 0; i < plan.unit_count; i++)
        for (j = 0; j < plan.units[i].value_count; j++)
        {
            const struct tcc_reg_value *value = &plan.units[i].values[j];
            WCHAR path[256], name[64], expected[MAX_PATH], actual[MAX_PATH];

            unit_path(&plan.units[i], value->subkey, path, ARRAYSIZE(path));
            if (!key_exists(hive, path))
                fail_msg("key %ls is missing", path);
            if (value->data == TCC_REG_TEXT && !value->text)
                continue;
            if (value->name)
                widen(value->name, name, ARRAYSIZE(name));
            if (!read_value(hive, path, value->name ? name : NULL, actual, ARRAYSIZE(actual)))
                fail_msg("value %ls\\%ls is missing", path, value->name ? name : L"(default)");
            if (value->data == TCC_REG_TEXT)
                widen(value->text, expected, ARRAYSIZE(expected));
            else
                wcscpy(expected, value->data == TCC_REG_MODULE_PATH ? tcc_test_dll_path() : module_dir);
            if (_wcsicmp(expected, actual))
                fail_msg("%ls\\%ls is \"%ls\", expected \"%ls\"", path, value->name ? name : L"(default)",
                         actual, expected);
            values++;
        }
    assert_true(values > 0);
}

/* No unit root of `parts` is left in `hive`. */
static void assert_plan_removed(HKEY hive, unsigned parts)
{
    struct tcc_reg_plan plan;
    size_t i;

    tcc_reg_plan_build(&plan, parts, sizeof(void *) == 8);
    for (i = 0; i < plan.unit_count; i++)
    {
        WCHAR path[256];

        unit_path(&plan.units[i], NULL, path, ARRAYSIZE(path));
        if (key_exists(hive, path))
            fail_msg("key %ls is still there", path);
    }
}

static void create_late_bound_and_call(const WCHAR *progid, const CLSID *expected_clsid)
{
    LPOLESTR name = (LPOLESTR)L"EventFilter";
    DISPID id, put_id = DISPID_PROPERTYPUT;
    DISPPARAMS params = { 0 };
    IDispatch *dispatch;
    VARIANT arg, result;
    CLSID clsid;

    assert_hr(S_OK, CLSIDFromProgID(progid, &clsid));
    assert_true(IsEqualCLSID(&clsid, expected_clsid));
    assert_hr(S_OK, CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IDispatch, (void **)&dispatch));
    assert_hr(S_OK, IDispatch_GetIDsOfNames(dispatch, &IID_NULL, &name, 1, 0, &id));
    assert_int_equal(0x1000F, id);
    V_VT(&arg) = VT_I4;
    V_I4(&arg) = TE_AGENTSESSION;
    params.rgvarg = &arg;
    params.cArgs = 1;
    params.rgdispidNamedArgs = &put_id;
    params.cNamedArgs = 1;
    assert_hr(S_OK, IDispatch_Invoke(dispatch, id, &IID_NULL, 0, DISPATCH_PROPERTYPUT, &params, NULL, NULL, NULL));
    memset(&params, 0, sizeof(params));
    VariantInit(&result);
    assert_hr(S_OK, IDispatch_Invoke(dispatch, id, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL));
    assert_int_equal(TE_AGENTSESSION, V_I4(&result));
    IDispatch_Release(dispatch);
}

static void remove_foreign_keys(void)
{
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY);
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"Software\\Classes\\TAPI.TAPI");
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"Software\\Classes\\TAPI.TAPI.1");
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, FOREIGN_INTERFACE_KEY);
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"" TCC_REG_BACKUP_ROOT);
}

static int clean_registry(void)
{
    regsvr32(L"/u");
    regsvr32(L"/u /n /i:user");
    remove_foreign_keys();
    return 0;
}

static int setup(void **state)
{
    if (tcc_test_setup_com(state))
        return -1;
    return clean_registry();
}

static int teardown(void **state)
{
    clean_registry();
    return tcc_test_teardown_com(state);
}

static void test_plan_names_the_generated_guids(void **state)
{
    static const struct { const GUID *guid; const char *text; } rows[] =
    {
        { &LIBID_TAPI3CCLib, TCC_REG_LIBID },
        { &CLSID_Tapi3cc, TCC_REG_CLSID_TAPI3CC },
        { &CLSID_TAPI, TCC_REG_CLSID_TAPI },
        { &CLSID_DispatchMapper, TCC_REG_CLSID_DISPATCHMAPPER },
    };
    size_t i;

    for (i = 0; i < ARRAYSIZE(rows); i++)
    {
        WCHAR from_idl[40], from_plan[40];

        StringFromGUID2(rows[i].guid, from_idl, ARRAYSIZE(from_idl));
        widen(rows[i].text, from_plan, ARRAYSIZE(from_plan));
        assert_int_equal(0, wcscmp(from_idl, from_plan));
    }
}

static void test_register_and_unregister(void **state)
{
    ITypeLib *typelib;
    WCHAR libid[64];
    CLSID clsid;

    assert_int_equal(0, regsvr32(L""));
    assert_plan_written(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE);
    assert_false(key_exists(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY));   /* not drop-in */
    read_value(HKEY_LOCAL_MACHINE, L"Software\\Classes\\Interface\\{5770ECE5-4B27-11D1-BF80-00805FC147D3}\\TypeLib",
               NULL, libid, ARRAYSIZE(libid));
    assert_int_equal(0, wcscmp(libid, L"" TCC_REG_LIBID));

    create_late_bound_and_call(L"Tapi3cc.TAPI", &CLSID_Tapi3cc);
    create_late_bound_and_call(L"Tapi3cc.TAPI.1", &CLSID_Tapi3cc);
    assert_hr(S_OK, LoadRegTypeLib(&LIBID_TAPI3CCLib, 1, 0, 0, &typelib));
    ITypeLib_Release(typelib);
    /* Registering again is harmless. */
    assert_int_equal(0, regsvr32(L""));

    assert_int_equal(0, regsvr32(L"/u"));
    assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    assert_hr(CO_E_CLASSSTRING, CLSIDFromProgID(L"Tapi3cc.TAPI", &clsid));
    /* Unregistering what is not registered is harmless too. */
    assert_int_equal(0, regsvr32(L"/u"));
}

static void test_dropin_and_unregister(void **state)
{
    ITDispatchMapper *mapper;
    ITTAPI *tapi;
    IDispatch *mapped;
    WCHAR iid[40];
    BSTR iid_text;
    CLSID clsid;

    assert_int_equal(0, regsvr32(L"/i:dropin"));
    assert_plan_written(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    create_late_bound_and_call(L"TAPI.TAPI", &CLSID_TAPI);
    create_late_bound_and_call(L"TAPI.TAPI.1", &CLSID_TAPI);
    create_late_bound_and_call(L"Tapi3cc.TAPI", &CLSID_Tapi3cc);

    /* DispatchMapper.DispatchMapper.1, as existing scripts create it. */
    assert_hr(S_OK, CLSIDFromProgID(L"DispatchMapper.DispatchMapper.1", &clsid));
    assert_true(IsEqualCLSID(&clsid, &CLSID_DispatchMapper));
    assert_hr(S_OK, CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_ITDispatchMapper, (void **)&mapper));
    assert_hr(S_OK, CoCreateInstance(&CLSID_TAPI, NULL, CLSCTX_INPROC_SERVER, &IID_ITTAPI, (void **)&tapi));
    StringFromGUID2(&IID_ITTAPI2, iid, ARRAYSIZE(iid));
    iid_text = SysAllocString(iid);
    assert_hr(S_OK, ITDispatchMapper_QueryDispatchInterface(mapper, iid_text, (IDispatch *)tapi, &mapped));
    IDispatch_Release(mapped);
    SysFreeString(iid_text);
    ITTAPI_Release(tapi);
    ITDispatchMapper_Release(mapper);

    assert_int_equal(0, regsvr32(L"/u /i:dropin"));
    assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    assert_hr(CO_E_CLASSSTRING, CLSIDFromProgID(L"TAPI.TAPI", &clsid));
}

/* A machine with a real tapi3.dll registered: not replaced unless forced, and
 * put back by /u; its TAPI.TAPI and interface registrations are never removed. */
static void test_dropin_refuses_another_dll(void **state)
{
    HRESULT (WINAPI *install)(BOOL, const WCHAR *) = tcc_test_export("DllInstall");
    WCHAR value[MAX_PATH];
    HKEY key;

    assert_int_equal(0, RegCreateKeyExW(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY L"\\InprocServer32", 0, NULL, 0,
                                        KEY_WRITE, NULL, &key, NULL));
    RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)FOREIGN_SERVER, sizeof(FOREIGN_SERVER));
    RegSetValueExW(key, L"ThreadingModel", 0, REG_SZ, (const BYTE *)L"Both", sizeof(L"Both"));
    RegCloseKey(key);
    assert_int_equal(0, RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Classes\\TAPI.TAPI\\CLSID", 0, NULL, 0,
                                        KEY_WRITE, NULL, &key, NULL));
    RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)L"" TCC_REG_CLSID_TAPI, sizeof(L"" TCC_REG_CLSID_TAPI));
    RegCloseKey(key);
    assert_int_equal(0, RegCreateKeyExW(HKEY_LOCAL_MACHINE, FOREIGN_INTERFACE_KEY L"\\TypeLib", 0, NULL, 0,
                                        KEY_WRITE, NULL, &key, NULL));
    RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)TAPI3LIB, sizeof(TAPI3LIB));
    RegCloseKey(key);

    /* Refused, through regsvr32 and with the documented HRESULT. */
    assert_int_not_equal(0, regsvr32(L"/i:dropin"));
    assert_hr(HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), install(TRUE, L"dropin"));
    read_value(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY L"\\InprocServer32", NULL, value, ARRAYSIZE(value));
    assert_int_equal(0, wcscmp(value, FOREIGN_SERVER));
    assert_false(key_exists(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY L"\\ProgID"));
    assert_false(key_exists(HKEY_LOCAL_MACHINE, L"Software\\Classes\\CLSID\\" L"" TCC_REG_CLSID_DISPATCHMAPPER));

    /* Forced: ours now, and what it replaced is kept. */
    assert_int_equal(0, regsvr32(L"/i:dropin,force"));
    read_value(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY L"\\InprocServer32", NULL, value, ARRAYSIZE(value));
    assert_int_equal(0, _wcsicmp(value, tcc_test_dll_path()));
    create_late_bound_and_call(L"TAPI.TAPI", &CLSID_TAPI);
    /* The other DLL's interface registration was left as it was. */
    read_value(HKEY_LOCAL_MACHINE, FOREIGN_INTERFACE_KEY L"\\TypeLib", NULL, value, ARRAYSIZE(value));
    assert_int_equal(0, wcscmp(value, TAPI3LIB));

    /* /u puts the other DLL back and keeps its ProgID and interface keys. */
    assert_int_equal(0, regsvr32(L"/u /i:dropin"));
    read_value(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY L"\\InprocServer32", NULL, value, ARRAYSIZE(value));
    assert_int_equal(0, wcscmp(value, FOREIGN_SERVER));
    read_value(HKEY_LOCAL_MACHINE, TAPI_CLASS_KEY L"\\InprocServer32", L"ThreadingModel", value, ARRAYSIZE(value));
    assert_int_equal(0, wcscmp(value, L"Both"));
    read_value(HKEY_LOCAL_MACHINE, L"Software\\Classes\\TAPI.TAPI\\CLSID", NULL, value, ARRAYSIZE(value));
    assert_int_equal(0, wcscmp(value, L"" TCC_REG_CLSID_TAPI));
    assert_false(key_exists(HKEY_LOCAL_MACHINE, L"Software\\Classes\\TAPI.TAPI.1"));   /* added by us */
    assert_true(key_exists(HKEY_LOCAL_MACHINE, FOREIGN_INTERFACE_KEY));
    assert_false(key_exists(HKEY_LOCAL_MACHINE, L"" TCC_REG_BACKUP_ROOT "\\" TCC_REG_CLSID_TAPI));
    assert_false(key_exists(HKEY_LOCAL_MACHINE, L"Software\\Classes\\CLSID\\" L"" TCC_REG_CLSID_TAPI3CC));
    remove_foreign_keys();
}

/* Wine's COM reads classes from HKLM only; Windows merges HKCU\Software\Classes
 * into HKEY_CLASSES_ROOT.  Under Wine the per-user keys are checked, not used. */
static BOOL running_on_wine(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
}

static void test_per_user_registration(void **state)
{
    CLSID clsid;

    assert_int_equal(0, regsvr32(L"/n /i:user"));
    assert_plan_written(HKEY_CURRENT_USER, TCC_REG_PART_BASE);
    assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE);
    if (!running_on_wine())
        create_late_bound_and_call(L"Tapi3cc.TAPI", &CLSID_Tapi3cc);

    assert_int_equal(0, regsvr32(L"/n /i:user,dropin"));
    assert_plan_written(HKEY_CURRENT_USER, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    if (!running_on_wine())
        create_late_bound_and_call(L"TAPI.TAPI", &CLSID_TAPI);
    else
        printf("per-user registration: keys checked; Wine's COM does not read HKCU classes\n");

    assert_int_equal(0, regsvr32(L"/u /n /i:user"));
    assert_plan_removed(HKEY_CURRENT_USER, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    assert_hr(CO_E_CLASSSTRING, CLSIDFromProgID(L"Tapi3cc.TAPI", &clsid));
}

/* A write that fails half-way (the test hook fails the n-th value) leaves no key
 * of ours behind and returns the Win32 error as an HRESULT. */
static void test_failed_registration_rolls_back(void **state)
{
    HRESULT (WINAPI *register_server)(void) = tcc_test_export("DllRegisterServer");
    HRESULT (WINAPI *install)(BOOL, const WCHAR *) = tcc_test_export("DllInstall");
    static const char *fail_points[] = { "1", "5", "30", "90" };
    size_t i;

    for (i = 0; i < ARRAYSIZE(fail_points); i++)
    {
        SetEnvironmentVariableA("TAPI3CC_TEST_REG_FAIL_AT", fail_points[i]);
        _putenv_s("TAPI3CC_TEST_REG_FAIL_AT", fail_points[i]);
        assert_hr(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), register_server());
        assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
        assert_hr(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), install(TRUE, L"user,dropin"));
        assert_plan_removed(HKEY_CURRENT_USER, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
        assert_int_not_equal(0, regsvr32(L""));
        assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    }
    SetEnvironmentVariableA("TAPI3CC_TEST_REG_FAIL_AT", NULL);
    _putenv_s("TAPI3CC_TEST_REG_FAIL_AT", "");
    assert_hr(S_OK, register_server());
    assert_plan_written(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE);
    assert_hr(S_OK, install(FALSE, NULL));
    assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
}

static void test_install_options(void **state)
{
    HRESULT (WINAPI *install)(BOOL, const WCHAR *) = tcc_test_export("DllInstall");
    BSTR description;

    assert_hr(E_INVALIDARG, install(TRUE, L"bogus"));
    description = tcc_test_error_description();
    assert_non_null(description);
    assert_non_null(wcsstr(description, L"unknown install option 'bogus'"));
    SysFreeString(description);
    assert_hr(E_INVALIDARG, install(TRUE, L"force"));
    assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
    assert_int_not_equal(0, regsvr32(L"/n /i:bogus"));
    /* No options: the same as DllRegisterServer. */
    assert_hr(S_OK, install(TRUE, L""));
    assert_plan_written(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE);
    assert_hr(S_OK, install(FALSE, L""));
    assert_plan_removed(HKEY_LOCAL_MACHINE, TCC_REG_PART_BASE | TCC_REG_PART_DROPIN);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_plan_names_the_generated_guids),
        cmocka_unit_test(test_register_and_unregister),
        cmocka_unit_test(test_dropin_and_unregister),
        cmocka_unit_test(test_dropin_refuses_another_dll),
        cmocka_unit_test(test_per_user_registration),
        cmocka_unit_test(test_failed_registration_rolls_back),
        cmocka_unit_test(test_install_options),
    };

    return cmocka_run_group_tests_name("register", tests, setup, teardown);
}
