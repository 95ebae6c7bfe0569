/*
 * IDispatch for our objects, driven by the embedded type library: GetIDsOfNames and
 * Invoke go through ITypeInfo, which calls the object's own vtable, so the late-bound
 * path can never disagree with the early-bound one.
 *
 * The common calls take a shorter road, built once per interface from the same type
 * information: names looked up in a table, and members without arguments — every
 * property get, Enumerate*, CreateAgent — called straight through their vtable slot,
 * with failures turned into DISP_E_EXCEPTION and an EXCEPINFO as ITypeInfo::Invoke
 * does.  Anything else (arguments, puts, named arguments) goes to ITypeInfo::Invoke.
 */
#include "dispatch.h"

struct fast_member
{
    DISPID id;
    UINT slot;              /* vtable index */
    VARTYPE vt;             /* what the [out, retval] is: VT_I4, VT_BSTR, VT_DISPATCH ... */
};

struct fast_name
{
    BSTR name;
    DISPID id;
};

struct tcc_dispatch_table
{
    struct fast_member *members;
    UINT member_count;
    struct fast_name *names;
    UINT name_count;
};

/* Tables are made once per type and kept until the DLL unloads: readers need no
 * lock, only the published pointer. */
static struct tcc_dispatch_table *tables[TCC_TID_COUNT];
static SRWLOCK table_lock = SRWLOCK_INIT;

/* The Automation type of a retval pointed to by `desc` (VT_EMPTY: not a simple one). */
static VARTYPE retval_type(ITypeInfo *info, const TYPEDESC *desc)
{
    ITypeInfo *target;
    TYPEATTR *attr;
    VARTYPE vt = VT_EMPTY;

    if (desc->vt != VT_PTR)
        return VT_EMPTY;
    desc = desc->lptdesc;
    switch (desc->vt)
    {
    case VT_I4: case VT_INT: case VT_BSTR: case VT_DATE: case VT_CY: case VT_BOOL: case VT_VARIANT:
        return desc->vt == VT_INT ? VT_I4 : desc->vt;
    case VT_USERDEFINED:            /* an enum */
    case VT_PTR:                    /* an interface pointer */
        if (desc->vt == VT_PTR)
            desc = desc->lptdesc;
        if (desc->vt != VT_USERDEFINED || FAILED(ITypeInfo_GetRefTypeInfo(info, desc->hreftype, &target)))
            return VT_EMPTY;
        if (SUCCEEDED(ITypeInfo_GetTypeAttr(target, &attr)))
        {
            if (attr->typekind == TKIND_ENUM)
                vt = VT_I4;
            else if (attr->typekind == TKIND_DISPATCH || (attr->wTypeFlags & TYPEFLAG_FDUAL))
                vt = VT_DISPATCH;
            else if (attr->typekind == TKIND_INTERFACE)
                vt = VT_UNKNOWN;
            ITypeInfo_ReleaseTypeAttr(target, attr);
        }
        ITypeInfo_Release(target);
        return vt;
    }
    return VT_EMPTY;
}

static BOOL add_member(struct tcc_dispatch_table *table, DISPID id, UINT slot, VARTYPE vt)
{
    struct fast_member *grown = table->members
        ? HeapReAlloc(GetProcessHeap(), 0, table->members, (table->member_count + 1) * sizeof(*grown))
        : HeapAlloc(GetProcessHeap(), 0, sizeof(*grown));

    if (!grown)
        return FALSE;
    table->members = grown;
    table->members[table->member_count++] = (struct fast_member){ id, slot, vt };
    return TRUE;
}

/* The members of an interface's vtable view and of its bases up to IDispatch. */
static void collect_members(struct tcc_dispatch_table *table, ITypeInfo *info)
{
    TYPEATTR *attr;

    if (FAILED(ITypeInfo_GetTypeAttr(info, &attr)))
        return;
    if (!IsEqualGUID(&attr->guid, &IID_IDispatch) && !IsEqualGUID(&attr->guid, &IID_IUnknown))
    {
        for (UINT i = 0; i < attr->cFuncs; i++)
        {
            FUNCDESC *desc;
            VARTYPE vt;

            if (FAILED(ITypeInfo_GetFuncDesc(info, i, &desc)))
                continue;
            if ((desc->invkind == INVOKE_PROPERTYGET || desc->invkind == INVOKE_FUNC) && desc->cParams == 1 &&
                (desc->lprgelemdescParam[0].paramdesc.wParamFlags & PARAMFLAG_FRETVAL) &&
                (vt = retval_type(info, &desc->lprgelemdescParam[0].tdesc)) != VT_EMPTY)
                add_member(table, desc->memid, desc->oVft / sizeof(void *), vt);
            ITypeInfo_ReleaseFuncDesc(info, desc);
        }
        if (attr->cImplTypes)
        {
            HREFTYPE base_ref;
            ITypeInfo *base;

            if (SUCCEEDED(ITypeInfo_GetRefTypeOfImplType(info, 0, &base_ref)) &&
                SUCCEEDED(ITypeInfo_GetRefTypeInfo(info, base_ref, &base)))
            {
                collect_members(table, base);
                ITypeInfo_Release(base);
            }
        }
    }
    ITypeInfo_ReleaseTypeAttr(info, attr);
}

