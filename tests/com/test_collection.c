/*
 * ITCollection / ITCollection2 and their IEnumVARIANT, through the vtable and
 * through IDispatch, starting from ITTAPI2::CreateEmptyCollectionObject.
 */
#include "harness.h"

#include <string.h>

static ITTAPI2 *tapi;

static int setup(void **state)
{
    if (tcc_test_setup_com(state))
        return -1;
    return FAILED(tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
}

static int teardown(void **state)
{
    ITTAPI2_Release(tapi);
    return tcc_test_teardown_com(state);
}

static ITCollection2 *empty_collection(void)
{
    ITCollection2 *collection = NULL;

    assert_hr(S_OK, ITTAPI2_CreateEmptyCollectionObject(tapi, &collection));
    assert_non_null(collection);
    return collection;
}

/* [tapi, 10, "b"], built by inserting at the front and the back. */
static ITCollection2 *three_items(void)
{
    ITCollection2 *collection = empty_collection();
    VARIANT v;

    V_VT(&v) = VT_I4;
    V_I4(&v) = 10;
    assert_hr(S_OK, ITCollection2_Add(collection, 1, &v));
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = SysAllocString(L"b");
    assert_hr(S_OK, ITCollection2_Add(collection, 2, &v));
    VariantClear(&v);
    V_VT(&v) = VT_DISPATCH;
    V_DISPATCH(&v) = (IDispatch *)tapi;
    assert_hr(S_OK, ITCollection2_Add(collection, 1, &v));   /* copied: AddRef'd */
    return collection;
}

static void test_count_item_add_remove(void **state)
{
    ITCollection2 *collection = empty_collection();
    ULONG tapi_refs = tcc_test_refcount((IUnknown *)tapi);
    LONG count = -1;
    VARIANT v;
    BSTR description;

    assert_hr(S_OK, ITCollection2_get_Count(collection, &count));
    assert_int_equal(0, count);
    assert_hr(E_POINTER, ITCollection2_get_Count(collection, NULL));
    ITCollection2_Release(collection);

    collection = three_items();
    assert_int_equal(tapi_refs + 1, tcc_test_refcount((IUnknown *)tapi));
    assert_hr(S_OK, ITCollection2_get_Count(collection, &count));
    assert_int_equal(3, count);

    assert_hr(S_OK, ITCollection2_get_Item(collection, 1, &v));
    assert_int_equal(VT_DISPATCH, V_VT(&v));
    assert_ptr_equal(tapi, V_DISPATCH(&v));
    assert_int_equal(tapi_refs + 2, tcc_test_refcount((IUnknown *)tapi));
    VariantClear(&v);
    assert_hr(S_OK, ITCollection2_get_Item(collection, 2, &v));
    assert_int_equal(10, V_I4(&v));
    assert_hr(S_OK, ITCollection2_get_Item(collection, 3, &v));
    assert_int_equal(0, wcscmp(V_BSTR(&v), L"b"));
    VariantClear(&v);

    /* Items are numbered from 1. */
    assert_hr(DISP_E_BADINDEX, ITCollection2_get_Item(collection, 0, &v));
    assert_int_equal(VT_EMPTY, V_VT(&v));
    assert_hr(DISP_E_BADINDEX, ITCollection2_get_Item(collection, 4, &v));
    description = tcc_test_error_description();
    assert_non_null(wcsstr(description, L"numbered from 1 to 3"));
    SysFreeString(description);
    assert_hr(E_POINTER, ITCollection2_get_Item(collection, 1, NULL));

    assert_hr(E_INVALIDARG, ITCollection2_Add(collection, 0, &v));
    assert_hr(E_INVALIDARG, ITCollection2_Add(collection, 5, &v));
    assert_hr(E_POINTER, ITCollection2_Add(collection, 1, NULL));
    assert_hr(E_INVALIDARG, ITCollection2_Remove(collection, 4));
    assert_hr(E_INVALIDARG, ITCollection2_Remove(collection, 0));

    assert_hr(S_OK, ITCollection2_Remove(collection, 1));   /* releases its copy of tapi */
    assert_int_equal(tapi_refs, tcc_test_refcount((IUnknown *)tapi));
    assert_hr(S_OK, ITCollection2_get_Item(collection, 1, &v));
    assert_int_equal(10, V_I4(&v));
    assert_hr(S_OK, ITCollection2_get_Count(collection, &count));
    assert_int_equal(2, count);
    ITCollection2_Release(collection);
}

static void test_query_interface(void **state)
{
    ITCollection2 *collection = empty_collection();
    ITCollection *base;
    IDispatch *dispatch;
    ISupportErrorInfo *support;
    void *none = (void *)1;

    assert_hr(S_OK, ITCollection2_QueryInterface(collection, &IID_ITCollection, (void **)&base));
    assert_hr(S_OK, ITCollection2_QueryInterface(collection, &IID_IDispatch, (void **)&dispatch));
    assert_ptr_equal(base, collection);
    assert_ptr_equal(dispatch, collection);
    assert_hr(S_OK, ITCollection2_QueryInterface(collection, &IID_ISupportErrorInfo, (void **)&support));
    assert_hr(S_OK, ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_ITCollection));
    assert_hr(S_FALSE, ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_ITTAPI));
    assert_hr(E_NOINTERFACE, ITCollection2_QueryInterface(collection, &IID_IEnumVARIANT, &none));
    assert_null(none);
    ISupportErrorInfo_Release(support);
    IDispatch_Release(dispatch);
    ITCollection_Release(base);
    assert_int_equal(0, ITCollection2_Release(collection));
}

