/*
 * tapi3cc: the TAPI 2.2 agent structures and constants (shared/spec/tapi3cc-api.md
 * §9, §10), portable: fixed-width types, no Windows headers, packed to 1 byte as the
 * SDK's and MinGW's tapi.h are (LINEAGENTSESSIONINFO is 76 bytes, not 80).
 *
 * Types and constants carry a TCC_ prefix so that this header and <tapi.h> can meet
 * in one translation unit; members keep TAPI's names.  The MinGW build asserts every
 * size and offset against <tapi.h> (tests/compat/test_tapi2_layout.c).
 */
#ifndef TAPI3CC_TAPI2_H
#define TAPI3CC_TAPI2_H

#include <stdint.h>

#pragma pack(push, 1)

/* GUID, laid out as Windows lays it out. */
typedef struct tcc_guid
{
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} TCC_GUID;

/* HAGENT and HAGENTSESSION are DWORDs on Win32 and Win64 alike (DECLARE_OPAQUE32). */
typedef uint32_t tcc_hagent;
typedef uint32_t tcc_hagentsession;

/* Every variable-size structure starts like this (spec §9.3). */
#define TCC_LIST_HEADER \
    uint32_t dwTotalSize; \
    uint32_t dwNeededSize; \
    uint32_t dwUsedSize; \
    uint32_t dwNumEntries; \
    uint32_t dwListSize; \
    uint32_t dwListOffset

typedef struct
{
    uint32_t dwTotalSize;
    uint32_t dwNeededSize;
    uint32_t dwUsedSize;
    uint32_t dwAgentSessionState;
    uint32_t dwNextAgentSessionState;
    double dateSessionStartTime;        /* DATE, at offset 20 */
    uint32_t dwSessionDuration;
    uint32_t dwNumberOfCalls;
    uint32_t dwTotalTalkTime;
    uint32_t dwAverageTalkTime;
    uint32_t dwTotalCallTime;
    uint32_t dwAverageCallTime;
    uint32_t dwTotalWrapUpTime;
    uint32_t dwAverageWrapUpTime;
    int64_t cyACDCallRate;              /* CURRENCY: value x 10000, at offset 60 */
    uint32_t dwLongestTimeToAnswer;
    uint32_t dwAverageTimeToAnswer;
} TCC_LINEAGENTSESSIONINFO;

typedef struct
{
    tcc_hagentsession hAgentSession;
    tcc_hagent hAgent;
    TCC_GUID GroupID;
    uint32_t dwWorkingAddressID;
} TCC_LINEAGENTSESSIONENTRY;

typedef struct
{
    TCC_LIST_HEADER;
} TCC_LINEAGENTSESSIONLIST;

typedef struct
{
    uint32_t dwTotalSize;
    uint32_t dwNeededSize;
    uint32_t dwUsedSize;
    uint32_t dwAgentState;
    uint32_t dwNextAgentState;
    uint32_t dwMeasurementPeriod;
    int64_t cyOverallCallRate;          /* CURRENCY, at offset 24 */
    uint32_t dwNumberOfACDCalls;
    uint32_t dwNumberOfIncomingCalls;
    uint32_t dwNumberOfOutgoingCalls;
    uint32_t dwTotalACDTalkTime;
    uint32_t dwTotalACDCallTime;
    uint32_t dwTotalACDWrapUpTime;
} TCC_LINEAGENTINFO;

typedef struct
{
    tcc_hagent hAgent;
    uint32_t dwNameSize;
    uint32_t dwNameOffset;
    uint32_t dwIDSize;
    uint32_t dwIDOffset;
    uint32_t dwPINSize;
    uint32_t dwPINOffset;
} TCC_LINEAGENTENTRY;

typedef struct
{
    TCC_LIST_HEADER;
} TCC_LINEAGENTLIST;

typedef struct
{
    struct
    {
        uint32_t dwGroupID1;
        uint32_t dwGroupID2;
        uint32_t dwGroupID3;
        uint32_t dwGroupID4;
    } GroupID;
    uint32_t dwNameSize;
    uint32_t dwNameOffset;
} TCC_LINEAGENTGROUPENTRY;

