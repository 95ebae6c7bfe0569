/*
 * Every member of every dual interface of the object model through IDispatch.
 *
 * The sweep: for each member of tests/spec/members.h that takes no argument but
 * its [out, retval] (every property get, every Enumerate*, CreateAgent), on a live
 * object of the emulator, call it three ways — IDispatch::Invoke by the DISPID the
 * spec gives, Invoke by the DISPID GetIDsOfNames finds for the name (as VBScript
 * calls a property: DISPATCH_METHOD | DISPATCH_PROPERTYGET), and the vtable slot
 * the spec gives — and require the same result: the same value, or the same
 * failure (DISP_E_EXCEPTION carrying the vtable's HRESULT and its IErrorInfo text).
 *
 * Then the members with arguments, by name: property puts, CreateAgentWithID,
 * CreateSession(WithPIN), Item, and their documented errors.
 */
#include "object_fixture.h"

#include <stdio.h>

struct member
{
    const IID *iid;
    const char *vtable_name;
    int slot;
    const char *name;
    DISPID dispid;
    int kind;
};

enum { FUNC, GET, PUT };
#define HIDDEN 1
#define RESTRICTED 2
#define AUTO_IUNKNOWN(n) (0x60010000 + (n))
#define AUTO_IDISPATCH(n) (0x60020000 + (n))

static const struct member members[] =
{
#define TCC_MEMBER(iface, method, slot, name, dispid, kind, flags) { &IID_##iface, #method, slot, name, dispid, kind },
#include "members.h"
#undef TCC_MEMBER
};

static ITypeLib *typelib;
static int calls_checked;

static int setup(void **state)
{
    if (tcc_test_setup_com(state))
        return -1;
    return FAILED(LoadTypeLibEx(tcc_test_dll_path(), REGKIND_NONE, &typelib));
}

static int teardown(void **state)
{
    ITypeLib_Release(typelib);
    print_message("dispatch sweep: %d members compared three ways\n", calls_checked);
    return tcc_test_teardown_com(state);
}

/* The FUNCDESC of (dispid, invkind) on `iid`, or NULL. */
static FUNCDESC *find_function(ITypeInfo *info, DISPID dispid, INVOKEKIND invkind)
{
    TYPEATTR *attr;
    FUNCDESC *desc = NULL;

    ITypeInfo_GetTypeAttr(info, &attr);
    for (UINT i = 0; i < attr->cFuncs && !desc; i++)
    {
        if (FAILED(ITypeInfo_GetFuncDesc(info, i, &desc)))
            break;
        if (desc->memid != dispid || desc->invkind != invkind)
        {
            ITypeInfo_ReleaseFuncDesc(info, desc);
            desc = NULL;
        }
    }
    ITypeInfo_ReleaseTypeAttr(info, attr);
    return desc;
}

union out_value
{
    LONG i4;
    BSTR bstr;
    DATE date;
    CY cy;
    IUnknown *unknown;
    VARIANT variant;
};

/* A value the vtable wrote, as a VARIANT of the type the type library says. */
static void vtable_value_to_variant(VARTYPE vt, union out_value *value, VARIANT *out)
{
    VariantInit(out);
    switch (vt)
    {
    case VT_BSTR: V_VT(out) = VT_BSTR; V_BSTR(out) = value->bstr; break;
    case VT_DATE: V_VT(out) = VT_DATE; V_DATE(out) = value->date; break;
    case VT_CY: V_VT(out) = VT_CY; V_CY(out) = value->cy; break;
    case VT_VARIANT: *out = value->variant; break;
    case VT_I4: case VT_INT: V_VT(out) = VT_I4; V_I4(out) = value->i4; break;
    case VT_BOOL: V_VT(out) = VT_BOOL; V_BOOL(out) = (VARIANT_BOOL)value->i4; break;
    default: V_VT(out) = VT_UNKNOWN; V_UNKNOWN(out) = value->unknown; break;
    }
}

