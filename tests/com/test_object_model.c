/*
 * The call-center object model through the vtables, against the emulator on a
 * manual clock: the TAPI object's life cycle, ITAgentHandler, ITAgent,
 * ITAgentSession (statistics checked against a hand-worked scenario), ITACDGroup,
 * ITQueue, ITAddress, enumerators, collections, object identity and the errors
 * each member documents.
 */
#include "object_fixture.h"

static const CY *cy_of(LONGLONG value, CY *cy)
{
    cy->int64 = value;
    return cy;
}

static void test_before_initialize(void **state)
{
    ITTAPI2 *tapi;
    ITTAPICallCenter *center;
    IEnumAgentHandler *handlers = (void *)0xdeadbeef;
    IEnumAddress *addresses = (void *)0xdeadbeef;
    VARIANT v;

    tcc_test_use_manual_emulator();
    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
    assert_hr(E_INVALIDARG, ITTAPICallCenter_EnumerateAgentHandlers(center, &handlers));
    assert_null(handlers);
    assert_error_mentions(L"has not been initialized");
    assert_hr(E_INVALIDARG, ITTAPICallCenter_get_AgentHandlers(center, &v));
    assert_int_equal(VT_EMPTY, V_VT(&v));
    assert_hr(E_POINTER, ITTAPICallCenter_get_AgentHandlers(center, NULL));
    assert_hr(E_POINTER, ITTAPICallCenter_EnumerateAgentHandlers(center, NULL));
    assert_hr(E_INVALIDARG, ITTAPI2_EnumerateAddresses(tapi, &addresses));
    assert_null(addresses);
    assert_hr(E_INVALIDARG, ITTAPI2_get_Addresses(tapi, &v));
    assert_hr(E_POINTER, ITTAPI2_get_Addresses(tapi, NULL));
    assert_hr(E_POINTER, ITTAPI2_EnumerateAddresses(tapi, NULL));
    assert_hr(S_OK, ITTAPI2_Shutdown(tapi));     /* nothing to close */
    ITTAPICallCenter_Release(center);
    ITTAPI2_Release(tapi);
}

static void test_initialize_and_shutdown(void **state)
{
    struct fixture f;
    IEnumAgentHandler *handlers;
    ITAgentHandler *handler;
    ITAgent *agent;
    BSTR name = NULL;
    AGENT_STATE agent_state;
    ULONG fetched = 7;
    VARIANT v;

    fixture_open(&f);
    assert_hr(S_FALSE, ITTAPI2_Initialize(f.tapi));  /* documented: already initialized */
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(f.center, &handlers));
    assert_hr(S_OK, IEnumAgentHandler_Next(handlers, 1, &handler, &fetched));
    assert_int_equal(1, fetched);
    assert_ptr_equal(f.handler, handler);           /* one handler per provider, the same object */
    ITAgentHandler_Release(handler);
    assert_hr(S_FALSE, IEnumAgentHandler_Next(handlers, 1, &handler, &fetched));
    assert_int_equal(0, fetched);
    IEnumAgentHandler_Release(handlers);
    assert_hr(S_OK, ITTAPICallCenter_get_AgentHandlers(f.center, &v));
    assert_int_equal(VT_DISPATCH, V_VT(&v));
    VariantClear(&v);

    agent = fixture_agent(&f, L"1001", L"1234");
    assert_hr(S_OK, ITTAPI2_Shutdown(f.tapi));
    assert_hr(S_OK, ITTAPI2_Shutdown(f.tapi));
    /* What the client still holds fails, and says why. */
    assert_hr(TAPI_E_NOT_INITIALIZED, ITAgent_get_State(agent, &agent_state));
    assert_error_mentions(L"shut down");
    assert_hr(S_OK, ITAgentHandler_get_Name(f.handler, &name));      /* kept by the object */
    SysFreeString(name);
    assert_hr(E_INVALIDARG, ITTAPICallCenter_EnumerateAgentHandlers(f.center, &handlers));
    ITAgent_Release(agent);

    /* A new Initialize opens a new ACD. */
    assert_hr(S_OK, ITTAPI2_Initialize(f.tapi));
    assert_hr(S_OK, ITTAPICallCenter_EnumerateAgentHandlers(f.center, &handlers));
    assert_hr(S_OK, IEnumAgentHandler_Next(handlers, 1, &handler, NULL));
    assert_ptr_not_equal(f.handler, handler);
    ITAgentHandler_Release(handler);
    IEnumAgentHandler_Release(handlers);
    fixture_close(&f);
}

