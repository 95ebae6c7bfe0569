/*
 * The type library embedded in tapi3cc.dll, checked member by member against the
 * table written from the spec (tests/spec/members.h): name, DISPID, invoke kind,
 * hidden/restricted flags and vtable offset of every member of every interface,
 * the type flags of every interface, the coclasses and the event dispinterface.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

enum kind { DUAL, UNKNOWN, SINK, DISPATCH };

struct interface_row
{
    const char *name;
    const IID *iid;
    enum kind kind;
};

#define TCC_INTERFACE(name, iid_text, kind) { #name, &IID_##name, kind },
static const struct interface_row interfaces[] =
{
#include "interfaces.h"
};
#undef TCC_INTERFACE

#define FUNC INVOKE_FUNC
#define GET INVOKE_PROPERTYGET
#define PUT INVOKE_PROPERTYPUT
#define HIDDEN FUNCFLAG_FHIDDEN
#define RESTRICTED FUNCFLAG_FRESTRICTED

struct member_row
{
    const char *iface;
    int slot;
    const WCHAR *name;
    MEMBERID dispid;
    INVOKEKIND kind;
    WORD flags;
};

#define WIDE2(x) L##x
#define WIDE(x) WIDE2(x)
#define TCC_MEMBER(iface, c_name, slot, name, dispid, kind, flags) { #iface, slot, WIDE(name), dispid, kind, flags },
static const struct member_row members[] =
{
#include "members.h"
};
#undef TCC_MEMBER

static ITypeLib *typelib;

static int load_typelib(void **state)
{
    HRESULT hr;

    if (tcc_test_setup_com(state))
        return -1;
    hr = LoadTypeLibEx(tcc_test_dll_path(), REGKIND_NONE, &typelib);
    if (FAILED(hr))
    {
        fprintf(stderr, "LoadTypeLibEx(%ls) failed: 0x%08lx\n", tcc_test_dll_path(), (unsigned long)hr);
        return -1;
    }
    return 0;
}

static int release_typelib(void **state)
{
    ITypeLib_Release(typelib);
    return tcc_test_teardown_com(state);
}

static void test_library_attributes(void **state)
{
    TLIBATTR *attr;
    BSTR name = NULL;

    assert_hr(S_OK, ITypeLib_GetLibAttr(typelib, &attr));
    assert_true(IsEqualGUID(&attr->guid, &LIBID_TAPI3CCLib));
    assert_int_equal(1, attr->wMajorVerNum);
    assert_int_equal(0, attr->wMinorVerNum);
    assert_int_equal(sizeof(void *) == 8 ? SYS_WIN64 : SYS_WIN32, attr->syskind);
    ITypeLib_ReleaseTLibAttr(typelib, attr);
    assert_hr(S_OK, ITypeLib_GetDocumentation(typelib, -1, &name, NULL, NULL, NULL));
    assert_int_equal(0, wcscmp(name, L"TAPI3CCLib"));
    SysFreeString(name);
}

/* The vtable-level type info of an interface: for a dual interface, the
 * TKIND_INTERFACE half; for the others, the type info itself. */