static IUnknown *identity_of(IUnknown *object)
{
    IUnknown *unknown = NULL;

    if (object)
    {
        IUnknown_QueryInterface(object, &IID_IUnknown, (void **)&unknown);
        IUnknown_Release(unknown);
    }
    return unknown;
}

/* Two results of the same member are the same value: objects by identity, and
 * collections by their contents' identity. */
static void assert_same_value(const char *what, VARIANT *a, VARIANT *b)
{
    if ((V_VT(a) == VT_DISPATCH || V_VT(a) == VT_UNKNOWN) && (V_VT(b) == VT_DISPATCH || V_VT(b) == VT_UNKNOWN))
    {
        ITCollection *ca, *cb;

        if (SUCCEEDED(IUnknown_QueryInterface(V_UNKNOWN(a), &IID_ITCollection, (void **)&ca)))
        {
            LONG na, nb;

            assert_hr(S_OK, IUnknown_QueryInterface(V_UNKNOWN(b), &IID_ITCollection, (void **)&cb));
            ITCollection_get_Count(ca, &na);
            ITCollection_get_Count(cb, &nb);
            if (na != nb)
                fail_msg("%s: %ld items against %ld", what, na, nb);
            for (LONG i = 1; i <= na; i++)
            {
                VARIANT ia, ib;

                ITCollection_get_Item(ca, i, &ia);
                ITCollection_get_Item(cb, i, &ib);
                if (identity_of(V_UNKNOWN(&ia)) != identity_of(V_UNKNOWN(&ib)))
                    fail_msg("%s: item %ld differs", what, i);
                VariantClear(&ia);
                VariantClear(&ib);
            }
            ITCollection_Release(ca);
            ITCollection_Release(cb);
            return;
        }
    }
    if ((V_VT(a) == VT_DISPATCH || V_VT(a) == VT_UNKNOWN) && (V_VT(b) == VT_DISPATCH || V_VT(b) == VT_UNKNOWN))
    {
        /* Enumerators are new objects each call: they must yield the same elements. */
        static const IID *enums[] = { &IID_IEnumAddress, &IID_IEnumAgentHandler, &IID_IEnumACDGroup,
                                      &IID_IEnumQueue, &IID_IEnumAgentSession };
        IUnknown *ia = identity_of(V_UNKNOWN(a)), *ib = identity_of(V_UNKNOWN(b));

        if (ia == ib)
            return;
        for (size_t i = 0; i < ARRAYSIZE(enums); i++)
        {
            IEnumAgentSession *ea, *eb;     /* every IEnumXxx has this shape */
            ITAgentSession *xa, *xb;
            ULONG na, nb;

            if (FAILED(IUnknown_QueryInterface(V_UNKNOWN(a), enums[i], (void **)&ea)))
                continue;
            assert_hr(S_OK, IUnknown_QueryInterface(V_UNKNOWN(b), enums[i], (void **)&eb));
            IEnumAgentSession_Reset(ea);
            IEnumAgentSession_Reset(eb);
            do
            {
                xa = xb = NULL;
                IEnumAgentSession_Next(ea, 1, &xa, &na);
                IEnumAgentSession_Next(eb, 1, &xb, &nb);
                if (na != nb || identity_of((IUnknown *)xa) != identity_of((IUnknown *)xb))
                    fail_msg("%s: the enumerators differ (%lu %p, %lu %p)", what, na, xa, nb, xb);
                if (xa)
                    ITAgentSession_Release(xa);
                if (xb)
                    ITAgentSession_Release(xb);
            }
            while (na);
            IEnumAgentSession_Release(ea);
            IEnumAgentSession_Release(eb);
            return;
        }
        fail_msg("%s: a different object", what);
    }
    if (VarCmp(a, b, LOCALE_USER_DEFAULT, 0) != VARCMP_EQ)
        fail_msg("%s: the values differ (types %d and %d)", what, V_VT(a), V_VT(b));
}

