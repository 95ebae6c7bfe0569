/*
 * Every member of every interface of the contract, written from
 * shared/spec/tapi3cc-api.md (§3, §5, §8):
 *     TCC_MEMBER(interface, C vtable member, vtable slot, "name", DISPID, kind, flags)
 * kind: FUNC, GET (propget), PUT (propput).  flags: 0, HIDDEN or RESTRICTED.
 * The enumerators have no id() in the IDL: their DISPIDs are the automatic
 * 0x60010000 + n (first level below IUnknown).  ITCollection's Count has none
 * either: 0x60020000 (first level below IDispatch).
 */
#define AUTO_IUNKNOWN(n) (0x60010000 + (n))
#define AUTO_IDISPATCH(n) (0x60020000 + (n))

/* §3.1 ITAgent */
TCC_MEMBER(ITAgent, EnumerateAgentSessions,    7, "EnumerateAgentSessions", 1, FUNC, HIDDEN)
TCC_MEMBER(ITAgent, CreateSession,             8, "CreateSession", 2, FUNC, 0)
TCC_MEMBER(ITAgent, CreateSessionWithPIN,      9, "CreateSessionWithPIN", 3, FUNC, 0)
TCC_MEMBER(ITAgent, get_ID,                   10, "ID", 4, GET, 0)
TCC_MEMBER(ITAgent, get_User,                 11, "User", 5, GET, 0)
TCC_MEMBER(ITAgent, put_State,                12, "State", 6, PUT, 0)
TCC_MEMBER(ITAgent, get_State,                13, "State", 6, GET, 0)
TCC_MEMBER(ITAgent, put_MeasurementPeriod,    14, "MeasurementPeriod", 7, PUT, 0)
TCC_MEMBER(ITAgent, get_MeasurementPeriod,    15, "MeasurementPeriod", 7, GET, 0)
TCC_MEMBER(ITAgent, get_OverallCallRate,      16, "OverallCallRate", 8, GET, 0)
TCC_MEMBER(ITAgent, get_NumberOfACDCalls,     17, "NumberOfACDCalls", 9, GET, 0)
TCC_MEMBER(ITAgent, get_NumberOfIncomingCalls, 18, "NumberOfIncomingCalls", 10, GET, 0)
TCC_MEMBER(ITAgent, get_NumberOfOutgoingCalls, 19, "NumberOfOutgoingCalls", 11, GET, 0)
TCC_MEMBER(ITAgent, get_TotalACDTalkTime,     20, "TotalACDTalkTime", 12, GET, 0)
TCC_MEMBER(ITAgent, get_TotalACDCallTime,     21, "TotalACDCallTime", 13, GET, 0)
TCC_MEMBER(ITAgent, get_TotalWrapUpTime,      22, "TotalWrapUpTime", 14, GET, 0)
TCC_MEMBER(ITAgent, get_AgentSessions,        23, "AgentSessions", 15, GET, 0)

/* §3.2 ITAgentSession */
TCC_MEMBER(ITAgentSession, get_Agent,               7, "Agent", 1, GET, 0)
TCC_MEMBER(ITAgentSession, get_Address,             8, "Address", 2, GET, 0)
TCC_MEMBER(ITAgentSession, get_ACDGroup,            9, "ACDGroup", 3, GET, 0)
TCC_MEMBER(ITAgentSession, put_State,              10, "State", 4, PUT, 0)
TCC_MEMBER(ITAgentSession, get_State,              11, "State", 4, GET, 0)
TCC_MEMBER(ITAgentSession, get_SessionStartTime,   12, "SessionStartTime", 5, GET, 0)
TCC_MEMBER(ITAgentSession, get_SessionDuration,    13, "SessionDuration", 6, GET, 0)
TCC_MEMBER(ITAgentSession, get_NumberOfCalls,      14, "NumberOfCalls", 7, GET, 0)
TCC_MEMBER(ITAgentSession, get_TotalTalkTime,      15, "TotalTalkTime", 8, GET, 0)
TCC_MEMBER(ITAgentSession, get_AverageTalkTime,    16, "AverageTalkTime", 9, GET, 0)
TCC_MEMBER(ITAgentSession, get_TotalCallTime,      17, "TotalCallTime", 10, GET, 0)
TCC_MEMBER(ITAgentSession, get_AverageCallTime,    18, "AverageCallTime", 11, GET, 0)
TCC_MEMBER(ITAgentSession, get_TotalWrapUpTime,    19, "TotalWrapUpTime", 12, GET, 0)
TCC_MEMBER(ITAgentSession, get_AverageWrapUpTime,  20, "AverageWrapUpTime", 13, GET, 0)
TCC_MEMBER(ITAgentSession, get_ACDCallRate,        21, "ACDCallRate", 14, GET, 0)
TCC_MEMBER(ITAgentSession, get_LongestTimeToAnswer, 22, "LongestTimeToAnswer", 15, GET, 0)
TCC_MEMBER(ITAgentSession, get_AverageTimeToAnswer, 23, "AverageTimeToAnswer", 16, GET, 0)