static void test_provider_configuration(void **state)
{
    ITTAPI2 *tapi;
    ITTAPICallCenter *center;
    VARIANT v;
    LONG count;

    assert_hr(S_OK, tcc_test_create(&CLSID_Tapi3cc, &IID_ITTAPI2, (void **)&tapi));
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", L"nosuch:x=1");
    assert_hr(E_INVALIDARG, ITTAPI2_Initialize(tapi));
    assert_error_mentions(L"no provider is called 'nosuch'");
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", L"acd:colour=blue");
    assert_hr(TCC_LINEERR_INVALPARAM, ITTAPI2_Initialize(tapi));
    assert_error_mentions(L"provider 'acd' did not open");
    SetEnvironmentVariableW(L"TAPI3CC_PROVIDERS", L"acd:simulate=no | acd:simulate=no;seed=3");
    assert_hr(S_OK, ITTAPI2_Initialize(tapi));
    assert_hr(S_OK, ITTAPI2_QueryInterface(tapi, &IID_ITTAPICallCenter, (void **)&center));
    assert_hr(S_OK, ITTAPICallCenter_get_AgentHandlers(center, &v));
    assert_hr(S_OK, ITCollection_get_Count((ITCollection *)V_DISPATCH(&v), &count));
    assert_int_equal(2, count);                     /* two ACD systems, two handlers */
    VariantClear(&v);
    assert_hr(S_OK, ITTAPI2_get_Addresses(tapi, &v));
    assert_hr(S_OK, ITCollection_get_Count((ITCollection *)V_DISPATCH(&v), &count));
    assert_int_equal(6, count);                     /* three addresses each */
    VariantClear(&v);
    ITTAPICallCenter_Release(center);
    ITTAPI2_Release(tapi);                          /* no Shutdown: Release closes */
    tcc_test_use_manual_emulator();
}

static void test_agent_handler(void **state)
{
    struct fixture f;
    ITAgent *agent = (void *)0xdeadbeef;
    BSTR name = NULL, id = SysAllocString(L"1001"), pin = SysAllocString(L"1234"), wrong = SysAllocString(L"9"),
         empty = SysAllocString(L"");
    WCHAR user[257];
    DWORD size = ARRAYSIZE(user);
    VARIANT v;
    LONG count;

    fixture_open(&f);
    assert_hr(S_OK, ITAgentHandler_get_Name(f.handler, &name));
    assert_bstr(L"tapi3cc ACD emulator", name);
    assert_hr(E_POINTER, ITAgentHandler_get_Name(f.handler, NULL));

    assert_hr(S_OK, ITAgentHandler_CreateAgent(f.handler, &agent));
    assert_hr(S_OK, ITAgent_get_User(agent, &name));
    GetUserNameW(user, &size);
    assert_bstr(user, name);
    ITAgent_Release(agent);
    assert_hr(E_POINTER, ITAgentHandler_CreateAgent(f.handler, NULL));

    assert_hr(E_POINTER, ITAgentHandler_CreateAgentWithID(f.handler, id, pin, NULL));
    assert_hr(E_INVALIDARG, ITAgentHandler_CreateAgentWithID(f.handler, id, NULL, &agent));
    assert_null(agent);
    assert_error_mentions(L"PIN is NULL");
    assert_hr(E_INVALIDARG, ITAgentHandler_CreateAgentWithID(f.handler, NULL, pin, &agent));
    assert_hr(E_INVALIDARG, ITAgentHandler_CreateAgentWithID(f.handler, empty, pin, &agent));
    assert_hr(TAPI_E_CALLCENTER_INVALPASSWORD, ITAgentHandler_CreateAgentWithID(f.handler, id, wrong, &agent));
    assert_error_mentions(L"LINEERR_INVALPASSWORD");
    assert_hr(TAPI_E_CALLCENTER_INVALAGENTID, ITAgentHandler_CreateAgentWithID(f.handler, wrong, pin, &agent));
    assert_error_mentions(L"CreateAgentWithID");
    assert_hr(S_OK, ITAgentHandler_CreateAgentWithID(f.handler, id, pin, &agent));
    ITAgent_Release(agent);

    assert_hr(S_OK, ITAgentHandler_get_ACDGroups(f.handler, &v));
    assert_hr(S_OK, ITCollection_get_Count((ITCollection *)V_DISPATCH(&v), &count));
    assert_int_equal(2, count);
    VariantClear(&v);
    assert_hr(S_OK, ITAgentHandler_get_UsableAddresses(f.handler, &v));
    assert_hr(S_OK, ITCollection_get_Count((ITCollection *)V_DISPATCH(&v), &count));
    assert_int_equal(3, count);
    VariantClear(&v);
    assert_hr(E_POINTER, ITAgentHandler_get_ACDGroups(f.handler, NULL));
    assert_hr(E_POINTER, ITAgentHandler_get_UsableAddresses(f.handler, NULL));
    assert_hr(E_POINTER, ITAgentHandler_EnumerateACDGroups(f.handler, NULL));
    assert_hr(E_POINTER, ITAgentHandler_EnumerateUsableAddresses(f.handler, NULL));
    SysFreeString(id);
    SysFreeString(pin);
    SysFreeString(wrong);
    SysFreeString(empty);
    fixture_close(&f);
}