static ITypeInfo *interface_typeinfo(const struct interface_row *row)
{
    ITypeInfo *typeinfo, *vtable_info;
    TYPEATTR *attr;
    HREFTYPE href;

    assert_hr(S_OK, ITypeLib_GetTypeInfoOfGuid(typelib, row->iid, &typeinfo));
    assert_hr(S_OK, ITypeInfo_GetTypeAttr(typeinfo, &attr));
    switch (row->kind)
    {
    case DUAL:
        if (attr->typekind != TKIND_DISPATCH || !(attr->wTypeFlags & TYPEFLAG_FDUAL))
            fail_msg("%s: expected a dual interface, typekind %d flags 0x%x", row->name, attr->typekind,
                     attr->wTypeFlags);
        assert_true(attr->wTypeFlags & TYPEFLAG_FDISPATCHABLE);
        ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
        assert_hr(S_OK, ITypeInfo_GetRefTypeOfImplType(typeinfo, -1, &href));
        assert_hr(S_OK, ITypeInfo_GetRefTypeInfo(typeinfo, href, &vtable_info));
        ITypeInfo_Release(typeinfo);
        return vtable_info;
    case UNKNOWN:
        assert_int_equal(TKIND_INTERFACE, attr->typekind);
        if (!(attr->wTypeFlags & TYPEFLAG_FHIDDEN))
            fail_msg("%s: the enumerator should be hidden (flags 0x%x)", row->name, attr->wTypeFlags);
        break;
    case SINK:
        assert_int_equal(TKIND_INTERFACE, attr->typekind);
        assert_true(attr->wTypeFlags & TYPEFLAG_FOLEAUTOMATION);
        break;
    case DISPATCH:
        assert_int_equal(TKIND_INTERFACE, attr->typekind);
        assert_true(attr->wTypeFlags & TYPEFLAG_FDISPATCHABLE);
        break;
    }
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    return typeinfo;
}

static const FUNCDESC *find_function(ITypeInfo *typeinfo, UINT count, MEMBERID dispid, INVOKEKIND kind,
                                     FUNCDESC **found)
{
    UINT i;

    for (i = 0; i < count; i++)
    {
        FUNCDESC *desc;

        assert_hr(S_OK, ITypeInfo_GetFuncDesc(typeinfo, i, &desc));
        if (desc->memid == dispid && desc->invkind == kind)
            return *found = desc;
        ITypeInfo_ReleaseFuncDesc(typeinfo, desc);
    }
    return *found = NULL;
}

static void test_every_member_matches_the_spec(void **state)
{
    size_t i, j, checked = 0;

    for (i = 0; i < ARRAYSIZE(interfaces); i++)
    {
        const struct interface_row *row = &interfaces[i];
        ITypeInfo *typeinfo = interface_typeinfo(row);
        size_t expected = 0;
        TYPEATTR *attr;

        assert_hr(S_OK, ITypeInfo_GetTypeAttr(typeinfo, &attr));
        for (j = 0; j < ARRAYSIZE(members); j++)
        {
            const struct member_row *member = &members[j];
            FUNCDESC *desc;
            BSTR name;

            if (strcmp(member->iface, row->name))
                continue;
            expected++;
            if (!find_function(typeinfo, attr->cFuncs, member->dispid, member->kind, &desc))
                fail_msg("%s: no member with DISPID 0x%lx and invoke kind %d (%ls)", row->name,
                         (unsigned long)member->dispid, member->kind, member->name);
            assert_hr(S_OK, ITypeInfo_GetDocumentation(typeinfo, desc->memid, &name, NULL, NULL, NULL));
            if (wcscmp(name, member->name))
                fail_msg("%s: DISPID 0x%lx is named %ls, expected %ls", row->name,
                         (unsigned long)member->dispid, name, member->name);
            SysFreeString(name);
            if ((desc->wFuncFlags & (FUNCFLAG_FHIDDEN | FUNCFLAG_FRESTRICTED)) != member->flags)
                fail_msg("%s.%ls: flags 0x%x, expected 0x%x", row->name, member->name,
                         desc->wFuncFlags, member->flags);
            if (desc->oVft != member->slot * (int)sizeof(void *))
                fail_msg("%s.%ls: vtable offset %d, expected slot %d", row->name, member->name,
                         desc->oVft, member->slot);
            assert_int_equal(CC_STDCALL, desc->callconv);
            ITypeInfo_ReleaseFuncDesc(typeinfo, desc);
            checked++;
        }
        /* No member the spec does not list. */
        if (attr->cFuncs != expected)
            fail_msg("%s: %u members in the type library, %u in the spec", row->name, attr->cFuncs,
                     (unsigned)expected);
        ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
        ITypeInfo_Release(typeinfo);
    }
    assert_int_equal(ARRAYSIZE(members), checked);
    printf("type library: %u members of %u interfaces match the spec\n", (unsigned)checked,
           (unsigned)ARRAYSIZE(interfaces));
}