/* §3.3 ITACDGroup */
TCC_MEMBER(ITACDGroup, get_Name,         7, "Name", 1, GET, 0)
TCC_MEMBER(ITACDGroup, EnumerateQueues,  8, "EnumerateQueues", 2, FUNC, HIDDEN)
TCC_MEMBER(ITACDGroup, get_Queues,       9, "Queues", 3, GET, 0)

/* §3.4 ITQueue */
TCC_MEMBER(ITQueue, put_MeasurementPeriod,       7, "MeasurementPeriod", 1, PUT, 0)
TCC_MEMBER(ITQueue, get_MeasurementPeriod,       8, "MeasurementPeriod", 1, GET, 0)
TCC_MEMBER(ITQueue, get_TotalCallsQueued,        9, "TotalCallsQueued", 2, GET, 0)
TCC_MEMBER(ITQueue, get_CurrentCallsQueued,     10, "CurrentCallsQueued", 3, GET, 0)
TCC_MEMBER(ITQueue, get_TotalCallsAbandoned,    11, "TotalCallsAbandoned", 4, GET, 0)
TCC_MEMBER(ITQueue, get_TotalCallsFlowedIn,     12, "TotalCallsFlowedIn", 5, GET, 0)
TCC_MEMBER(ITQueue, get_TotalCallsFlowedOut,    13, "TotalCallsFlowedOut", 6, GET, 0)
TCC_MEMBER(ITQueue, get_LongestEverWaitTime,    14, "LongestEverWaitTime", 7, GET, 0)
TCC_MEMBER(ITQueue, get_CurrentLongestWaitTime, 15, "CurrentLongestWaitTime", 8, GET, 0)
TCC_MEMBER(ITQueue, get_AverageWaitTime,        16, "AverageWaitTime", 9, GET, 0)
TCC_MEMBER(ITQueue, get_FinalDisposition,       17, "FinalDisposition", 10, GET, 0)
TCC_MEMBER(ITQueue, get_Name,                   18, "Name", 11, GET, 0)

/* §3.5 event interfaces */
TCC_MEMBER(ITAgentEvent, get_Agent,                 7, "Agent", 1, GET, 0)
TCC_MEMBER(ITAgentEvent, get_Event,                 8, "Event", 2, GET, 0)
TCC_MEMBER(ITAgentSessionEvent, get_Session,        7, "Session", 1, GET, 0)
TCC_MEMBER(ITAgentSessionEvent, get_Event,          8, "Event", 2, GET, 0)
TCC_MEMBER(ITACDGroupEvent, get_Group,              7, "Group", 1, GET, 0)
TCC_MEMBER(ITACDGroupEvent, get_Event,              8, "Event", 2, GET, 0)
TCC_MEMBER(ITQueueEvent, get_Queue,                 7, "Queue", 1, GET, 0)
TCC_MEMBER(ITQueueEvent, get_Event,                 8, "Event", 2, GET, 0)
TCC_MEMBER(ITAgentHandlerEvent, get_AgentHandler,   7, "AgentHandler", 1, GET, 0)
TCC_MEMBER(ITAgentHandlerEvent, get_Event,          8, "Event", 2, GET, 0)