static void test_groups_queues_addresses(void **state)
{
    struct fixture f;
    IEnumQueue *queues;
    ITQueue *queue[3] = { NULL };
    ITTAPI *tapi;
    ITAddressCapabilities *caps;
    BSTR text;
    ADDRESS_STATE address_state;
    ULONG fetched;
    LONG value;
    VARIANT v;

    fixture_open(&f);
    assert_hr(S_OK, ITACDGroup_get_Name(f.sales, &text));
    assert_bstr(L"Sales", text);
    assert_hr(S_OK, ITACDGroup_get_Name(f.support, &text));
    assert_bstr(L"Support", text);
    assert_hr(E_POINTER, ITACDGroup_get_Name(f.sales, NULL));
    assert_hr(S_OK, ITACDGroup_EnumerateQueues(f.sales, &queues));
    assert_hr(S_FALSE, IEnumQueue_Next(queues, 3, queue, &fetched));
    assert_int_equal(2, fetched);
    assert_null(queue[2]);
    IEnumQueue_Release(queues);
    assert_hr(S_OK, ITQueue_get_Name(queue[0], &text));
    assert_bstr(L"Sales Overflow", text);
    assert_hr(S_OK, ITQueue_get_Name(queue[1], &text));
    assert_bstr(L"Sales Inbound", text);
    assert_hr(S_OK, ITQueue_get_MeasurementPeriod(queue[1], &value));
    assert_int_equal(3600, value);
    assert_hr(E_INVALIDARG, ITQueue_put_MeasurementPeriod(queue[1], 0));
    assert_error_mentions(L"period is 0");
    assert_hr(S_OK, ITQueue_put_MeasurementPeriod(queue[1], 900));
    assert_hr(S_OK, ITQueue_get_MeasurementPeriod(queue[1], &value));
    assert_int_equal(900, value);
    assert_hr(E_POINTER, ITQueue_get_TotalCallsQueued(queue[1], NULL));
    assert_hr(E_POINTER, ITQueue_get_Name(queue[1], NULL));
    assert_hr(S_OK, ITACDGroup_get_Queues(f.support, &v));
    assert_hr(S_OK, ITCollection_get_Count((ITCollection *)V_DISPATCH(&v), &value));
    assert_int_equal(1, value);
    VariantClear(&v);
    assert_hr(E_POINTER, ITACDGroup_get_Queues(f.support, NULL));
    assert_hr(E_POINTER, ITACDGroup_EnumerateQueues(f.support, NULL));
    ITQueue_Release(queue[0]);
    ITQueue_Release(queue[1]);

    assert_hr(S_OK, ITAddress_get_AddressName(f.line2, &text));
    assert_bstr(L"Agent line 2", text);
    assert_hr(S_OK, ITAddress_get_DialableAddress(f.line2, &text));
    assert_bstr(L"2002", text);
    assert_hr(S_OK, ITAddress_get_ServiceProviderName(f.line2, &text));
    assert_bstr(L"acd", text);
    assert_hr(S_OK, ITAddress_get_State(f.line2, &address_state));
    assert_int_equal(AS_INSERVICE, address_state);
    assert_hr(S_OK, ITAddress_get_TAPIObject(f.line2, &tapi));
    assert_ptr_equal((ITTAPI *)f.tapi, tapi);
    ITTAPI_Release(tapi);
    assert_hr(E_POINTER, ITAddress_get_AddressName(f.line2, NULL));
    assert_hr(E_POINTER, ITAddress_get_TAPIObject(f.line2, NULL));
    assert_hr(S_OK, ITAddress_QueryInterface(f.line2, &IID_ITAddressCapabilities, (void **)&caps));
    assert_hr(S_OK, ITAddressCapabilities_get_AddressCapability(caps, AC_LINEID, &value));
    assert_int_equal(1, value);
    assert_hr(S_OK, ITAddressCapabilities_get_AddressCapability(caps, AC_ADDRESSID, &value));
    assert_int_equal(0, value);
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_get_AddressCapability(caps, AC_MAXACTIVECALLS, &value));
    assert_hr(E_INVALIDARG, ITAddressCapabilities_get_AddressCapability(caps, 999, &value));
    assert_hr(E_POINTER, ITAddressCapabilities_get_AddressCapability(caps, AC_LINEID, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_get_AddressCapabilityString(caps, ACS_PROTOCOL, &text));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_get_CallTreatments(caps, &v));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_EnumerateCallTreatments(caps, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_get_CompletionMessages(caps, &v));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_EnumerateCompletionMessages(caps, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_get_DeviceClasses(caps, &v));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddressCapabilities_EnumerateDeviceClasses(caps, NULL));
    ITAddressCapabilities_Release(caps);

    /* Call control on an address is not ours, and says so. */
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_CreateCall(f.line2, NULL, 1, 8, NULL));
    assert_error_mentions(L"call-center objects only");
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_get_Calls(f.line2, &v));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_EnumerateCalls(f.line2, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_CreateForwardInfoObject(f.line2, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_Forward(f.line2, NULL, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_get_CurrentForwardInfo(f.line2, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_put_MessageWaiting(f.line2, VARIANT_TRUE));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_get_MessageWaiting(f.line2, NULL));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_put_DoNotDisturb(f.line2, VARIANT_TRUE));
    assert_hr(TAPI_E_NOTSUPPORTED, ITAddress_get_DoNotDisturb(f.line2, NULL));

    /* After Shutdown the address is out of service and has no TAPI object. */
    assert_hr(S_OK, ITTAPI2_Shutdown(f.tapi));
    assert_hr(S_OK, ITAddress_get_State(f.line2, &address_state));
    assert_int_equal(AS_OUTOFSERVICE, address_state);
    assert_hr(TAPI_E_NOT_INITIALIZED, ITAddress_get_TAPIObject(f.line2, &tapi));
    fixture_close(&f);
}