static void test_new_enum(void **state)
{
    ITCollection2 *collection = three_items();
    IEnumVARIANT *enumerator, *clone;
    IUnknown *unknown;
    VARIANT items[5];
    ULONG fetched = 99;

    assert_hr(S_OK, ITCollection2_get__NewEnum(collection, &unknown));
    assert_hr(S_OK, IUnknown_QueryInterface(unknown, &IID_IEnumVARIANT, (void **)&enumerator));
    IUnknown_Release(unknown);
    /* A snapshot: later changes to the collection do not reach it. */
    assert_hr(S_OK, ITCollection2_Remove(collection, 3));

    assert_hr(S_OK, IEnumVARIANT_Next(enumerator, 1, items, NULL));   /* NULL count, as VBScript passes */
    assert_int_equal(VT_DISPATCH, V_VT(&items[0]));
    VariantClear(&items[0]);
    assert_hr(S_OK, IEnumVARIANT_Clone(enumerator, &clone));
    assert_hr(S_FALSE, IEnumVARIANT_Next(enumerator, 5, items, &fetched));
    assert_int_equal(2, fetched);
    assert_int_equal(10, V_I4(&items[0]));
    assert_int_equal(0, wcscmp(V_BSTR(&items[1]), L"b"));
    VariantClear(&items[0]);
    VariantClear(&items[1]);
    assert_hr(S_FALSE, IEnumVARIANT_Next(enumerator, 1, items, &fetched));
    assert_int_equal(0, fetched);
    assert_hr(E_POINTER, IEnumVARIANT_Next(enumerator, 1, NULL, &fetched));

    assert_hr(S_OK, IEnumVARIANT_Reset(enumerator));
    assert_hr(S_OK, IEnumVARIANT_Skip(enumerator, 2));
    assert_hr(S_FALSE, IEnumVARIANT_Skip(enumerator, 2));
    assert_hr(S_FALSE, IEnumVARIANT_Next(enumerator, 1, items, &fetched));
    /* The clone kept its own place: after the first item. */
    assert_hr(S_OK, IEnumVARIANT_Next(clone, 1, items, &fetched));
    assert_int_equal(1, fetched);
    assert_int_equal(10, V_I4(&items[0]));
    assert_hr(E_POINTER, IEnumVARIANT_Clone(clone, NULL));
    IEnumVARIANT_Release(clone);
    IEnumVARIANT_Release(enumerator);
    ITCollection2_Release(collection);
}

