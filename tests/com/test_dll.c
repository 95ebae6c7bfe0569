/*
 * The DLL shell and the objects it serves so far: DllGetClassObject, the class
 * factories, DllCanUnloadNow, the TAPI object (IUnknown, ITTAPI/ITTAPI2 through
 * the vtable and through IDispatch, IProvideClassInfo2, ISupportErrorInfo,
 * IObjectSafety) and DispatchMapper.
 */
#include "harness.h"

#include <string.h>

typedef HRESULT (WINAPI *get_class_object_fn)(REFCLSID, REFIID, void **);
typedef HRESULT (WINAPI *can_unload_fn)(void);

static HRESULT can_unload(void)
{
    can_unload_fn function = tcc_test_export("DllCanUnloadNow");
    return function();
}

static ITTAPI2 *create_tapi(void)
{
    ITTAPI2 *tapi;

    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_non_null(tapi);
    return tapi;
}

/* The DLL exports the five COM entry points and nothing else (test hooks go through
 * ITapi3ccProviderControl). */
static void test_exports_only_com_entry_points(void **state)
{
    static const char *const expected[] = { "DllCanUnloadNow", "DllGetClassObject", "DllInstall", "DllRegisterServer",
                                            "DllUnregisterServer" };
    const BYTE *base = (const BYTE *)tcc_test_dll();
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    const IMAGE_DATA_DIRECTORY *directory = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    const IMAGE_EXPORT_DIRECTORY *exports = (const IMAGE_EXPORT_DIRECTORY *)(base + directory->VirtualAddress);
    const DWORD *names = (const DWORD *)(base + exports->AddressOfNames);

    assert_int_equal(ARRAYSIZE(expected), exports->NumberOfFunctions);
    assert_int_equal(ARRAYSIZE(expected), exports->NumberOfNames);
    for (size_t i = 0; i < ARRAYSIZE(expected); i++)     /* the name table is sorted */
        assert_string_equal(expected[i], (const char *)(base + names[i]));
}

static void test_get_class_object_arguments(void **state)
{
    get_class_object_fn get_class_object = tcc_test_export("DllGetClassObject");
    IClassFactory *factory = (void *)0xdeadbeef;
    static const CLSID unknown_clsid = { 0x12345678, 0x1234, 0x1234, { 1, 2, 3, 4, 5, 6, 7, 8 } };

    assert_hr(E_POINTER, get_class_object(&CLSID_Tapi3cc, &IID_IClassFactory, NULL));
    assert_hr(E_INVALIDARG, get_class_object(NULL, &IID_IClassFactory, (void **)&factory));
    assert_null(factory);
    factory = (void *)0xdeadbeef;
    assert_hr(E_INVALIDARG, get_class_object(&CLSID_Tapi3cc, NULL, (void **)&factory));
    assert_null(factory);
    factory = (void *)0xdeadbeef;
    assert_hr(CLASS_E_CLASSNOTAVAILABLE, get_class_object(&unknown_clsid, &IID_IClassFactory, (void **)&factory));
    assert_null(factory);
    /* The IID of an interface is not a class. */
    assert_hr(CLASS_E_CLASSNOTAVAILABLE, get_class_object(&IID_ITTAPI, &IID_IClassFactory, (void **)&factory));
    assert_hr(E_NOINTERFACE, get_class_object(&CLSID_Tapi3cc, &IID_IDispatch, (void **)&factory));
    assert_null(factory);
}