static void test_agent(void **state)
{
    struct fixture f;
    ITAgent *agent, *anonymous;
    ITAgentSession *session = (void *)0xdeadbeef;
    AGENT_STATE agent_state;
    BSTR text, pin = SysAllocString(L"1234");
    LONG value;
    CY rate, zero;

    fixture_open(&f);
    agent = fixture_agent(&f, L"1001", L"1234");
    assert_hr(S_OK, ITAgent_get_ID(agent, &text));
    assert_bstr(L"1001", text);
    assert_hr(E_POINTER, ITAgent_get_ID(agent, NULL));
    assert_hr(E_POINTER, ITAgent_get_User(agent, NULL));
    assert_hr(S_OK, ITAgent_get_State(agent, &agent_state));
    assert_int_equal(AS_NOT_READY, agent_state);
    assert_hr(E_POINTER, ITAgent_get_State(agent, NULL));
    assert_hr(E_INVALIDARG, ITAgent_put_State(agent, 7));
    assert_hr(E_INVALIDARG, ITAgent_put_State(agent, AS_UNKNOWN));
    assert_hr(E_INVALIDARG, ITAgent_put_State(agent, AS_BUSY_ACD));      /* ACD calls come from the ACD */
    assert_error_mentions(L"LINEERR_INVALAGENTSTATE");
    assert_hr(S_OK, ITAgent_put_State(agent, AS_BUSY_OUTGOING));         /* a non-ACD call */
    assert_hr(S_OK, ITAgent_get_State(agent, &agent_state));
    assert_int_equal(AS_BUSY_OUTGOING, agent_state);
    assert_hr(S_OK, ITAgent_put_State(agent, AS_NOT_READY));
    assert_hr(S_OK, ITAgent_get_NumberOfOutgoingCalls(agent, &value));
    assert_int_equal(1, value);
    assert_hr(S_OK, ITAgent_get_NumberOfIncomingCalls(agent, &value));
    assert_int_equal(0, value);

    assert_hr(S_OK, ITAgent_get_MeasurementPeriod(agent, &value));
    assert_int_equal(3600, value);
    assert_hr(E_INVALIDARG, ITAgent_put_MeasurementPeriod(agent, 0));
    assert_hr(S_OK, ITAgent_put_MeasurementPeriod(agent, 1800));
    assert_hr(S_OK, ITAgent_get_MeasurementPeriod(agent, &value));
    assert_int_equal(1800, value);
    assert_hr(S_OK, ITAgent_get_NumberOfOutgoingCalls(agent, &value));
    assert_int_equal(0, value);                      /* documented: the period resets the counts */
    assert_hr(S_OK, ITAgent_get_OverallCallRate(agent, &rate));
    assert_true(rate.int64 == cy_of(0, &zero)->int64);
    assert_hr(E_POINTER, ITAgent_get_OverallCallRate(agent, NULL));
    assert_hr(E_POINTER, ITAgent_get_NumberOfACDCalls(agent, NULL));

    /* CreateSession / CreateSessionWithPIN: the documented argument errors. */
    assert_hr(E_POINTER, ITAgent_CreateSession(agent, f.sales, f.line1, NULL));
    assert_hr(E_INVALIDARG, ITAgent_CreateSession(agent, NULL, f.line1, &session));
    assert_null(session);
    assert_error_mentions(L"pACDGroup");
    assert_hr(E_INVALIDARG, ITAgent_CreateSession(agent, f.sales, NULL, &session));
    assert_error_mentions(L"pAddress");
    assert_hr(E_INVALIDARG, ITAgent_CreateSession(agent, (ITACDGroup *)f.line1, f.line1, &session));
    assert_hr(E_INVALIDARG, ITAgent_CreateSessionWithPIN(agent, f.sales, f.line1, NULL, &session));
    assert_error_mentions(L"pPIN is NULL");
    assert_hr(E_POINTER, ITAgent_CreateSessionWithPIN(agent, f.sales, f.line1, pin, NULL));
    assert_hr(E_POINTER, ITAgent_EnumerateAgentSessions(agent, NULL));
    assert_hr(E_POINTER, ITAgent_get_AgentSessions(agent, NULL));

    assert_hr(S_OK, ITAgentHandler_CreateAgent(f.handler, &anonymous));
    assert_hr(TAPI_E_CALLCENTER_NO_AGENT_ID, ITAgent_get_ID(anonymous, &text));
    assert_null(text);
    assert_hr(TAPI_E_CALLCENTER_NO_AGENT_ID,
              ITAgent_CreateSessionWithPIN(anonymous, f.sales, f.line1, pin, &session));
    assert_error_mentions(L"CreateAgentWithID");
    assert_hr(S_OK, ITAgent_CreateSession(anonymous, f.sales, f.line1, &session));
    ITAgentSession_Release(session);
    ITAgent_Release(anonymous);

    /* bob may log into Sales only. */
    {
        ITAgent *bob = fixture_agent(&f, L"1002", L"2345");
        BSTR bob_pin = SysAllocString(L"2345");

        assert_hr(TAPI_E_CALLCENTER_INVALAGENTGROUP,
                  ITAgent_CreateSessionWithPIN(bob, f.support, f.line1, bob_pin, &session));
        assert_hr(TAPI_E_CALLCENTER_INVALPASSWORD,
                  ITAgent_CreateSessionWithPIN(bob, f.sales, f.line1, pin, &session));
        SysFreeString(bob_pin);
        ITAgent_Release(bob);
    }
    SysFreeString(pin);
    ITAgent_Release(agent);
    fixture_close(&f);
}