/* §3.6 ITTAPICallCenter: the TAPI object's second DISPID range */
TCC_MEMBER(ITTAPICallCenter, EnumerateAgentHandlers, 7, "EnumerateAgentHandlers", 0x00020001, FUNC, HIDDEN)
TCC_MEMBER(ITTAPICallCenter, get_AgentHandlers,      8, "AgentHandlers", 0x00020002, GET, 0)

/* §3.7 ITAgentHandler */
TCC_MEMBER(ITAgentHandler, get_Name,                  7, "Name", 1, GET, 0)
TCC_MEMBER(ITAgentHandler, CreateAgent,               8, "CreateAgent", 2, FUNC, 0)
TCC_MEMBER(ITAgentHandler, CreateAgentWithID,         9, "CreateAgentWithID", 3, FUNC, 0)
TCC_MEMBER(ITAgentHandler, EnumerateACDGroups,       10, "EnumerateACDGroups", 4, FUNC, HIDDEN)
TCC_MEMBER(ITAgentHandler, EnumerateUsableAddresses, 11, "EnumerateUsableAddresses", 5, FUNC, HIDDEN)
TCC_MEMBER(ITAgentHandler, get_ACDGroups,            12, "ACDGroups", 6, GET, 0)
TCC_MEMBER(ITAgentHandler, get_UsableAddresses,      13, "UsableAddresses", 7, GET, 0)

/* §3.8 enumerators: Next, Reset, Skip, Clone (Reset before Skip) */
TCC_MEMBER(IEnumAgent, Next,   3, "Next", AUTO_IUNKNOWN(0), FUNC, 0)
TCC_MEMBER(IEnumAgent, Reset,  4, "Reset", AUTO_IUNKNOWN(1), FUNC, 0)
TCC_MEMBER(IEnumAgent, Skip,   5, "Skip", AUTO_IUNKNOWN(2), FUNC, 0)
TCC_MEMBER(IEnumAgent, Clone,  6, "Clone", AUTO_IUNKNOWN(3), FUNC, 0)
TCC_MEMBER(IEnumAgentSession, Next,   3, "Next", AUTO_IUNKNOWN(0), FUNC, 0)
TCC_MEMBER(IEnumAgentSession, Reset,  4, "Reset", AUTO_IUNKNOWN(1), FUNC, 0)
TCC_MEMBER(IEnumAgentSession, Skip,   5, "Skip", AUTO_IUNKNOWN(2), FUNC, 0)
TCC_MEMBER(IEnumAgentSession, Clone,  6, "Clone", AUTO_IUNKNOWN(3), FUNC, 0)
TCC_MEMBER(IEnumQueue, Next,   3, "Next", AUTO_IUNKNOWN(0), FUNC, 0)
TCC_MEMBER(IEnumQueue, Reset,  4, "Reset", AUTO_IUNKNOWN(1), FUNC, 0)
TCC_MEMBER(IEnumQueue, Skip,   5, "Skip", AUTO_IUNKNOWN(2), FUNC, 0)
TCC_MEMBER(IEnumQueue, Clone,  6, "Clone", AUTO_IUNKNOWN(3), FUNC, 0)
TCC_MEMBER(IEnumACDGroup, Next,   3, "Next", AUTO_IUNKNOWN(0), FUNC, 0)
TCC_MEMBER(IEnumACDGroup, Reset,  4, "Reset", AUTO_IUNKNOWN(1), FUNC, 0)
TCC_MEMBER(IEnumACDGroup, Skip,   5, "Skip", AUTO_IUNKNOWN(2), FUNC, 0)
TCC_MEMBER(IEnumACDGroup, Clone,  6, "Clone", AUTO_IUNKNOWN(3), FUNC, 0)
TCC_MEMBER(IEnumAgentHandler, Next,   3, "Next", AUTO_IUNKNOWN(0), FUNC, 0)
TCC_MEMBER(IEnumAgentHandler, Reset,  4, "Reset", AUTO_IUNKNOWN(1), FUNC, 0)
TCC_MEMBER(IEnumAgentHandler, Skip,   5, "Skip", AUTO_IUNKNOWN(2), FUNC, 0)
TCC_MEMBER(IEnumAgentHandler, Clone,  6, "Clone", AUTO_IUNKNOWN(3), FUNC, 0)