static void test_every_coclass_has_a_factory(void **state)
{
    get_class_object_fn get_class_object = tcc_test_export("DllGetClassObject");
    const CLSID *classes[] = { &CLSID_Tapi3cc, &CLSID_TAPI, &CLSID_DispatchMapper };
    size_t i;

    for (i = 0; i < ARRAYSIZE(classes); i++)
    {
        IClassFactory *factory;
        IUnknown *unknown, *object;

        assert_hr(S_OK, get_class_object(classes[i], &IID_IClassFactory, (void **)&factory));
        assert_hr(S_OK, get_class_object(classes[i], &IID_IUnknown, (void **)&unknown));
        assert_ptr_equal(factory, unknown);
        assert_hr(S_OK, IClassFactory_CreateInstance(factory, NULL, &IID_IUnknown, (void **)&object));
        assert_hr(S_FALSE, can_unload());
        IUnknown_Release(object);
        IUnknown_Release(unknown);
        IClassFactory_Release(factory);
        assert_hr(S_OK, can_unload());
    }
}

static void test_factory_create_instance_arguments(void **state)
{
    get_class_object_fn get_class_object = tcc_test_export("DllGetClassObject");
    IClassFactory *factory;
    IUnknown *object = (void *)0xdeadbeef;
    ITTAPI *outer;

    outer = (ITTAPI *)create_tapi();
    assert_hr(S_OK, get_class_object(&CLSID_Tapi3cc, &IID_IClassFactory, (void **)&factory));
    assert_hr(E_POINTER, IClassFactory_CreateInstance(factory, NULL, &IID_IUnknown, NULL));
    assert_hr(CLASS_E_NOAGGREGATION,
              IClassFactory_CreateInstance(factory, (IUnknown *)outer, &IID_IUnknown, (void **)&object));
    assert_null(object);
    object = (void *)0xdeadbeef;
    assert_hr(E_NOINTERFACE, IClassFactory_CreateInstance(factory, NULL, &IID_IPersist, (void **)&object));
    assert_null(object);
    ITTAPI_Release(outer);
    /* The failed creations left nothing alive. */
    assert_hr(S_OK, can_unload());
    IClassFactory_Release(factory);
}

static void test_lock_server_keeps_the_dll(void **state)
{
    get_class_object_fn get_class_object = tcc_test_export("DllGetClassObject");
    IClassFactory *factory;

    assert_hr(S_OK, get_class_object(&CLSID_TAPI, &IID_IClassFactory, (void **)&factory));
    assert_hr(S_OK, can_unload());
    assert_hr(S_OK, IClassFactory_LockServer(factory, TRUE));
    assert_hr(S_FALSE, can_unload());
    assert_hr(S_OK, IClassFactory_LockServer(factory, FALSE));
    assert_hr(S_OK, can_unload());
    IClassFactory_Release(factory);
}