/* Scripts and VB find names through the dispatch half of a dual interface. */
static void test_names_resolve_through_dispatch_type_info(void **state)
{
    size_t i, j;

    for (i = 0; i < ARRAYSIZE(interfaces); i++)
    {
        const struct interface_row *row = &interfaces[i];
        ITypeInfo *typeinfo;

        if (row->kind != DUAL)
            continue;
        assert_hr(S_OK, ITypeLib_GetTypeInfoOfGuid(typelib, row->iid, &typeinfo));
        for (j = 0; j < ARRAYSIZE(members); j++)
        {
            LPOLESTR name = (LPOLESTR)members[j].name;
            MEMBERID id = 0;

            if (strcmp(members[j].iface, row->name))
                continue;
            assert_hr(S_OK, ITypeInfo_GetIDsOfNames(typeinfo, &name, 1, &id));
            if (id != members[j].dispid)
                fail_msg("%s: GetIDsOfNames(%ls) = 0x%lx, expected 0x%lx", row->name, members[j].name,
                         (unsigned long)id, (unsigned long)members[j].dispid);
        }
        ITypeInfo_Release(typeinfo);
    }
}

static void check_coclass(const CLSID *clsid, const IID *default_iid, const IID *source_iid)
{
    ITypeInfo *typeinfo, *implemented;
    BOOL saw_default = FALSE, saw_source = !source_iid;
    TYPEATTR *attr, *impl_attr;
    UINT i;

    assert_hr(S_OK, ITypeLib_GetTypeInfoOfGuid(typelib, clsid, &typeinfo));
    assert_hr(S_OK, ITypeInfo_GetTypeAttr(typeinfo, &attr));
    assert_int_equal(TKIND_COCLASS, attr->typekind);
    assert_true(attr->wTypeFlags & TYPEFLAG_FCANCREATE);
    for (i = 0; i < attr->cImplTypes; i++)
    {
        HREFTYPE href;
        INT flags;

        assert_hr(S_OK, ITypeInfo_GetImplTypeFlags(typeinfo, i, &flags));
        assert_hr(S_OK, ITypeInfo_GetRefTypeOfImplType(typeinfo, i, &href));
        assert_hr(S_OK, ITypeInfo_GetRefTypeInfo(typeinfo, href, &implemented));
        assert_hr(S_OK, ITypeInfo_GetTypeAttr(implemented, &impl_attr));
        if ((flags & IMPLTYPEFLAG_FDEFAULT) && !(flags & IMPLTYPEFLAG_FSOURCE))
        {
            assert_true(IsEqualGUID(&impl_attr->guid, default_iid));
            saw_default = TRUE;
        }
        if ((flags & IMPLTYPEFLAG_FDEFAULT) && (flags & IMPLTYPEFLAG_FSOURCE))
        {
            assert_true(IsEqualGUID(&impl_attr->guid, source_iid));
            saw_source = TRUE;
        }
        ITypeInfo_ReleaseTypeAttr(implemented, impl_attr);
        ITypeInfo_Release(implemented);
    }
    assert_true(saw_default);
    assert_true(saw_source);
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    ITypeInfo_Release(typeinfo);
}

static void test_coclasses(void **state)
{
    check_coclass(&CLSID_Tapi3cc, &IID_ITTAPI, &DIID_ITTAPIDispatchEventNotification);
    check_coclass(&CLSID_TAPI, &IID_ITTAPI, &DIID_ITTAPIDispatchEventNotification);
    check_coclass(&CLSID_DispatchMapper, &IID_ITDispatchMapper, NULL);
}