/* §5.2 ITTAPI: Initialize and Shutdown first in the vtable, numbered 13 and 14 */
TCC_MEMBER(ITTAPI, Initialize,                   7, "Initialize", 0x1000D, FUNC, 0)
TCC_MEMBER(ITTAPI, Shutdown,                     8, "Shutdown", 0x1000E, FUNC, 0)
TCC_MEMBER(ITTAPI, get_Addresses,                9, "Addresses", 0x10001, GET, 0)
TCC_MEMBER(ITTAPI, EnumerateAddresses,          10, "EnumerateAddresses", 0x10002, FUNC, HIDDEN)
TCC_MEMBER(ITTAPI, RegisterCallNotifications,   11, "RegisterCallNotifications", 0x10003, FUNC, 0)
TCC_MEMBER(ITTAPI, UnregisterNotifications,     12, "UnregisterNotifications", 0x10004, FUNC, 0)
TCC_MEMBER(ITTAPI, get_CallHubs,                13, "CallHubs", 0x10005, GET, 0)
TCC_MEMBER(ITTAPI, EnumerateCallHubs,           14, "EnumerateCallHubs", 0x10006, FUNC, HIDDEN)
TCC_MEMBER(ITTAPI, SetCallHubTracking,          15, "SetCallHubTracking", 0x10007, FUNC, 0)
TCC_MEMBER(ITTAPI, EnumeratePrivateTAPIObjects, 16, "EnumeratePrivateTAPIObjects", 0x10008, FUNC, HIDDEN)
TCC_MEMBER(ITTAPI, get_PrivateTAPIObjects,      17, "PrivateTAPIObjects", 0x10009, GET, 0)
TCC_MEMBER(ITTAPI, RegisterRequestRecipient,    18, "RegisterRequestRecipient", 0x1000A, FUNC, 0)
TCC_MEMBER(ITTAPI, SetAssistedTelephonyPriority, 19, "SetAssistedTelephonyPriority", 0x1000B, FUNC, 0)
TCC_MEMBER(ITTAPI, SetApplicationPriority,      20, "SetApplicationPriority", 0x1000C, FUNC, 0)
TCC_MEMBER(ITTAPI, put_EventFilter,             21, "EventFilter", 0x1000F, PUT, 0)
TCC_MEMBER(ITTAPI, get_EventFilter,             22, "EventFilter", 0x1000F, GET, 0)

/* §5.3 ITTAPI2 (own members; slots 7-22 are ITTAPI's) */
TCC_MEMBER(ITTAPI2, get_Phones,                  23, "Phones", 0x10010, GET, 0)
TCC_MEMBER(ITTAPI2, EnumeratePhones,             24, "EnumeratePhones", 0x10011, FUNC, HIDDEN)
TCC_MEMBER(ITTAPI2, CreateEmptyCollectionObject, 25, "CreateEmptyCollectionObject", 0x10012, FUNC, 0)

/* §5.4 ITAddress */
TCC_MEMBER(ITAddress, get_State,               7, "State", 0x10001, GET, 0)
TCC_MEMBER(ITAddress, get_AddressName,         8, "AddressName", 0x10002, GET, 0)
TCC_MEMBER(ITAddress, get_ServiceProviderName, 9, "ServiceProviderName", 0x10003, GET, 0)
TCC_MEMBER(ITAddress, get_TAPIObject,         10, "TAPIObject", 0x10004, GET, 0)
TCC_MEMBER(ITAddress, CreateCall,             11, "CreateCall", 0x10005, FUNC, 0)
TCC_MEMBER(ITAddress, get_Calls,              12, "Calls", 0x10006, GET, 0)
TCC_MEMBER(ITAddress, EnumerateCalls,         13, "EnumerateCalls", 0x10007, FUNC, HIDDEN)
TCC_MEMBER(ITAddress, get_DialableAddress,    14, "DialableAddress", 0x10008, GET, 0)
TCC_MEMBER(ITAddress, CreateForwardInfoObject, 15, "CreateForwardInfoObject", 0x1000A, FUNC, 0)
TCC_MEMBER(ITAddress, Forward,                16, "Forward", 0x1000B, FUNC, 0)
TCC_MEMBER(ITAddress, get_CurrentForwardInfo, 17, "CurrentForwardInfo", 0x1000C, GET, 0)
TCC_MEMBER(ITAddress, put_MessageWaiting,     18, "MessageWaiting", 0x1000E, PUT, 0)
TCC_MEMBER(ITAddress, get_MessageWaiting,     19, "MessageWaiting", 0x1000E, GET, 0)
TCC_MEMBER(ITAddress, put_DoNotDisturb,       20, "DoNotDisturb", 0x1000F, PUT, 0)
TCC_MEMBER(ITAddress, get_DoNotDisturb,       21, "DoNotDisturb", 0x1000F, GET, 0)

