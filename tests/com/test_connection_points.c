/*
 * The TAPI object's connection points: FindConnectionPoint and EnumConnectionPoints
 * for ITTAPIEventNotification and ITTAPIDispatchEventNotification, Advise,
 * Unadvise, EnumConnections, and the documented errors.  (Delivery of events is
 * the events issue's; here the sinks are only registered.)
 */
#include "harness.h"

#include <string.h>

/* A C sink: counts its references, so the test sees the point hold and drop it. */
struct sink
{
    ITTAPIEventNotification ITTAPIEventNotification_iface;
    LONG ref;
};

static inline struct sink *impl_from_sink(ITTAPIEventNotification *iface)
{
    return CONTAINING_RECORD(iface, struct sink, ITTAPIEventNotification_iface);
}

static HRESULT WINAPI sink_QueryInterface(ITTAPIEventNotification *iface, REFIID riid, void **out)
{
    *out = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_ITTAPIEventNotification))
    {
        *out = iface;
        ITTAPIEventNotification_AddRef(iface);
        return S_OK;
    }
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(ITTAPIEventNotification *iface)
{
    return InterlockedIncrement(&impl_from_sink(iface)->ref);
}

static ULONG WINAPI sink_Release(ITTAPIEventNotification *iface)
{
    return InterlockedDecrement(&impl_from_sink(iface)->ref);
}

static HRESULT WINAPI sink_Event(ITTAPIEventNotification *iface, TAPI_EVENT event, IDispatch *object)
{
    return S_OK;
}

static const ITTAPIEventNotificationVtbl sink_vtbl =
{
    sink_QueryInterface,
    sink_AddRef,
    sink_Release,
    sink_Event,
};

static void test_find_and_enumerate(void **state)
{
    IConnectionPointContainer *container, *back;
    IConnectionPoint *point, *listed[3] = { NULL };
    IEnumConnectionPoints *points, *clone;
    ITTAPI2 *tapi;
    IID iid;
    ULONG fetched;

    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IConnectionPointContainer, (void **)&container));
    assert_hr(CONNECT_E_NOCONNECTION, IConnectionPointContainer_FindConnectionPoint(container, &IID_ITAgent, &point));
    assert_null(point);
    assert_hr(E_POINTER, IConnectionPointContainer_FindConnectionPoint(container, &IID_ITAgent, NULL));
    assert_hr(S_OK, IConnectionPointContainer_FindConnectionPoint(container, &DIID_ITTAPIDispatchEventNotification,
                                                                  &point));
    assert_hr(S_OK, IConnectionPoint_GetConnectionInterface(point, &iid));
    assert_true(IsEqualIID(&iid, &DIID_ITTAPIDispatchEventNotification));
    assert_hr(S_OK, IConnectionPoint_GetConnectionPointContainer(point, &back));
    assert_ptr_equal(container, back);
    IConnectionPointContainer_Release(back);
    assert_hr(E_POINTER, IConnectionPoint_GetConnectionInterface(point, NULL));
    assert_hr(E_POINTER, IConnectionPoint_GetConnectionPointContainer(point, NULL));

    assert_hr(S_OK, IConnectionPointContainer_EnumConnectionPoints(container, &points));
    assert_hr(S_FALSE, IEnumConnectionPoints_Next(points, 3, listed, &fetched));
    assert_int_equal(2, fetched);
    assert_ptr_equal(point, listed[1]);
    IConnectionPoint_Release(listed[0]);
    IConnectionPoint_Release(listed[1]);
    assert_hr(S_OK, IEnumConnectionPoints_Reset(points));
    assert_hr(S_OK, IEnumConnectionPoints_Skip(points, 1));
    assert_hr(S_OK, IEnumConnectionPoints_Clone(points, &clone));
    assert_hr(S_OK, IEnumConnectionPoints_Next(clone, 1, listed, NULL));
    assert_ptr_equal(point, listed[0]);
    IConnectionPoint_Release(listed[0]);
    assert_hr(S_FALSE, IEnumConnectionPoints_Skip(clone, 1));
    IEnumConnectionPoints_Release(clone);
    IEnumConnectionPoints_Release(points);
    assert_hr(E_POINTER, IConnectionPointContainer_EnumConnectionPoints(container, NULL));
    IConnectionPoint_Release(point);
    IConnectionPointContainer_Release(container);
    ITTAPI2_Release(tapi);
}

static void test_advise_unadvise(void **state)
{
    struct sink sink = { { &sink_vtbl }, 1 };
    IConnectionPointContainer *container;
    IConnectionPoint *point;
    IEnumConnections *connections;
    CONNECTDATA data[2];
    ITTAPI2 *tapi;
    DWORD cookie = 0, second = 0;
    ULONG fetched;

    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_IConnectionPointContainer, (void **)&container));
    assert_hr(S_OK, IConnectionPointContainer_FindConnectionPoint(container, &IID_ITTAPIEventNotification, &point));

    assert_hr(E_POINTER, IConnectionPoint_Advise(point, NULL, &cookie));
    assert_hr(E_POINTER, IConnectionPoint_Advise(point, (IUnknown *)&sink.ITTAPIEventNotification_iface, NULL));
    /* An object without the point's interface cannot connect. */
    assert_hr(CONNECT_E_CANNOTCONNECT, IConnectionPoint_Advise(point, (IUnknown *)tapi, &cookie));
    assert_int_equal(0, cookie);
    assert_hr(S_OK, IConnectionPoint_Advise(point, (IUnknown *)&sink.ITTAPIEventNotification_iface, &cookie));
    assert_int_not_equal(0, cookie);
    assert_int_equal(2, sink.ref);                  /* the point holds the sink */
    assert_hr(S_OK, IConnectionPoint_Advise(point, (IUnknown *)&sink.ITTAPIEventNotification_iface, &second));
    assert_int_not_equal(cookie, second);

    assert_hr(S_OK, IConnectionPoint_EnumConnections(point, &connections));
    assert_hr(S_OK, IEnumConnections_Next(connections, 2, data, &fetched));
    assert_int_equal(2, fetched);
    assert_int_equal(cookie, data[0].dwCookie);
    assert_ptr_equal(&sink.ITTAPIEventNotification_iface, data[0].pUnk);
    IUnknown_Release(data[0].pUnk);
    IUnknown_Release(data[1].pUnk);
    assert_hr(S_FALSE, IEnumConnections_Next(connections, 1, data, &fetched));
    IEnumConnections_Release(connections);
    assert_hr(E_POINTER, IConnectionPoint_EnumConnections(point, NULL));

    assert_hr(S_OK, IConnectionPoint_Unadvise(point, cookie));
    assert_hr(CONNECT_E_NOCONNECTION, IConnectionPoint_Unadvise(point, cookie));
    assert_int_equal(2, sink.ref);
    /* Released with a sink still connected: the point lets go of it. */
    IConnectionPoint_Release(point);
    IConnectionPointContainer_Release(container);
    ITTAPI2_Release(tapi);
    assert_int_equal(1, sink.ref);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_find_and_enumerate),
        cmocka_unit_test(test_advise_unadvise),
    };

    return cmocka_run_group_tests_name("connection_points", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