static HRESULT invoke_get(IDispatch *dispatch, DISPID dispid, WORD flags, VARIANT *result, EXCEPINFO *excepinfo)
{
    DISPPARAMS params = { NULL, NULL, 0, 0 };

    VariantInit(result);
    memset(excepinfo, 0, sizeof(*excepinfo));
    return IDispatch_Invoke(dispatch, dispid, &IID_NULL, 0, flags, &params, result, excepinfo, NULL);
}

static void sweep(IDispatch *dispatch, const IID *iid, IUnknown *vtable_iface)
{
    ITypeInfo *info;

    assert_hr(S_OK, ITypeLib_GetTypeInfoOfGuid(typelib, iid, &info));
    for (size_t i = 0; i < ARRAYSIZE(members); i++)
    {
        const struct member *m = &members[i];
        HRESULT (WINAPI *method)(IUnknown *, void *);
        union out_value value;
        EXCEPINFO by_id_error, by_name_error;
        VARIANT by_id, by_name, by_vtable;
        FUNCDESC *desc;
        OLECHAR name[64];
        LPOLESTR names[1] = { name };
        HRESULT hr_id, hr_name, hr_vtable;
        DISPID found = DISPID_UNKNOWN;
        VARTYPE vt;
        char what[128];

        if (!IsEqualIID(m->iid, iid) || m->kind == PUT || !strcmp(m->name, "Initialize") ||
            !strcmp(m->name, "Shutdown"))
            continue;
        desc = find_function(info, m->dispid, m->kind == GET ? INVOKE_PROPERTYGET : INVOKE_FUNC);
        assert_non_null(desc);
        /* The dual interface's dispatch view: the [out, retval] is the return type. */
        if (desc->cParams != 0 || desc->elemdescFunc.tdesc.vt == VT_VOID)
        {
            ITypeInfo_ReleaseFuncDesc(info, desc);
            continue;
        }
        vt = desc->elemdescFunc.tdesc.vt;
        if (vt == VT_USERDEFINED)
        {
            /* An enum is an I4; an interface is a pointer. */
            ITypeInfo *target;
            TYPEATTR *attr;

            ITypeInfo_GetRefTypeInfo(info, desc->elemdescFunc.tdesc.hreftype, &target);
            ITypeInfo_GetTypeAttr(target, &attr);
            vt = attr->typekind == TKIND_ENUM ? VT_I4 : VT_UNKNOWN;
            ITypeInfo_ReleaseTypeAttr(target, attr);
            ITypeInfo_Release(target);
        }
        else if (vt == VT_PTR)
            vt = VT_UNKNOWN;
        ITypeInfo_ReleaseFuncDesc(info, desc);
        snprintf(what, sizeof(what), "%s (DISPID 0x%lx)", m->vtable_name, (unsigned long)m->dispid);

        hr_id = invoke_get(dispatch, m->dispid, m->kind == GET ? DISPATCH_PROPERTYGET : DISPATCH_METHOD, &by_id,
                           &by_id_error);
        MultiByteToWideChar(CP_ACP, 0, m->name, -1, name, ARRAYSIZE(name));
        assert_hr(S_OK, IDispatch_GetIDsOfNames(dispatch, &IID_NULL, names, 1, 0, &found));
        if (found != m->dispid)
            fail_msg("%s: GetIDsOfNames(\"%s\") gave 0x%lx", what, m->name, (unsigned long)found);
        hr_name = invoke_get(dispatch, found, DISPATCH_METHOD | DISPATCH_PROPERTYGET, &by_name, &by_name_error);

        memset(&value, 0, sizeof(value));
        method = ((void **)*(void ***)vtable_iface)[m->slot];
        hr_vtable = method(vtable_iface, &value);

        if (FAILED(hr_vtable))
        {
            BSTR description = tcc_test_error_description();

            if (hr_id != DISP_E_EXCEPTION || by_id_error.scode != hr_vtable || hr_name != DISP_E_EXCEPTION ||
                by_name_error.scode != hr_vtable)
                fail_msg("%s: vtable 0x%08lx, Invoke 0x%08lx/0x%08lx by DISPID, 0x%08lx by name", what,
                         (unsigned long)hr_vtable, (unsigned long)hr_id, (unsigned long)by_id_error.scode,
                         (unsigned long)hr_name);
            if (!by_id_error.bstrDescription || !description ||
                wcscmp(by_id_error.bstrDescription, description))
                fail_msg("%s: EXCEPINFO says \"%ls\", IErrorInfo \"%ls\"", what, by_id_error.bstrDescription,
                         description);
            SysFreeString(description);
        }
        else
        {
            if (hr_id != S_OK || hr_name != S_OK)
                fail_msg("%s: vtable S_OK, Invoke 0x%08lx by DISPID, 0x%08lx by name", what, (unsigned long)hr_id,
                         (unsigned long)hr_name);
            vtable_value_to_variant(vt, &value, &by_vtable);
            if (!strcmp(m->name, "CreateAgent"))
            {
                /* A new agent each call: the three are agents of the same user. */
                VARIANT *each[] = { &by_id, &by_name, &by_vtable };

                for (int k = 0; k < 3; k++)
                {
                    ITAgent *made;
                    BSTR user;

                    assert_hr(S_OK, IUnknown_QueryInterface(V_UNKNOWN(each[k]), &IID_ITAgent, (void **)&made));
                    assert_hr(S_OK, ITAgent_get_User(made, &user));
                    assert_true(SysStringLen(user) > 0);
                    SysFreeString(user);
                    ITAgent_Release(made);
                }
            }
            else
            {
                assert_same_value(what, &by_id, &by_vtable);
                assert_same_value(what, &by_name, &by_vtable);
            }
            VariantClear(&by_vtable);
        }
        VariantClear(&by_id);
        VariantClear(&by_name);
        for (EXCEPINFO *e = &by_id_error; e; e = e == &by_id_error ? &by_name_error : NULL)
        {
            SysFreeString(e->bstrSource);
            SysFreeString(e->bstrDescription);
            SysFreeString(e->bstrHelpFile);
        }
        calls_checked++;
    }
    ITypeInfo_Release(info);
}