/* §5.4 ITAddressCapabilities */
TCC_MEMBER(ITAddressCapabilities, get_AddressCapability,       7, "AddressCapability", 0x20001, GET, 0)
TCC_MEMBER(ITAddressCapabilities, get_AddressCapabilityString, 8, "AddressCapabilityString", 0x20002, GET, 0)
TCC_MEMBER(ITAddressCapabilities, get_CallTreatments,          9, "CallTreatments", 0x20003, GET, 0)
TCC_MEMBER(ITAddressCapabilities, EnumerateCallTreatments,    10, "EnumerateCallTreatments", 0x20004, FUNC, HIDDEN)
TCC_MEMBER(ITAddressCapabilities, get_CompletionMessages,     11, "CompletionMessages", 0x20005, GET, 0)
TCC_MEMBER(ITAddressCapabilities, EnumerateCompletionMessages, 12, "EnumerateCompletionMessages", 0x20006, FUNC, HIDDEN)
TCC_MEMBER(ITAddressCapabilities, get_DeviceClasses,          13, "DeviceClasses", 0x20007, GET, 0)
TCC_MEMBER(ITAddressCapabilities, EnumerateDeviceClasses,     14, "EnumerateDeviceClasses", 0x20008, FUNC, HIDDEN)

/* §12a ITAddressEvent */
TCC_MEMBER(ITAddressEvent, get_Address,  7, "Address", 1, GET, 0)
TCC_MEMBER(ITAddressEvent, get_Event,    8, "Event", 2, GET, 0)
TCC_MEMBER(ITAddressEvent, get_Terminal, 9, "Terminal", 3, GET, 0)

/* §5.4 IEnumAddress */
TCC_MEMBER(IEnumAddress, Next,   3, "Next", AUTO_IUNKNOWN(0), FUNC, 0)
TCC_MEMBER(IEnumAddress, Reset,  4, "Reset", AUTO_IUNKNOWN(1), FUNC, 0)
TCC_MEMBER(IEnumAddress, Skip,   5, "Skip", AUTO_IUNKNOWN(2), FUNC, 0)
TCC_MEMBER(IEnumAddress, Clone,  6, "Clone", AUTO_IUNKNOWN(3), FUNC, 0)

/* §8 ITCollection, ITCollection2 */
TCC_MEMBER(ITCollection, get_Count,     7, "Count", AUTO_IDISPATCH(0), GET, 0)
TCC_MEMBER(ITCollection, get_Item,      8, "Item", 0 /* DISPID_VALUE */, GET, 0)
TCC_MEMBER(ITCollection, get__NewEnum,  9, "_NewEnum", -4 /* DISPID_NEWENUM */, GET, RESTRICTED)
TCC_MEMBER(ITCollection2, Add,         10, "Add", 1, FUNC, 0)
TCC_MEMBER(ITCollection2, Remove,      11, "Remove", 2, FUNC, 0)

/* §5.1 ITTAPIEventNotification (the C/C++ sink) */
TCC_MEMBER(ITTAPIEventNotification, Event, 3, "Event", 1, FUNC, 0)

/* §5.5 ITDispatchMapper */
TCC_MEMBER(ITDispatchMapper, QueryDispatchInterface, 7, "QueryDispatchInterface", 1, FUNC, 0)