/* The scenario of the engine's own tests, through COM: alice logs into Sales at T0;
 * a call (talk 100, wrap-up 30) waits for her until she is ready at T0+20; a
 * second call (talk 50, wrap-up 10) arrives at T0+200 and is answered at once. */
static void test_session_statistics(void **state)
{
    struct fixture f;
    ITAgent *agent;
    ITAgentSession *session;
    ITQueue *inbound;
    IEnumQueue *queues;
    AGENT_SESSION_STATE session_state;
    AGENT_STATE agent_state;
    DATE start;
    LONG value;
    CY rate;

    fixture_open(&f);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.sales, f.line1, L"1234");
    assert_hr(S_OK, ITACDGroup_EnumerateQueues(f.sales, &queues));
    assert_hr(S_OK, IEnumQueue_Skip(queues, 1));
    assert_hr(S_OK, IEnumQueue_Next(queues, 1, &inbound, NULL));
    IEnumQueue_Release(queues);

    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_NOT_READY, session_state);
    assert_hr(S_OK, tcc_test_inject_call(f.handler, 1, 100, 30, 0));
    assert_hr(S_OK, ITQueue_get_CurrentCallsQueued(inbound, &value));
    assert_int_equal(1, value);
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 20));
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_READY));
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_BUSY_ON_CALL, session_state);
    assert_hr(S_OK, ITAgent_get_State(agent, &agent_state));
    assert_int_equal(AS_BUSY_ACD, agent_state);
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 130));
    assert_hr(S_OK, ITAgentSession_get_State(session, &session_state));
    assert_int_equal(ASST_BUSY_WRAPUP, session_state);
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 200));
    assert_hr(S_OK, tcc_test_inject_call(f.handler, 1, 50, 10, 0));
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 300));

    assert_hr(S_OK, ITAgentSession_get_SessionStartTime(session, &start));
    assert_true(start == (double)TCC_TEST_T0 / 86400.0 + 25569.0);
    assert_hr(S_OK, ITAgentSession_get_SessionDuration(session, &value));
    assert_int_equal(300, value);
    assert_hr(S_OK, ITAgentSession_get_NumberOfCalls(session, &value));
    assert_int_equal(2, value);
    assert_hr(S_OK, ITAgentSession_get_TotalTalkTime(session, &value));
    assert_int_equal(150, value);
    assert_hr(S_OK, ITAgentSession_get_AverageTalkTime(session, &value));
    assert_int_equal(75, value);
    assert_hr(S_OK, ITAgentSession_get_TotalWrapUpTime(session, &value));
    assert_int_equal(40, value);
    assert_hr(S_OK, ITAgentSession_get_AverageWrapUpTime(session, &value));
    assert_int_equal(20, value);
    assert_hr(S_OK, ITAgentSession_get_TotalCallTime(session, &value));
    assert_int_equal(190, value);
    assert_hr(S_OK, ITAgentSession_get_AverageCallTime(session, &value));
    assert_int_equal(95, value);
    assert_hr(S_OK, ITAgentSession_get_ACDCallRate(session, &rate));
    assert_int_equal(240000, (int)rate.int64);       /* 24.0000 calls per hour */
    assert_hr(S_OK, ITAgentSession_get_LongestTimeToAnswer(session, &value));
    assert_int_equal(20, value);
    assert_hr(S_OK, ITAgentSession_get_AverageTimeToAnswer(session, &value));
    assert_int_equal(10, value);

    assert_hr(S_OK, ITAgent_get_NumberOfACDCalls(agent, &value));
    assert_int_equal(2, value);
    assert_hr(S_OK, ITAgent_get_TotalACDTalkTime(agent, &value));
    assert_int_equal(150, value);
    assert_hr(S_OK, ITAgent_get_TotalWrapUpTime(agent, &value));
    assert_int_equal(40, value);
    assert_hr(S_OK, ITAgent_get_TotalACDCallTime(agent, &value));
    assert_int_equal(190, value);

    assert_hr(S_OK, ITQueue_get_TotalCallsQueued(inbound, &value));
    assert_int_equal(2, value);
    assert_hr(S_OK, ITQueue_get_CurrentCallsQueued(inbound, &value));
    assert_int_equal(0, value);
    assert_hr(S_OK, ITQueue_get_LongestEverWaitTime(inbound, &value));
    assert_int_equal(20, value);
    assert_hr(S_OK, ITQueue_get_AverageWaitTime(inbound, &value));
    assert_int_equal(10, value);
    assert_hr(S_OK, ITQueue_get_TotalCallsAbandoned(inbound, &value));
    assert_int_equal(0, value);
    assert_hr(S_OK, ITQueue_get_TotalCallsFlowedIn(inbound, &value));
    assert_int_equal(0, value);
    assert_hr(S_OK, ITQueue_get_TotalCallsFlowedOut(inbound, &value));
    assert_int_equal(0, value);
    assert_hr(S_OK, ITQueue_get_CurrentLongestWaitTime(inbound, &value));
    assert_int_equal(0, value);
    assert_hr(S_OK, ITQueue_get_FinalDisposition(inbound, &value));
    assert_int_equal(0, value);

    /* Every getter checks its pointer. */
    assert_hr(E_POINTER, ITAgentSession_get_SessionStartTime(session, NULL));
    assert_hr(E_POINTER, ITAgentSession_get_ACDCallRate(session, NULL));
    assert_hr(E_POINTER, ITAgentSession_get_AverageTimeToAnswer(session, NULL));
    assert_hr(E_POINTER, ITAgentSession_get_State(session, NULL));

    /* Session states: documented transitions, and the rest refused. */
    assert_hr(E_INVALIDARG, ITAgentSession_put_State(session, 5));
    assert_error_mentions(L"not a valid session state");
    assert_hr((HRESULT)TCC_LINEERR_INVALAGENTSESSIONSTATE, ITAgentSession_put_State(session, ASST_BUSY_WRAPUP));
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_NOT_READY));
    assert_hr(S_OK, ITAgentSession_put_State(session, ASST_SESSION_ENDED));
    assert_hr(S_OK, tcc_test_set_time(f.handler, TCC_TEST_T0 + 900));
    assert_hr(S_OK, ITAgentSession_get_SessionDuration(session, &value));
    assert_int_equal(300, value);                    /* timing stops when the session ends */
    assert_hr((HRESULT)TCC_LINEERR_INVALAGENTSESSIONSTATE, ITAgentSession_put_State(session, ASST_READY));

    ITQueue_Release(inbound);
    ITAgentSession_Release(session);
    ITAgent_Release(agent);
    fixture_close(&f);
}