static void test_sweep_every_object(void **state)
{
    struct fixture f;
    ITAgent *agent;
    ITAgentSession *session;
    ITQueue *queue;
    IEnumQueue *queues;
    ITAddressCapabilities *caps;
    int before;

    fixture_open(&f);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, tcc_test_inject_call(f.handler, 1, 100, 30, 0));
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 50));
    assert_hr(S_OK, ITACDGroup_EnumerateQueues(f.sales, &queues));
    assert_hr(S_OK, IEnumQueue_Next(queues, 1, &queue, NULL));
    IEnumQueue_Release(queues);
    assert_hr(S_OK, ITAddress_QueryInterface(f.line1, &IID_ITAddressCapabilities, (void **)&caps));

    before = calls_checked;
    sweep((IDispatch *)f.tapi, &IID_ITTAPI, (IUnknown *)f.tapi);
    sweep((IDispatch *)f.tapi, &IID_ITTAPI2, (IUnknown *)f.tapi);
    /* ITTAPICallCenter's members through the object's one IDispatch. */
    sweep((IDispatch *)f.tapi, &IID_ITTAPICallCenter, (IUnknown *)f.center);
    sweep((IDispatch *)f.handler, &IID_ITAgentHandler, (IUnknown *)f.handler);
    sweep((IDispatch *)agent, &IID_ITAgent, (IUnknown *)agent);
    sweep((IDispatch *)session, &IID_ITAgentSession, (IUnknown *)session);
    sweep((IDispatch *)f.sales, &IID_ITACDGroup, (IUnknown *)f.sales);
    sweep((IDispatch *)queue, &IID_ITQueue, (IUnknown *)queue);
    sweep((IDispatch *)f.line1, &IID_ITAddress, (IUnknown *)f.line1);
    sweep((IDispatch *)caps, &IID_ITAddressCapabilities, (IUnknown *)caps);
    assert_true(calls_checked - before >= 60);

    ITAddressCapabilities_Release(caps);
    ITQueue_Release(queue);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    fixture_close(&f);
}