static void test_tapi_query_interface_identity(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    IUnknown *unknown, *unknown2, *other;
    IDispatch *dispatch;
    ITTAPI *tapi1;
    IProvideClassInfo2 *class_info;
    ISupportErrorInfo *support;
    IObjectSafety *safety;
    IMarshal *marshal;
    void *none = (void *)0xdeadbeef;

    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IUnknown, (void **)&unknown));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IDispatch, (void **)&dispatch));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPI, (void **)&tapi1));
    /* ITTAPI2 derives from ITTAPI: one vtable serves both, and IDispatch. */
    assert_ptr_equal(tapi1, tapi);
    assert_ptr_equal(dispatch, tapi);

    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IProvideClassInfo2, (void **)&class_info));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ISupportErrorInfo, (void **)&support));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IObjectSafety, (void **)&safety));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IMarshal, (void **)&marshal));

    /* Identity: IUnknown is the same from every interface (the free-threaded
     * marshaler is aggregated, so its IUnknown is ours too). */
    assert_hr(S_OK, IProvideClassInfo2_QueryInterface(class_info, &IID_IUnknown, (void **)&unknown2));
    assert_ptr_equal(unknown, unknown2);
    IUnknown_Release(unknown2);
    assert_hr(S_OK, ISupportErrorInfo_QueryInterface(support, &IID_IUnknown, (void **)&unknown2));
    assert_ptr_equal(unknown, unknown2);
    IUnknown_Release(unknown2);
    assert_hr(S_OK, IObjectSafety_QueryInterface(safety, &IID_IUnknown, (void **)&unknown2));
    assert_ptr_equal(unknown, unknown2);
    IUnknown_Release(unknown2);
    assert_hr(S_OK, IMarshal_QueryInterface(marshal, &IID_IUnknown, (void **)&unknown2));
    assert_ptr_equal(unknown, unknown2);
    IUnknown_Release(unknown2);

    /* Symmetric and transitive: back from a secondary interface to ITTAPI2. */
    assert_hr(S_OK, IObjectSafety_QueryInterface(safety, &IID_ITTAPI2, (void **)&other));
    assert_ptr_equal(other, tapi);
    IUnknown_Release(other);
    assert_hr(S_OK, ISupportErrorInfo_QueryInterface(support, &IID_IProvideClassInfo, (void **)&other));
    assert_ptr_equal(other, class_info);
    IUnknown_Release(other);

    assert_hr(E_NOINTERFACE, ITTAPI2_QueryInterface(tapi, &IID_IPersist, &none));
    assert_null(none);
    assert_hr(E_POINTER, ITTAPI2_QueryInterface(tapi, &IID_IUnknown, NULL));

    IMarshal_Release(marshal);
    IObjectSafety_Release(safety);
    ISupportErrorInfo_Release(support);
    IProvideClassInfo2_Release(class_info);
    ITTAPI_Release(tapi1);
    IDispatch_Release(dispatch);
    IUnknown_Release(unknown);
    ITTAPI2_Release(tapi);
}

static void test_tapi_reference_counts(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    ISupportErrorInfo *support;

    assert_int_equal(1, tcc_test_refcount((IUnknown *)tapi));
    assert_int_equal(2, ITTAPI2_AddRef(tapi));
    assert_int_equal(1, ITTAPI2_Release(tapi));
    /* Secondary interfaces share the object's count. */
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ISupportErrorInfo, (void **)&support));
    assert_int_equal(2, tcc_test_refcount((IUnknown *)tapi));
    assert_int_equal(1, ISupportErrorInfo_Release(support));
    assert_hr(S_FALSE, can_unload());
    assert_int_equal(0, ITTAPI2_Release(tapi));
    assert_hr(S_OK, can_unload());
}

static void test_tapi_initialize_shutdown_and_event_filter(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    LONG mask = -1;

    /* The filter is the client's: readable and writable before Initialize. */
    assert_hr(S_OK, ITTAPI2_get_EventFilter(tapi, &mask));
    assert_int_equal(0, mask);
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, TE_AGENT | TE_AGENTSESSION | TE_QUEUE));
    assert_hr(S_OK, ITTAPI2_Initialize(tapi));
    assert_hr(S_OK, ITTAPI2_get_EventFilter(tapi, &mask));
    assert_int_equal(TE_AGENT | TE_AGENTSESSION | TE_QUEUE, mask);
    assert_hr(S_OK, ITTAPI2_put_EventFilter(tapi, 0));
    assert_hr(S_OK, ITTAPI2_get_EventFilter(tapi, &mask));
    assert_int_equal(0, mask);
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));
    assert_hr(E_POINTER, ITTAPI2_get_EventFilter(tapi, NULL));
    ITTAPI2_Release(tapi);
}

static void assert_error_info_mentions(const WCHAR *text)
{
    BSTR description = tcc_test_error_description();

    assert_non_null(description);
    if (!wcsstr(description, text))
        fail_msg("error description \"%ls\" does not mention \"%ls\"", description, text);
    SysFreeString(description);
}