/* The same backend object is the same COM object while any reference lives. */
static void test_identity(void **state)
{
    struct fixture f;
    ITAgent *agent, *same_agent;
    ITAgentSession *session, *listed;
    IEnumAgentSession *sessions;
    ITACDGroup *group;
    ITAddress *address;
    IEnumACDGroup *groups;
    IUnknown *unknown1, *unknown2;
    ITAddressCapabilities *caps;
    IDispatch *dispatch;
    VARIANT v, item;

    fixture_open(&f);
    agent = fixture_agent(&f, L"1001", L"1234");
    session = fixture_session(&f, agent, f.support, f.line2, L"1234");

    assert_hr(S_OK, ITAgentSession_get_Agent(session, &same_agent));
    assert_ptr_equal(agent, same_agent);
    ITAgent_Release(same_agent);
    assert_hr(S_OK, ITAgentSession_get_ACDGroup(session, &group));
    assert_ptr_equal(f.support, group);
    ITACDGroup_Release(group);
    assert_hr(S_OK, ITAgentSession_get_Address(session, &address));
    assert_ptr_equal(f.line2, address);
    ITAddress_Release(address);
    assert_hr(E_POINTER, ITAgentSession_get_Agent(session, NULL));
    assert_hr(E_POINTER, ITAgentSession_get_ACDGroup(session, NULL));
    assert_hr(E_POINTER, ITAgentSession_get_Address(session, NULL));

    assert_hr(S_OK, ITAgent_EnumerateAgentSessions(agent, &sessions));
    assert_hr(S_OK, IEnumAgentSession_Next(sessions, 1, &listed, NULL));
    assert_ptr_equal(session, listed);
    ITAgentSession_Release(listed);
    IEnumAgentSession_Release(sessions);
    assert_hr(S_OK, ITAgent_get_AgentSessions(agent, &v));
    assert_hr(S_OK, ITCollection_get_Item((ITCollection *)V_DISPATCH(&v), 1, &item));
    assert_int_equal(VT_DISPATCH, V_VT(&item));
    assert_ptr_equal(session, V_DISPATCH(&item));
    VariantClear(&item);
    VariantClear(&v);

    /* Released and found again: a new object serves the same session. */
    ITAgentSession_Release(session);
    assert_hr(S_OK, ITAgent_EnumerateAgentSessions(agent, &sessions));
    assert_hr(S_OK, IEnumAgentSession_Next(sessions, 1, &listed, NULL));
    IEnumAgentSession_Release(sessions);
    assert_hr(S_OK, ITAgentSession_get_Address(listed, &address));
    assert_ptr_equal(f.line2, address);             /* the line was remembered */
    ITAddress_Release(address);
    ITAgentSession_Release(listed);

    assert_hr(S_OK, ITAgentHandler_EnumerateACDGroups(f.handler, &groups));
    assert_hr(S_OK, IEnumACDGroup_Next(groups, 1, &group, NULL));
    assert_ptr_equal(f.sales, group);
    ITACDGroup_Release(group);
    IEnumACDGroup_Release(groups);

    /* COM identity: one IUnknown whatever the route. */
    assert_hr(S_OK, ITAddress_QueryInterface(f.line1, &IID_ITAddressCapabilities, (void **)&caps));
    assert_hr(S_OK, ITAddressCapabilities_QueryInterface(caps, &IID_IUnknown, (void **)&unknown1));
    assert_hr(S_OK, ITAddress_QueryInterface(f.line1, &IID_IUnknown, (void **)&unknown2));
    assert_ptr_equal(unknown1, unknown2);
    assert_hr(S_OK, ITAddressCapabilities_QueryInterface(caps, &IID_IDispatch, (void **)&dispatch));
    assert_ptr_equal(f.line1, dispatch);
    IDispatch_Release(dispatch);
    IUnknown_Release(unknown1);
    IUnknown_Release(unknown2);
    ITAddressCapabilities_Release(caps);
    assert_hr(S_OK, ITTAPICallCenter_QueryInterface(f.center, &IID_IUnknown, (void **)&unknown1));
    assert_hr(S_OK, ITTAPI2_QueryInterface(f.tapi, &IID_IUnknown, (void **)&unknown2));
    assert_ptr_equal(unknown1, unknown2);
    IUnknown_Release(unknown1);
    IUnknown_Release(unknown2);
    assert_hr(E_NOINTERFACE, ITAgent_QueryInterface(agent, &IID_ITQueue, (void **)&unknown1));
    assert_null(unknown1);
    assert_hr(S_OK, ITAgent_QueryInterface(agent, &IID_ISupportErrorInfo, (void **)&unknown1));
    assert_hr(S_OK, ISupportErrorInfo_InterfaceSupportsErrorInfo((ISupportErrorInfo *)unknown1, &IID_ITAgent));
    assert_hr(S_FALSE, ISupportErrorInfo_InterfaceSupportsErrorInfo((ISupportErrorInfo *)unknown1, &IID_ITQueue));
    IUnknown_Release(unknown1);
    assert_hr(S_OK, ITAgent_QueryInterface(agent, &IID_IMarshal, (void **)&unknown1));
    IUnknown_Release(unknown1);
    ITAgent_Release(agent);
    fixture_close(&f);
}