/* Names from the dispatch view (which lists inherited members too). */
static void collect_names(struct tcc_dispatch_table *table, ITypeInfo *info)
{
    TYPEATTR *attr;

    if (FAILED(ITypeInfo_GetTypeAttr(info, &attr)))
        return;
    if ((table->names = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, max(attr->cFuncs, 1) * sizeof(*table->names))))
    {
        for (UINT i = 0; i < attr->cFuncs; i++)
        {
            FUNCDESC *desc;
            BSTR name = NULL;
            UINT found = 0;
            BOOL seen = FALSE;

            if (FAILED(ITypeInfo_GetFuncDesc(info, i, &desc)))
                continue;
            if (SUCCEEDED(ITypeInfo_GetNames(info, desc->memid, &name, 1, &found)) && found)
            {
                for (UINT k = 0; k < table->name_count && !seen; k++)
                    seen = table->names[k].id == desc->memid;
                if (!seen)
                    table->names[table->name_count++] = (struct fast_name){ name, desc->memid };
                else
                    SysFreeString(name);
            }
            ITypeInfo_ReleaseFuncDesc(info, desc);
        }
    }
    ITypeInfo_ReleaseTypeAttr(info, attr);
}

static struct tcc_dispatch_table *build_table(enum tcc_tid tid)
{
    struct tcc_dispatch_table *table;
    ITypeInfo *info, *vtable_view = NULL;
    HREFTYPE href;

    if (FAILED(tcc__get_typeinfo(tid, &info)))
        return NULL;
    if (!(table = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*table))))
    {
        ITypeInfo_Release(info);
        return NULL;
    }
    collect_names(table, info);
    /* A dual interface's dispatch view leads to its vtable view. */
    if (SUCCEEDED(ITypeInfo_GetRefTypeOfImplType(info, -1, &href)) &&
        SUCCEEDED(ITypeInfo_GetRefTypeInfo(info, href, &vtable_view)))
    {
        collect_members(table, vtable_view);
        ITypeInfo_Release(vtable_view);
    }
    ITypeInfo_Release(info);
    return table;
}

/* The table of a route's interface: made at the first call, then one read. */
static const struct tcc_dispatch_table *route_table(const struct tcc_dispatch_route *route)
{
    struct tcc_dispatch_table *table = __atomic_load_n(&tables[route->tid], __ATOMIC_ACQUIRE);

    if (table)
        return table;
    AcquireSRWLockExclusive(&table_lock);
    if (!(table = tables[route->tid]) && (table = build_table(route->tid)))
        __atomic_store_n(&tables[route->tid], table, __ATOMIC_RELEASE);
    ReleaseSRWLockExclusive(&table_lock);
    return table;
}

void tcc__release_dispatch_tables(void)
{
    for (size_t i = 0; i < ARRAYSIZE(tables); i++)
    {
        if (!tables[i])
            continue;
        for (UINT k = 0; k < tables[i]->name_count; k++)
            SysFreeString(tables[i]->names[k].name);
        HeapFree(GetProcessHeap(), 0, tables[i]->names);
        HeapFree(GetProcessHeap(), 0, tables[i]->members);
        HeapFree(GetProcessHeap(), 0, tables[i]);
        tables[i] = NULL;
    }
}

/* Member names are ASCII identifiers, compared without regard to case as Automation
 * does; a locale-aware comparison would cost more than the whole lookup. */
static BOOL same_name(const WCHAR *a, const WCHAR *b)
{
    for (;; a++, b++)
    {
        WCHAR x = *a >= 'A' && *a <= 'Z' ? *a + ('a' - 'A') : *a;
        WCHAR y = *b >= 'A' && *b <= 'Z' ? *b + ('a' - 'A') : *b;

        if (x != y)
            return FALSE;
        if (!x)
            return TRUE;
    }
}

/* A failed call as ITypeInfo::Invoke reports it: DISP_E_EXCEPTION, and the
 * thread's IErrorInfo in the EXCEPINFO. */
static HRESULT exception(HRESULT hr, EXCEPINFO *excepinfo)
{
    IErrorInfo *error;

    if (excepinfo)
    {
        memset(excepinfo, 0, sizeof(*excepinfo));
        if (GetErrorInfo(0, &error) == S_OK)
        {
            IErrorInfo_GetSource(error, &excepinfo->bstrSource);
            IErrorInfo_GetDescription(error, &excepinfo->bstrDescription);
            IErrorInfo_GetHelpFile(error, &excepinfo->bstrHelpFile);
            IErrorInfo_GetHelpContext(error, &excepinfo->dwHelpContext);
            IErrorInfo_Release(error);
        }
        excepinfo->scode = hr;
    }
    return DISP_E_EXCEPTION;
}