/* Call control is not ours: every such member says so, with IErrorInfo. */
static void test_tapi_call_control_not_supported(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    IEnumCallHub *call_hubs = (void *)0xdeadbeef;
    IEnumUnknown *privates = (void *)0xdeadbeef;
    IEnumPhone *phones = (void *)0xdeadbeef;
    LONG registration = 77;
    VARIANT v, addresses;

    VariantInit(&addresses);
    SetErrorInfo(0, NULL);
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_RegisterCallNotifications(tapi, NULL, VARIANT_TRUE, VARIANT_TRUE,
                                                                      8, 0, &registration));
    assert_int_equal(0, registration);
    assert_error_info_mentions(L"RegisterCallNotifications is not supported");
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_UnregisterNotifications(tapi, 1));
    assert_error_info_mentions(L"call-center objects only");
    V_VT(&v) = VT_I4;
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_get_CallHubs(tapi, &v));
    assert_int_equal(VT_EMPTY, V_VT(&v));
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_EnumerateCallHubs(tapi, &call_hubs));
    assert_null(call_hubs);
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_SetCallHubTracking(tapi, addresses, VARIANT_TRUE));
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_EnumeratePrivateTAPIObjects(tapi, &privates));
    assert_null(privates);
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_get_PrivateTAPIObjects(tapi, &v));
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_RegisterRequestRecipient(tapi, 0, 1, VARIANT_TRUE));
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_SetAssistedTelephonyPriority(tapi, NULL, VARIANT_TRUE));
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_SetApplicationPriority(tapi, NULL, 8, VARIANT_TRUE));
    assert_error_info_mentions(L"SetApplicationPriority");
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_get_Phones(tapi, &v));
    assert_hr(TAPI_E_NOTSUPPORTED, ITTAPI2_EnumeratePhones(tapi, &phones));
    assert_null(phones);
    assert_error_info_mentions(L"ITTAPI2::EnumeratePhones");
    ITTAPI2_Release(tapi);
}

/* Before Initialize, the members that need providers say so (E_INVALIDARG, as
 * documented for EnumerateAddresses); CreateEmptyCollectionObject needs none. */
static void test_tapi_members_before_initialize(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    IEnumAddress *addresses = (void *)0xdeadbeef;
    VARIANT v;

    assert_hr(E_POINTER, ITTAPI2_get_Addresses(tapi, NULL));
    assert_hr(E_INVALIDARG, ITTAPI2_get_Addresses(tapi, &v));
    assert_error_info_mentions(L"has not been initialized");
    assert_hr(E_POINTER, ITTAPI2_EnumerateAddresses(tapi, NULL));
    assert_hr(E_INVALIDARG, ITTAPI2_EnumerateAddresses(tapi, &addresses));
    assert_null(addresses);
    assert_hr(E_POINTER, ITTAPI2_CreateEmptyCollectionObject(tapi, NULL));   /* works: test_collection */
    ITTAPI2_Release(tapi);
}

static void test_tapi_dispatch_type_info(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    ITypeInfo *typeinfo;
    TYPEATTR *attr;
    UINT count = 0;

    assert_hr(S_OK, ITTAPI2_GetTypeInfoCount(tapi, &count));
    assert_int_equal(1, count);
    assert_hr(E_POINTER, ITTAPI2_GetTypeInfoCount(tapi, NULL));
    assert_hr(DISP_E_BADINDEX, ITTAPI2_GetTypeInfo(tapi, 1, 0, &typeinfo));
    assert_hr(E_POINTER, ITTAPI2_GetTypeInfo(tapi, 0, 0, NULL));
    assert_hr(S_OK, ITTAPI2_GetTypeInfo(tapi, 0, 0, &typeinfo));
    assert_hr(S_OK, ITypeInfo_GetTypeAttr(typeinfo, &attr));
    assert_true(IsEqualGUID(&attr->guid, &IID_ITTAPI2));
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    ITypeInfo_Release(typeinfo);
    ITTAPI2_Release(tapi);
}