/* One enumerator implementation serves every IEnumXxx: Next, Reset, Skip, Clone. */
static void test_enumerators(void **state)
{
    struct fixture f;
    IEnumAddress *addresses, *clone;
    ITAddress *items[4] = { NULL };
    IUnknown *unknown;
    ULONG fetched = 99;

    fixture_open(&f);
    assert_hr(S_OK, ITAgentHandler_EnumerateUsableAddresses(f.handler, &addresses));
    assert_hr(S_OK, IEnumAddress_QueryInterface(addresses, &IID_IEnumAddress, (void **)&unknown));
    IUnknown_Release(unknown);
    assert_hr(E_NOINTERFACE, IEnumAddress_QueryInterface(addresses, &IID_IEnumQueue, (void **)&unknown));
    assert_hr(E_POINTER, IEnumAddress_Next(addresses, 2, items, NULL));   /* celt > 1 needs a count */
    assert_hr(E_POINTER, IEnumAddress_Next(addresses, 1, NULL, &fetched));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 1, items, NULL));
    assert_ptr_equal(f.line1, items[0]);
    ITAddress_Release(items[0]);
    assert_hr(S_OK, IEnumAddress_Clone(addresses, &clone));
    assert_hr(E_POINTER, IEnumAddress_Clone(addresses, NULL));
    assert_hr(S_FALSE, IEnumAddress_Next(addresses, 4, items, &fetched));
    assert_int_equal(2, fetched);
    assert_ptr_equal(f.line2, items[0]);
    ITAddress_Release(items[0]);
    ITAddress_Release(items[1]);
    assert_hr(S_FALSE, IEnumAddress_Next(addresses, 1, items, &fetched));
    assert_int_equal(0, fetched);
    assert_hr(S_OK, IEnumAddress_Reset(addresses));
    assert_hr(S_OK, IEnumAddress_Skip(addresses, 2));
    assert_hr(S_FALSE, IEnumAddress_Skip(addresses, 2));
    assert_hr(S_OK, IEnumAddress_Reset(addresses));
    assert_hr(S_OK, IEnumAddress_Next(addresses, 3, items, &fetched));
    assert_int_equal(3, fetched);
    for (int i = 0; i < 3; i++)
        ITAddress_Release(items[i]);
    /* The clone kept its own position: after the first element. */
    assert_hr(S_OK, IEnumAddress_Next(clone, 1, items, &fetched));
    assert_ptr_equal(f.line2, items[0]);
    ITAddress_Release(items[0]);
    IEnumAddress_Release(clone);
    IEnumAddress_Release(addresses);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_before_initialize),
        cmocka_unit_test(test_initialize_and_shutdown),
        cmocka_unit_test(test_provider_configuration),
        cmocka_unit_test(test_agent_handler),
        cmocka_unit_test(test_groups_queues_addresses),
        cmocka_unit_test(test_agent),
        cmocka_unit_test(test_session_statistics),
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_enumerators),
    };

    return cmocka_run_group_tests_name("object_model", tests, tcc_test_setup_com, tcc_test_teardown_com);
}