/* Calls a member without arguments through its vtable slot. */
static HRESULT call_fast(const struct fast_member *member, IUnknown *iface, VARIANT *result, EXCEPINFO *excepinfo)
{
    HRESULT (STDMETHODCALLTYPE *method)(IUnknown *, void *) = ((void **)iface->lpVtbl)[member->slot];
    VARIANT value;
    HRESULT hr;

    VariantInit(&value);
    if (member->vt == VT_VARIANT)
        hr = method(iface, &value);
    else
    {
        V_VT(&value) = member->vt;
        hr = method(iface, &V_I4(&value));  /* the union's start: right for every type here */
        if (FAILED(hr))
            V_VT(&value) = VT_EMPTY;
    }
    if (FAILED(hr))
        return exception(hr, excepinfo);
    *result = value;
    return S_OK;
}

HRESULT tcc__dispatch_get_type_info(const struct tcc_dispatch_route *routes, UINT index,
                                    LCID lcid, ITypeInfo **typeinfo)
{
    if (!typeinfo)
        return E_POINTER;
    *typeinfo = NULL;
    if (index != 0)
        return DISP_E_BADINDEX;
    /* The first route is the object's default interface. */
    return tcc__get_typeinfo(routes[0].tid, typeinfo);
}

HRESULT tcc__dispatch_get_ids(const struct tcc_dispatch_route *routes, size_t count, REFIID riid,
                              LPOLESTR *names, UINT name_count, LCID lcid, DISPID *ids)
{
    HRESULT hr = DISP_E_UNKNOWNNAME;
    size_t i;

    if (!names || !ids)
        return E_POINTER;
    if (!riid || !IsEqualIID(riid, &IID_NULL))
        return DISP_E_UNKNOWNINTERFACE;
    if (!name_count)
        return E_INVALIDARG;

    /* One name, the way scripts ask: from the tables. */
    if (name_count == 1 && names[0])
    {
        for (i = 0; i < count; i++)
        {
            const struct tcc_dispatch_table *table = route_table(&routes[i]);

            for (UINT k = 0; table && k < table->name_count; k++)
                if (same_name(table->names[k].name, names[0]))
                {
                    ids[0] = table->names[k].id;
                    return S_OK;
                }
        }
    }

    /* The first interface that knows the member name answers, for the name and for
     * any named arguments with it. */
    for (i = 0; i < count; i++)
    {
        ITypeInfo *typeinfo;

        if (FAILED(hr = tcc__get_typeinfo(routes[i].tid, &typeinfo)))
            return hr;
        hr = ITypeInfo_GetIDsOfNames(typeinfo, names, name_count, ids);
        ITypeInfo_Release(typeinfo);
        if (hr != DISP_E_UNKNOWNNAME || ids[0] != DISPID_UNKNOWN)
            return hr;
    }
    return hr;
}

static const struct tcc_dispatch_route *find_route(const struct tcc_dispatch_route *routes, size_t count,
                                                  DISPID dispid)
{
    size_t i;

    if (count == 1)
        return &routes[0];
    for (i = 0; i < count; i++)
        if ((dispid & INTERFACEMASK) == routes[i].range)
            return &routes[i];
    return NULL;
}

HRESULT tcc__dispatch_invoke(const struct tcc_dispatch_route *routes, size_t count, DISPID dispid,
                             REFIID riid, LCID lcid, WORD flags, DISPPARAMS *params,
                             VARIANT *result, EXCEPINFO *excepinfo, UINT *arg_error)
{
    const struct tcc_dispatch_route *route;
    ITypeInfo *typeinfo;
    HRESULT hr;

    if (!riid || !IsEqualIID(riid, &IID_NULL))
        return DISP_E_UNKNOWNINTERFACE;
    if (!params)
        return E_INVALIDARG;
    if (!(route = find_route(routes, count, dispid)))
        return DISP_E_MEMBERNOTFOUND;
    if (result && !params->cArgs && !params->cNamedArgs && (flags & (DISPATCH_METHOD | DISPATCH_PROPERTYGET)) &&
        !(flags & (DISPATCH_PROPERTYPUT | DISPATCH_PROPERTYPUTREF)))
    {
        const struct tcc_dispatch_table *table = route_table(route);

        for (UINT k = 0; table && k < table->member_count; k++)
            if (table->members[k].id == dispid)
                return call_fast(&table->members[k], route->iface, result, excepinfo);
    }
    if (FAILED(hr = tcc__get_typeinfo(route->tid, &typeinfo)))
        return hr;
    /* A failing method has set IErrorInfo; ITypeInfo::Invoke turns it into
     * DISP_E_EXCEPTION with the EXCEPINFO a script shows as Err.Description. */
    hr = ITypeInfo_Invoke(typeinfo, route->iface, dispid, flags, params, result, excepinfo, arg_error);
    /* JScript calls everything as a method, `coll.Item(1)` and `new Enumerator(coll)`
     * (_NewEnum) among them: a property get answers a method call too, as
     * Automation objects do. */
    if (hr == DISP_E_MEMBERNOTFOUND && flags == DISPATCH_METHOD && result)
        hr = ITypeInfo_Invoke(typeinfo, route->iface, dispid, DISPATCH_PROPERTYGET, params, result, excepinfo,
                              arg_error);
    ITypeInfo_Release(typeinfo);
    return hr;
}