static void test_tapi_dispatch_get_ids_of_names(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    static const struct { const WCHAR *name; DISPID id; } names[] =
    {
        { L"Initialize", 0x1000D }, { L"Shutdown", 0x1000E }, { L"Addresses", 0x10001 },
        { L"EventFilter", 0x1000F }, { L"eventfilter", 0x1000F }, { L"Phones", 0x10010 },
        { L"CreateEmptyCollectionObject", 0x10012 }, { L"CallHubs", 0x10005 },
    };
    LPOLESTR name;
    DISPID id;
    size_t i;

    for (i = 0; i < ARRAYSIZE(names); i++)
    {
        name = (LPOLESTR)names[i].name;
        id = 0;
        assert_hr(S_OK, ITTAPI2_GetIDsOfNames(tapi, &IID_NULL, &name, 1, 0, &id));
        assert_int_equal(names[i].id, id);
    }
    name = (LPOLESTR)L"NoSuchMember";
    assert_hr(DISP_E_UNKNOWNNAME, ITTAPI2_GetIDsOfNames(tapi, &IID_NULL, &name, 1, 0, &id));
    assert_int_equal(DISPID_UNKNOWN, id);
    name = (LPOLESTR)L"EventFilter";
    assert_hr(DISP_E_UNKNOWNINTERFACE, ITTAPI2_GetIDsOfNames(tapi, &IID_ITTAPI, &name, 1, 0, &id));
    assert_hr(E_POINTER, ITTAPI2_GetIDsOfNames(tapi, &IID_NULL, NULL, 1, 0, &id));
    ITTAPI2_Release(tapi);
}

static void test_tapi_dispatch_invoke(void **state)
{
    ITTAPI2 *tapi = create_tapi();
    DISPID put_id = DISPID_PROPERTYPUT;
    DISPPARAMS params = { 0 };
    EXCEPINFO excepinfo;
    VARIANT arg, result;
    UINT arg_error;

    /* put then get EventFilter, late-bound */
    V_VT(&arg) = VT_I4;
    V_I4(&arg) = TE_AGENT | TE_ACDGROUP;
    params.rgvarg = &arg;
    params.cArgs = 1;
    params.rgdispidNamedArgs = &put_id;
    params.cNamedArgs = 1;
    assert_hr(S_OK, ITTAPI2_Invoke(tapi, 0x1000F, &IID_NULL, 0, DISPATCH_PROPERTYPUT, &params, NULL, NULL, NULL));
    memset(&params, 0, sizeof(params));
    VariantInit(&result);
    assert_hr(S_OK, ITTAPI2_Invoke(tapi, 0x1000F, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL));
    assert_int_equal(VT_I4, V_VT(&result));
    assert_int_equal(TE_AGENT | TE_ACDGROUP, V_I4(&result));
    /* VBScript reads properties with METHOD|PROPERTYGET. */
    VariantInit(&result);
    assert_hr(S_OK, ITTAPI2_Invoke(tapi, 0x1000F, &IID_NULL, 0, DISPATCH_METHOD | DISPATCH_PROPERTYGET,
                                   &params, &result, NULL, NULL));
    assert_int_equal(TE_AGENT | TE_ACDGROUP, V_I4(&result));

    assert_hr(S_OK, ITTAPI2_Invoke(tapi, 0x1000D, &IID_NULL, 0, DISPATCH_METHOD, &params, NULL, NULL, NULL));
    assert_hr(S_OK, ITTAPI2_Invoke(tapi, 0x1000E, &IID_NULL, 0, DISPATCH_METHOD, &params, NULL, NULL, NULL));

    /* A failing member becomes DISP_E_EXCEPTION with our HRESULT and message. */
    memset(&excepinfo, 0, sizeof(excepinfo));
    VariantInit(&result);
    assert_hr(DISP_E_EXCEPTION, ITTAPI2_Invoke(tapi, 0x10005, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params,
                                               &result, &excepinfo, &arg_error));
    assert_hr(TAPI_E_NOTSUPPORTED, excepinfo.scode);
    assert_non_null(excepinfo.bstrDescription);
    assert_non_null(wcsstr(excepinfo.bstrDescription, L"call-center objects only"));
    SysFreeString(excepinfo.bstrDescription);
    SysFreeString(excepinfo.bstrSource);
    SysFreeString(excepinfo.bstrHelpFile);

    assert_hr(DISP_E_MEMBERNOTFOUND, ITTAPI2_Invoke(tapi, 0x1FFFF, &IID_NULL, 0, DISPATCH_METHOD, &params,
                                                    NULL, NULL, NULL));
    assert_hr(DISP_E_UNKNOWNINTERFACE, ITTAPI2_Invoke(tapi, 0x1000D, &IID_ITTAPI, 0, DISPATCH_METHOD, &params,
                                                      NULL, NULL, NULL));
    assert_hr(E_INVALIDARG, ITTAPI2_Invoke(tapi, 0x1000D, &IID_NULL, 0, DISPATCH_METHOD, NULL, NULL, NULL, NULL));
    /* A missing argument is the dispatcher's error, not a crash (Windows' oleaut32
     * says BADPARAMCOUNT, Wine's PARAMNOTFOUND). */
    {
        HRESULT hr = ITTAPI2_Invoke(tapi, 0x1000F, &IID_NULL, 0, DISPATCH_PROPERTYPUT, &params, NULL, NULL, NULL);

        if (hr != DISP_E_BADPARAMCOUNT && hr != DISP_E_PARAMNOTFOUND)
            fail_msg("Invoke(put EventFilter) without its argument returned 0x%08lx", (unsigned long)hr);
    }
    ITTAPI2_Release(tapi);
}