static void test_late_bound(void **state)
{
    ITCollection2 *collection = three_items();
    static const struct { const WCHAR *name; DISPID id; } names[] =
    {
        { L"Count", 0x60020000 }, { L"Item", DISPID_VALUE }, { L"_NewEnum", DISPID_NEWENUM },
        { L"Add", 1 }, { L"Remove", 2 },
    };
    DISPPARAMS params = { 0 };
    EXCEPINFO excepinfo;
    VARIANT arg, result;
    IEnumVARIANT *enumerator;

    for (size_t i = 0; i < ARRAYSIZE(names); i++)
    {
        LPOLESTR name = (LPOLESTR)names[i].name;
        DISPID id = 0;

        assert_hr(S_OK, ITCollection2_GetIDsOfNames(collection, &IID_NULL, &name, 1, 0, &id));
        assert_int_equal(names[i].id, id);
    }
    VariantInit(&result);
    assert_hr(S_OK, ITCollection2_Invoke(collection, 0x60020000, &IID_NULL, 0,
                                         DISPATCH_METHOD | DISPATCH_PROPERTYGET, &params, &result, NULL, NULL));
    assert_int_equal(3, V_I4(&result));

    /* coll.Item(2) and coll(2), as VBScript calls them */
    V_VT(&arg) = VT_I4;
    V_I4(&arg) = 2;
    params.rgvarg = &arg;
    params.cArgs = 1;
    assert_hr(S_OK, ITCollection2_Invoke(collection, DISPID_VALUE, &IID_NULL, 0,
                                         DISPATCH_METHOD | DISPATCH_PROPERTYGET, &params, &result, NULL, NULL));
    assert_int_equal(10, V_I4(&result));
    V_I4(&arg) = 9;
    memset(&excepinfo, 0, sizeof(excepinfo));
    assert_hr(DISP_E_EXCEPTION, ITCollection2_Invoke(collection, DISPID_VALUE, &IID_NULL, 0, DISPATCH_PROPERTYGET,
                                                     &params, &result, &excepinfo, NULL));
    assert_hr(DISP_E_BADINDEX, excepinfo.scode);
    assert_non_null(wcsstr(excepinfo.bstrDescription, L"ITCollection::Item(9)"));
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrHelpFile);

    /* Remove(1) late-bound, then For Each's _NewEnum */
    V_I4(&arg) = 1;
    assert_hr(S_OK, ITCollection2_Invoke(collection, 2, &IID_NULL, 0, DISPATCH_METHOD, &params, NULL, NULL, NULL));
    memset(&params, 0, sizeof(params));
    VariantInit(&result);
    assert_hr(S_OK, ITCollection2_Invoke(collection, DISPID_NEWENUM, &IID_NULL, 0,
                                         DISPATCH_METHOD | DISPATCH_PROPERTYGET, &params, &result, NULL, NULL));
    assert_int_equal(VT_UNKNOWN, V_VT(&result));
    assert_hr(S_OK, IUnknown_QueryInterface(V_UNKNOWN(&result), &IID_IEnumVARIANT, (void **)&enumerator));
    VariantClear(&result);
    assert_hr(S_OK, IEnumVARIANT_Next(enumerator, 1, &result, NULL));
    assert_int_equal(10, V_I4(&result));
    IEnumVARIANT_Release(enumerator);
    ITCollection2_Release(collection);
}

/* CreateEmptyCollectionObject late-bound: the result is an object scripts can use. */
static void test_create_empty_collection_late_bound(void **state)
{
    DISPPARAMS params = { 0 };
    VARIANT result;
    ITCollection *collection;

    VariantInit(&result);
    assert_hr(S_OK, ITTAPI2_Invoke(tapi, 0x10012, &IID_NULL, 0, DISPATCH_METHOD, &params, &result, NULL, NULL));
    assert_int_equal(VT_DISPATCH, V_VT(&result));
    assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&result), &IID_ITCollection, (void **)&collection));
    ITCollection_Release(collection);
    VariantClear(&result);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_count_item_add_remove),
        cmocka_unit_test(test_query_interface),
        cmocka_unit_test(test_new_enum),
        cmocka_unit_test(test_late_bound),
        cmocka_unit_test(test_create_empty_collection_late_bound),
    };

    return cmocka_run_group_tests_name("collection", tests, setup, teardown);
}