typedef struct
{
    TCC_LIST_HEADER;
} TCC_LINEAGENTGROUPLIST;

typedef struct
{
    uint32_t dwQueueID;
    uint32_t dwNameSize;
    uint32_t dwNameOffset;
} TCC_LINEQUEUEENTRY;

typedef struct
{
    TCC_LIST_HEADER;
} TCC_LINEQUEUELIST;

typedef struct
{
    uint32_t dwTotalSize;
    uint32_t dwNeededSize;
    uint32_t dwUsedSize;
    uint32_t dwMeasurementPeriod;
    uint32_t dwTotalCallsQueued;
    uint32_t dwCurrentCallsQueued;
    uint32_t dwTotalCallsAbandoned;
    uint32_t dwTotalCallsFlowedIn;
    uint32_t dwTotalCallsFlowedOut;
    uint32_t dwLongestEverWaitTime;
    uint32_t dwCurrentLongestWaitTime;
    uint32_t dwAverageWaitTime;
    uint32_t dwFinalDisposition;
} TCC_LINEQUEUEINFO;

typedef struct
{
    uint32_t dwTotalSize;
    uint32_t dwNeededSize;
    uint32_t dwUsedSize;
    uint32_t dwAgentHandlerInfoSize;
    uint32_t dwAgentHandlerInfoOffset;
    uint32_t dwCapsVersion;
    uint32_t dwFeatures;
    uint32_t dwStates;
    uint32_t dwNextStates;
    uint32_t dwMaxNumGroupEntries;
    uint32_t dwAgentStatusMessages;
    uint32_t dwNumAgentExtensionIDs;
    uint32_t dwAgentExtensionIDListSize;
    uint32_t dwAgentExtensionIDListOffset;
    TCC_GUID ProxyGUID;
} TCC_LINEAGENTCAPS;

typedef struct
{
    uint32_t dwTotalSize;
    uint32_t dwNeededSize;
    uint32_t dwUsedSize;
    uint32_t dwNumEntries;
    uint32_t dwGroupListSize;
    uint32_t dwGroupListOffset;
    uint32_t dwState;
    uint32_t dwNextState;
    uint32_t dwActivityID;
    uint32_t dwActivitySize;
    uint32_t dwActivityOffset;
    uint32_t dwAgentFeatures;
    uint32_t dwValidStates;
    uint32_t dwValidNextStates;
} TCC_LINEAGENTSTATUS;

#pragma pack(pop)

/* LINEAGENTSTATEEX_ (v2.2) */
#define TCC_LINEAGENTSTATEEX_NOTREADY     0x00000001
#define TCC_LINEAGENTSTATEEX_READY        0x00000002
#define TCC_LINEAGENTSTATEEX_BUSYACD      0x00000004
#define TCC_LINEAGENTSTATEEX_BUSYINCOMING 0x00000008
#define TCC_LINEAGENTSTATEEX_BUSYOUTGOING 0x00000010
#define TCC_LINEAGENTSTATEEX_UNKNOWN      0x00000020
#define TCC_LINEAGENTSTATEEX_RELEASED     0x00000040

/* LINEAGENTSESSIONSTATE_ (v2.2) */
#define TCC_LINEAGENTSESSIONSTATE_NOTREADY   0x00000001
#define TCC_LINEAGENTSESSIONSTATE_READY      0x00000002
#define TCC_LINEAGENTSESSIONSTATE_BUSYONCALL 0x00000004
#define TCC_LINEAGENTSESSIONSTATE_BUSYWRAPUP 0x00000008
#define TCC_LINEAGENTSESSIONSTATE_ENDED      0x00000010
#define TCC_LINEAGENTSESSIONSTATE_RELEASED   0x00000020