static void check_class_info(const CLSID *clsid)
{
    IProvideClassInfo2 *class_info;
    ITypeInfo *typeinfo;
    TYPEATTR *attr;
    GUID guid;

    assert_hr(S_OK, tcc_test_create(clsid, &IID_IProvideClassInfo2, (void **)&class_info));
    assert_hr(S_OK, IProvideClassInfo2_GetClassInfo(class_info, &typeinfo));
    assert_hr(S_OK, ITypeInfo_GetTypeAttr(typeinfo, &attr));
    assert_int_equal(TKIND_COCLASS, attr->typekind);
    assert_true(IsEqualGUID(&attr->guid, clsid));
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    ITypeInfo_Release(typeinfo);
    assert_hr(E_POINTER, IProvideClassInfo2_GetClassInfo(class_info, NULL));

    assert_hr(S_OK, IProvideClassInfo2_GetGUID(class_info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, &guid));
    assert_true(IsEqualGUID(&guid, &DIID_ITTAPIDispatchEventNotification));
    assert_hr(E_INVALIDARG, IProvideClassInfo2_GetGUID(class_info, 2, &guid));
    assert_hr(E_POINTER, IProvideClassInfo2_GetGUID(class_info, GUIDKIND_DEFAULT_SOURCE_DISP_IID, NULL));
    IProvideClassInfo2_Release(class_info);
}

static void test_tapi_provide_class_info(void **state)
{
    check_class_info(&CLSID_Tapi3cc);
    check_class_info(&CLSID_TAPI);
}

static void test_tapi_support_error_info(void **state)
{
    ISupportErrorInfo *support;

    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ISupportErrorInfo, (void **)&support));
    assert_hr(S_OK, ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_ITTAPI));
    assert_hr(S_OK, ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_ITTAPI2));
    assert_hr(S_FALSE, ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IPersist));
    ISupportErrorInfo_Release(support);
}