/* Invoke by name, with arguments, as a script does. */
static HRESULT call(IDispatch *dispatch, const WCHAR *member, WORD flags, VARIANT *args, UINT count,
                    VARIANT *result, EXCEPINFO *error)
{
    DISPID put = DISPID_PROPERTYPUT, id;
    DISPPARAMS params = { args, NULL, count, 0 };
    LPOLESTR names[1] = { (LPOLESTR)member };
    HRESULT hr;

    if (FAILED(hr = IDispatch_GetIDsOfNames(dispatch, &IID_NULL, names, 1, 0, &id)))
        return hr;
    if (flags & DISPATCH_PROPERTYPUT)
    {
        params.rgdispidNamedArgs = &put;
        params.cNamedArgs = 1;
    }
    if (result)
        VariantInit(result);
    memset(error, 0, sizeof(*error));
    hr = IDispatch_Invoke(dispatch, id, &IID_NULL, 0, flags, &params, result, error, NULL);
    calls_checked++;
    return hr;
}

static void clear_error(EXCEPINFO *error)
{
    SysFreeString(error->bstrSource);
    SysFreeString(error->bstrDescription);
    SysFreeString(error->bstrHelpFile);
    memset(error, 0, sizeof(*error));
}

static void test_members_with_arguments(void **state)
{
    struct fixture f;
    ITAgent *agent;
    ITAgentSession *session;
    AGENT_SESSION_STATE session_state;
    EXCEPINFO error;
    VARIANT args[4], result, group, address;
    LONG value;

    fixture_open(&f);
    /* CreateAgentWithID(ID, PIN): arguments go right to left. */
    V_VT(&args[1]) = VT_BSTR;
    V_BSTR(&args[1]) = SysAllocString(L"1001");
    V_VT(&args[0]) = VT_BSTR;
    V_BSTR(&args[0]) = SysAllocString(L"9999");
    assert_hr(DISP_E_EXCEPTION, call((IDispatch *)f.handler, L"CreateAgentWithID", DISPATCH_METHOD, args, 2, &result,
                                     &error));
    assert_hr(TAPI_E_CALLCENTER_INVALPASSWORD, error.scode);
    assert_non_null(wcsstr(error.bstrDescription, L"PIN is wrong"));
    clear_error(&error);
    SysFreeString(V_BSTR(&args[0]));
    V_BSTR(&args[0]) = SysAllocString(L"1234");
    assert_hr(S_OK, call((IDispatch *)f.handler, L"CreateAgentWithID", DISPATCH_METHOD, args, 2, &result, &error));
    assert_int_equal(VT_DISPATCH, V_VT(&result));
    assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&result), &IID_ITAgent, (void **)&agent));
    VariantClear(&result);
    VariantClear(&args[0]);
    VariantClear(&args[1]);

    /* CreateSessionWithPIN(group, address, PIN), and CreateSession(group, address). */
    V_VT(&group) = VT_DISPATCH;
    V_DISPATCH(&group) = (IDispatch *)f.support;
    V_VT(&address) = VT_DISPATCH;
    V_DISPATCH(&address) = (IDispatch *)f.line2;
    args[2] = group;
    args[1] = address;
    V_VT(&args[0]) = VT_BSTR;
    V_BSTR(&args[0]) = SysAllocString(L"1234");
    assert_hr(S_OK, call((IDispatch *)agent, L"CreateSessionWithPIN", DISPATCH_METHOD, args, 3, &result, &error));
    assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&result), &IID_ITAgentSession, (void **)&session));
    VariantClear(&result);
    VariantClear(&args[0]);
    /* alice has a PIN: without it the ACD refuses (documented remark: some ACDs
     * need CreateSessionWithPIN). */
    V_DISPATCH(&group) = (IDispatch *)f.sales;
    args[1] = group;
    args[0] = address;
    assert_hr(DISP_E_EXCEPTION, call((IDispatch *)agent, L"CreateSession", DISPATCH_METHOD, args, 2, &result, &error));
    assert_hr(TAPI_E_CALLCENTER_INVALPASSWORD, error.scode);
    clear_error(&error);
    V_DISPATCH(&args[1]) = NULL;
    assert_hr(DISP_E_EXCEPTION, call((IDispatch *)agent, L"CreateSession", DISPATCH_METHOD, args, 2, &result, &error));
    assert_hr(E_INVALIDARG, error.scode);
    clear_error(&error);

    /* Property puts: session.State = 1, agent/queue MeasurementPeriod, tapi.EventFilter. */
    V_VT(&args[0]) = VT_I4;
    V_I4(&args[0]) = ASST_READY;
    assert_hr(S_OK, call((IDispatch *)session, L"State", DISPATCH_PROPERTYPUT, args, 1, NULL, &error));
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_READY, session_state);
    V_I4(&args[0]) = 9;
    assert_hr(DISP_E_EXCEPTION, call((IDispatch *)session, L"State", DISPATCH_PROPERTYPUT, args, 1, NULL, &error));
    assert_hr(E_INVALIDARG, error.scode);
    clear_error(&error);
    V_I4(&args[0]) = 600;
    assert_hr(S_OK, call((IDispatch *)agent, L"MeasurementPeriod", DISPATCH_PROPERTYPUT, args, 1, NULL, &error));
    assert_hr(S_OK, ITAgent_get_MeasurementPeriod(agent, &value));
    assert_int_equal(600, value);
    V_I4(&args[0]) = AS_READY;
    assert_hr(S_OK, call((IDispatch *)agent, L"State", DISPATCH_PROPERTYPUT, args, 1, NULL, &error));
    V_I4(&args[0]) = 0x3FFF;
    assert_hr(S_OK, call((IDispatch *)f.tapi, L"EventFilter", DISPATCH_PROPERTYPUT, args, 1, NULL, &error));
    assert_hr(S_OK, ITTAPI2_get_EventFilter(f.tapi, &value));
    assert_int_equal(0x3FFF, value);
    V_I4(&args[0]) = 0;
    assert_hr(DISP_E_MEMBERNOTFOUND, call((IDispatch *)f.sales, L"Queues", DISPATCH_PROPERTYPUT, args, 1, NULL,
                                          &error));

    /* A collection's Item(1) as VBScript calls it. */
    assert_hr(S_OK, call((IDispatch *)f.center, L"AgentHandlers", DISPATCH_METHOD | DISPATCH_PROPERTYGET, NULL, 0,
                         &result, &error));
    V_VT(&args[0]) = VT_I4;
    V_I4(&args[0]) = 1;
    {
        VARIANT item;

        assert_hr(S_OK, call(V_DISPATCH(&result), L"Item", DISPATCH_METHOD | DISPATCH_PROPERTYGET, args, 1, &item,
                             &error));
        assert_ptr_equal(f.handler, V_DISPATCH(&item));
        VariantClear(&item);
    }
    VariantClear(&result);

    /* Initialize and Shutdown by name, on the TAPI object's one IDispatch. */
    assert_hr(S_OK, call((IDispatch *)f.tapi, L"Shutdown", DISPATCH_METHOD, NULL, 0, NULL, &error));
    assert_hr(S_OK, call((IDispatch *)f.tapi, L"Initialize", DISPATCH_METHOD, NULL, 0, NULL, &error));
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_sweep_every_object),
        cmocka_unit_test(test_members_with_arguments),
    };

    return cmocka_run_group_tests_name("dispatch_members", tests, setup, teardown);
}