/* LINEAGENTSTATE_ (v2.0, address-based): the states LINEAGENTCAPS lists */
#define TCC_LINEAGENTSTATE_LOGGEDOFF        0x00000001
#define TCC_LINEAGENTSTATE_NOTREADY         0x00000002
#define TCC_LINEAGENTSTATE_READY            0x00000004
#define TCC_LINEAGENTSTATE_BUSYACD          0x00000008
#define TCC_LINEAGENTSTATE_BUSYINCOMING     0x00000010
#define TCC_LINEAGENTSTATE_BUSYOUTBOUND     0x00000020
#define TCC_LINEAGENTSTATE_BUSYOTHER        0x00000040
#define TCC_LINEAGENTSTATE_WORKINGAFTERCALL 0x00000080
#define TCC_LINEAGENTSTATE_UNKNOWN          0x00000100
#define TCC_LINEAGENTSTATE_UNAVAIL          0x00000200

/* Status bits of the unsolicited messages */
#define TCC_LINEAGENTSTATUSEX_NEWAGENT   0x00000001
#define TCC_LINEAGENTSTATUSEX_STATE      0x00000002
#define TCC_LINEAGENTSTATUSEX_UPDATEINFO 0x00000004
#define TCC_LINEAGENTSESSIONSTATUS_NEWSESSION 0x00000001
#define TCC_LINEAGENTSESSIONSTATUS_STATE      0x00000002
#define TCC_LINEAGENTSESSIONSTATUS_UPDATEINFO 0x00000004
#define TCC_LINEQUEUESTATUS_UPDATEINFO   0x00000001
#define TCC_LINEQUEUESTATUS_NEWQUEUE     0x00000002
#define TCC_LINEQUEUESTATUS_QUEUEREMOVED 0x00000004
#define TCC_LINEGROUPSTATUS_NEWGROUP     0x00000001
#define TCC_LINEGROUPSTATUS_GROUPREMOVED 0x00000002
#define TCC_LINEPROXYSTATUS_OPEN          0x00000001
#define TCC_LINEPROXYSTATUS_CLOSE         0x00000002
#define TCC_LINEPROXYSTATUS_ALLOPENFORACD 0x00000004
/* LINEDEVSTATE_ (tapi.h; Microsoft's LINE_LINEDEVSTATE page): the two a provider
 * raises when its link to the ACD goes and comes back. */
#define TCC_LINEDEVSTATE_INSERVICE        0x00000040
#define TCC_LINEDEVSTATE_OUTOFSERVICE     0x00000080

/* LINEAGENTSTATUS_ (v2.0) and LINEAGENTFEATURE_ */
#define TCC_LINEAGENTSTATUS_GROUP           0x00000001
#define TCC_LINEAGENTSTATUS_STATE           0x00000002
#define TCC_LINEAGENTSTATUS_NEXTSTATE       0x00000004
#define TCC_LINEAGENTSTATUS_ACTIVITY        0x00000008
#define TCC_LINEAGENTSTATUS_ACTIVITYLIST    0x00000010
#define TCC_LINEAGENTSTATUS_GROUPLIST       0x00000020
#define TCC_LINEAGENTSTATUS_CAPSCHANGE      0x00000040
#define TCC_LINEAGENTSTATUS_VALIDSTATES     0x00000080
#define TCC_LINEAGENTSTATUS_VALIDNEXTSTATES 0x00000100
#define TCC_LINEAGENTFEATURE_SETAGENTGROUP        0x00000001
#define TCC_LINEAGENTFEATURE_SETAGENTSTATE        0x00000002
#define TCC_LINEAGENTFEATURE_SETAGENTACTIVITY     0x00000004
#define TCC_LINEAGENTFEATURE_AGENTSPECIFIC        0x00000008
#define TCC_LINEAGENTFEATURE_GETAGENTACTIVITYLIST 0x00000010
#define TCC_LINEAGENTFEATURE_GETAGENTGROUP        0x00000020