static void test_tapi_object_safety(void **state)
{
    IObjectSafety *safety;
    DWORD supported = 0, enabled = 1;

    assert_hr(S_OK, tcc_test_create(&CLSID_TAPI, &IID_IObjectSafety, (void **)&safety));
    assert_hr(S_OK, IObjectSafety_GetInterfaceSafetyOptions(safety, &IID_ITTAPI, &supported, &enabled));
    assert_int_equal(INTERFACESAFE_FOR_UNTRUSTED_CALLER | INTERFACESAFE_FOR_UNTRUSTED_DATA, supported);
    assert_int_equal(0, enabled);
    assert_hr(S_OK, IObjectSafety_SetInterfaceSafetyOptions(safety, &IID_IDispatch,
                                                            INTERFACESAFE_FOR_UNTRUSTED_CALLER,
                                                            INTERFACESAFE_FOR_UNTRUSTED_CALLER));
    assert_hr(S_OK, IObjectSafety_GetInterfaceSafetyOptions(safety, &IID_ITTAPI2, &supported, &enabled));
    assert_int_equal(INTERFACESAFE_FOR_UNTRUSTED_CALLER, enabled);
    assert_hr(E_FAIL, IObjectSafety_SetInterfaceSafetyOptions(safety, &IID_ITTAPI, 0x100, 0x100));
    assert_hr(E_NOINTERFACE, IObjectSafety_GetInterfaceSafetyOptions(safety, &IID_IPersist, &supported, &enabled));
    assert_hr(E_POINTER, IObjectSafety_GetInterfaceSafetyOptions(safety, &IID_ITTAPI, NULL, &enabled));
    IObjectSafety_Release(safety);
}

static BSTR guid_string(const GUID *guid)
{
    WCHAR text[40];

    StringFromGUID2(guid, text, ARRAYSIZE(text));
    return SysAllocString(text);
}

static void test_dispatch_mapper_maps_safe_interfaces(void **state)
{
    ITDispatchMapper *mapper;
    ITTAPI2 *tapi = create_tapi();
    IDispatch *mapped = NULL;
    BSTR iid = guid_string(&IID_ITTAPI);

    assert_hr(S_OK, tcc_test_create(&CLSID_DispatchMapper, &IID_ITDispatchMapper, (void **)&mapper));
    assert_hr(S_OK, ITDispatchMapper_QueryDispatchInterface(mapper, iid, (IDispatch *)tapi, &mapped));
    assert_ptr_equal(mapped, tapi);
    IDispatch_Release(mapped);
    SysFreeString(iid);

    /* The route scripts take to the call-center interface: its own IDispatch, which
     * finds AgentHandlers (0x20002) on the object's one dispatch. */
    {
        ITTAPICallCenter *center;
        LPOLESTR name = (LPOLESTR)L"AgentHandlers";
        DISPID id;

        iid = guid_string(&IID_ITTAPICallCenter);
        assert_hr(S_OK, ITDispatchMapper_QueryDispatchInterface(mapper, iid, (IDispatch *)tapi, &mapped));
        assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
        assert_ptr_equal(mapped, center);
        assert_hr(S_OK, IDispatch_GetIDsOfNames(mapped, &IID_NULL, &name, 1, 0, &id));
        assert_int_equal(0x20002, id);
        ITTAPICallCenter_Release(center);
        IDispatch_Release(mapped);
        SysFreeString(iid);
    }

    /* Late-bound, as a script would call it. */
    {
        LPOLESTR name = (LPOLESTR)L"QueryDispatchInterface";
        DISPPARAMS params = { 0 };
        VARIANT args[2], result;
        DISPID id;

        assert_hr(S_OK, ITDispatchMapper_GetIDsOfNames(mapper, &IID_NULL, &name, 1, 0, &id));
        assert_int_equal(1, id);
        V_VT(&args[1]) = VT_BSTR;
        V_BSTR(&args[1]) = guid_string(&IID_ITTAPI2);
        V_VT(&args[0]) = VT_DISPATCH;
        V_DISPATCH(&args[0]) = (IDispatch *)tapi;
        params.rgvarg = args;
        params.cArgs = 2;
        VariantInit(&result);
        assert_hr(S_OK, ITDispatchMapper_Invoke(mapper, id, &IID_NULL, 0, DISPATCH_METHOD, &params, &result,
                                                NULL, NULL));
        assert_int_equal(VT_DISPATCH, V_VT(&result));
        assert_ptr_equal(V_DISPATCH(&result), tapi);
        VariantClear(&result);
        SysFreeString(V_BSTR(&args[1]));
    }
    ITDispatchMapper_Release(mapper);
    ITTAPI2_Release(tapi);
}