static void test_event_dispinterface(void **state)
{
    ITypeInfo *typeinfo;
    TYPEATTR *attr;
    LPOLESTR name = (LPOLESTR)L"Event";
    MEMBERID id = 0;
    FUNCDESC *desc;

    assert_hr(S_OK, ITypeLib_GetTypeInfoOfGuid(typelib, &DIID_ITTAPIDispatchEventNotification, &typeinfo));
    assert_hr(S_OK, ITypeInfo_GetTypeAttr(typeinfo, &attr));
    assert_int_equal(TKIND_DISPATCH, attr->typekind);
    assert_false(attr->wTypeFlags & TYPEFLAG_FDUAL);
    ITypeInfo_ReleaseTypeAttr(typeinfo, attr);
    assert_hr(S_OK, ITypeInfo_GetIDsOfNames(typeinfo, &name, 1, &id));
    assert_int_equal(1, id);
    assert_hr(S_OK, ITypeInfo_GetFuncDesc(typeinfo, 0, &desc));
    assert_int_equal(1, desc->memid);
    assert_int_equal(2, desc->cParams);
    assert_int_equal(VT_USERDEFINED, desc->lprgelemdescParam[0].tdesc.vt);  /* TAPI_EVENT */
    assert_int_equal(VT_DISPATCH, desc->lprgelemdescParam[1].tdesc.vt);
    ITypeInfo_ReleaseFuncDesc(typeinfo, desc);
    ITypeInfo_Release(typeinfo);
}

/* The parameter types that scripts convert to: a few that matter most. */
static void test_parameter_types(void **state)
{
    static const struct { const IID *iid; MEMBERID dispid; INVOKEKIND kind; VARTYPE type; } rows[] =
    {
        { &IID_ITAgent, 8, INVOKE_PROPERTYGET, VT_CY },               /* OverallCallRate */
        { &IID_ITAgentSession, 14, INVOKE_PROPERTYGET, VT_CY },       /* ACDCallRate */
        { &IID_ITAgentSession, 5, INVOKE_PROPERTYGET, VT_DATE },      /* SessionStartTime */
        { &IID_ITAgentSession, 6, INVOKE_PROPERTYGET, VT_I4 },        /* SessionDuration */
        { &IID_ITAgent, 15, INVOKE_PROPERTYGET, VT_VARIANT },         /* AgentSessions */
        { &IID_ITAgent, 4, INVOKE_PROPERTYGET, VT_BSTR },             /* ID */
        { &IID_ITTAPI, 0x1000F, INVOKE_PROPERTYGET, VT_I4 },          /* EventFilter */
    };
    size_t i;

    for (i = 0; i < ARRAYSIZE(rows); i++)
    {
        ITypeInfo *typeinfo, *vtable_info;
        TYPEATTR *attr;
        FUNCDESC *desc;
        HREFTYPE href;
        TYPEDESC *type;

        assert_hr(S_OK, ITypeLib_GetTypeInfoOfGuid(typelib, rows[i].iid, &typeinfo));
        assert_hr(S_OK, ITypeInfo_GetRefTypeOfImplType(typeinfo, -1, &href));
        assert_hr(S_OK, ITypeInfo_GetRefTypeInfo(typeinfo, href, &vtable_info));
        assert_hr(S_OK, ITypeInfo_GetTypeAttr(vtable_info, &attr));
        assert_non_null(find_function(vtable_info, attr->cFuncs, rows[i].dispid, rows[i].kind, &desc));
        /* [out, retval] T* is the last parameter: a pointer to the property's type. */
        assert_int_equal(VT_HRESULT, desc->elemdescFunc.tdesc.vt);
        type = &desc->lprgelemdescParam[desc->cParams - 1].tdesc;
        assert_int_equal(VT_PTR, type->vt);
        assert_int_equal(rows[i].type, type->lptdesc->vt);
        ITypeInfo_ReleaseFuncDesc(vtable_info, desc);
        ITypeInfo_ReleaseTypeAttr(vtable_info, attr);
        ITypeInfo_Release(vtable_info);
        ITypeInfo_Release(typeinfo);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_library_attributes),
        cmocka_unit_test(test_every_member_matches_the_spec),
        cmocka_unit_test(test_names_resolve_through_dispatch_type_info),
        cmocka_unit_test(test_coclasses),
        cmocka_unit_test(test_event_dispinterface),
        cmocka_unit_test(test_parameter_types),
    };

    return cmocka_run_group_tests_name("typelib", tests, load_typelib, release_typelib);
}