/* LINEPROXYREQUEST_ */
#define TCC_LINEPROXYREQUEST_SETAGENTGROUP             0x00000001
#define TCC_LINEPROXYREQUEST_SETAGENTSTATE             0x00000002
#define TCC_LINEPROXYREQUEST_SETAGENTACTIVITY          0x00000003
#define TCC_LINEPROXYREQUEST_GETAGENTCAPS              0x00000004
#define TCC_LINEPROXYREQUEST_GETAGENTSTATUS            0x00000005
#define TCC_LINEPROXYREQUEST_AGENTSPECIFIC             0x00000006
#define TCC_LINEPROXYREQUEST_GETAGENTACTIVITYLIST      0x00000007
#define TCC_LINEPROXYREQUEST_GETAGENTGROUPLIST         0x00000008
#define TCC_LINEPROXYREQUEST_CREATEAGENT               0x00000009
#define TCC_LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD 0x0000000A
#define TCC_LINEPROXYREQUEST_GETAGENTINFO              0x0000000B
#define TCC_LINEPROXYREQUEST_CREATEAGENTSESSION        0x0000000C
#define TCC_LINEPROXYREQUEST_GETAGENTSESSIONLIST       0x0000000D
#define TCC_LINEPROXYREQUEST_SETAGENTSESSIONSTATE      0x0000000E
#define TCC_LINEPROXYREQUEST_GETAGENTSESSIONINFO       0x0000000F
#define TCC_LINEPROXYREQUEST_GETQUEUELIST              0x00000010
#define TCC_LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD 0x00000011
#define TCC_LINEPROXYREQUEST_GETQUEUEINFO              0x00000012
#define TCC_LINEPROXYREQUEST_GETGROUPLIST              0x00000013
#define TCC_LINEPROXYREQUEST_SETAGENTSTATEEX           0x00000014

/* LINE_ messages (dwMsg) */
#define TCC_LINE_CLOSE              3
#define TCC_LINE_LINEDEVSTATE       8
#define TCC_LINE_REPLY              12
#define TCC_LINE_AGENTSPECIFIC      21
#define TCC_LINE_AGENTSTATUS        22
#define TCC_LINE_PROXYREQUEST       24
#define TCC_LINE_AGENTSESSIONSTATUS 27
#define TCC_LINE_QUEUESTATUS        28
#define TCC_LINE_AGENTSTATUSEX      29
#define TCC_LINE_GROUPSTATUS        30
#define TCC_LINE_PROXYSTATUS        31

/* LINEERR_: LONG values (negative), here as the 32-bit patterns. */
#define TCC_LINEERR_ALLOCATED              ((int32_t)0x80000001)
#define TCC_LINEERR_BADDEVICEID            ((int32_t)0x80000002)
#define TCC_LINEERR_INCOMPATIBLEAPIVERSION ((int32_t)0x8000000C)
#define TCC_LINEERR_INVALADDRESSID         ((int32_t)0x80000011)
#define TCC_LINEERR_INVALAPPHANDLE         ((int32_t)0x80000014)
#define TCC_LINEERR_INVALLINEHANDLE        ((int32_t)0x8000002B)
#define TCC_LINEERR_INVALPARAM             ((int32_t)0x80000032)
#define TCC_LINEERR_INVALPOINTER           ((int32_t)0x80000035)
#define TCC_LINEERR_NODEVICE               ((int32_t)0x80000042)
#define TCC_LINEERR_NODRIVER               ((int32_t)0x80000043)
#define TCC_LINEERR_NOMEM                  ((int32_t)0x80000044)
#define TCC_LINEERR_OPERATIONFAILED        ((int32_t)0x80000048)
#define TCC_LINEERR_OPERATIONUNAVAIL       ((int32_t)0x80000049)
#define TCC_LINEERR_RESOURCEUNAVAIL        ((int32_t)0x8000004B)
#define TCC_LINEERR_STRUCTURETOOSMALL      ((int32_t)0x8000004D)
#define TCC_LINEERR_UNINITIALIZED          ((int32_t)0x80000050)
#define TCC_LINEERR_INVALAGENTID           ((int32_t)0x80000057)
#define TCC_LINEERR_INVALAGENTGROUP        ((int32_t)0x80000058)
#define TCC_LINEERR_INVALPASSWORD          ((int32_t)0x80000059)
#define TCC_LINEERR_INVALAGENTSTATE        ((int32_t)0x8000005A)
#define TCC_LINEERR_INVALAGENTACTIVITY     ((int32_t)0x8000005B)
#define TCC_LINEERR_INVALAGENTSESSIONSTATE ((int32_t)0x8000005F)

#endif