static void test_dispatch_mapper_errors(void **state)
{
    ITDispatchMapper *mapper;
    ITTAPI2 *tapi = create_tapi();
    IDispatch *mapped = (void *)0xdeadbeef;
    BSTR iid = guid_string(&IID_ITTAPI), not_a_guid = SysAllocString(L"ITTAPI");
    BSTR unsafe = guid_string(&IID_IProvideClassInfo2), absent = guid_string(&IID_ITAgent);

    assert_hr(S_OK, tcc_test_create(&CLSID_DispatchMapper, &IID_ITDispatchMapper, (void **)&mapper));
    assert_hr(E_POINTER, ITDispatchMapper_QueryDispatchInterface(mapper, iid, (IDispatch *)tapi, NULL));
    assert_hr(E_INVALIDARG, ITDispatchMapper_QueryDispatchInterface(mapper, not_a_guid, (IDispatch *)tapi, &mapped));
    assert_null(mapped);
    assert_error_info_mentions(L"is not an interface ID");
    assert_hr(E_INVALIDARG, ITDispatchMapper_QueryDispatchInterface(mapper, NULL, (IDispatch *)tapi, &mapped));
    assert_hr(E_POINTER, ITDispatchMapper_QueryDispatchInterface(mapper, iid, NULL, &mapped));
    /* The mapper itself has no IObjectSafety: nothing of it is handed out. */
    assert_hr(E_NOINTERFACE, ITDispatchMapper_QueryDispatchInterface(mapper, iid, (IDispatch *)mapper, &mapped));
    assert_error_info_mentions(L"IObjectSafety");
    /* Interfaces the object does not declare safe, or does not have. */
    assert_hr(E_NOINTERFACE, ITDispatchMapper_QueryDispatchInterface(mapper, unsafe, (IDispatch *)tapi, &mapped));
    assert_hr(E_NOINTERFACE, ITDispatchMapper_QueryDispatchInterface(mapper, absent, (IDispatch *)tapi, &mapped));
    assert_null(mapped);
    SysFreeString(iid);
    SysFreeString(not_a_guid);
    SysFreeString(unsafe);
    SysFreeString(absent);
    ITDispatchMapper_Release(mapper);
    ITTAPI2_Release(tapi);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_exports_only_com_entry_points),
        cmocka_unit_test(test_get_class_object_arguments),
        cmocka_unit_test(test_every_coclass_has_a_factory),
        cmocka_unit_test(test_factory_create_instance_arguments),
        cmocka_unit_test(test_lock_server_keeps_the_dll),
        cmocka_unit_test(test_tapi_query_interface_identity),
        cmocka_unit_test(test_tapi_reference_counts),
        cmocka_unit_test(test_tapi_initialize_shutdown_and_event_filter),
        cmocka_unit_test(test_tapi_call_control_not_supported),
        cmocka_unit_test(test_tapi_members_before_initialize),
        cmocka_unit_test(test_tapi_dispatch_type_info),
        cmocka_unit_test(test_tapi_dispatch_get_ids_of_names),
        cmocka_unit_test(test_tapi_dispatch_invoke),
        cmocka_unit_test(test_tapi_provide_class_info),
        cmocka_unit_test(test_tapi_support_error_info),
        cmocka_unit_test(test_tapi_object_safety),
        cmocka_unit_test(test_dispatch_mapper_maps_safe_interfaces),
        cmocka_unit_test(test_dispatch_mapper_errors),
    };

    return cmocka_run_group_tests_name("dll", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
