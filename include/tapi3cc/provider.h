/*
 * tapi3cc's provider SDK: the contract between tapi3cc.dll (the host, which holds the
 * TAPI 3 COM objects) and a provider (one kind of ACD back end).  A provider is
 * built into tapi3cc.dll ("acd", the embedded emulator) or lives in a DLL of its own
 * (a plug-in, see "Plug-ins" below).  This header, tapi2.h and the C standard library
 * are all a provider needs.
 *
 * THE TABLE.  Like sqlite3_vfs, a provider is a versioned table of function pointers
 * (struct tcc_provider).  open() makes one context per ACD system; every other
 * member takes that context.  Members correspond one to one to the TAPI 2.2 agent
 * proxy requests (lineGetAgentCaps, lineCreateAgent, ...) and fill the same
 * structures.  New members are only ever appended, each contract version adding some;
 * `version` says which exist, and the host never calls a member of a version the
 * table does not claim.  A table built against an older header keeps working.
 *
 * RESULTS.  Members return 0 or a TCC_LINEERR_* code (tapi2.h); the host turns the
 * code into the HRESULT TAPI 3 documents (LINEERR_INVALAGENTID into
 * TAPI_E_CALLCENTER_INVALAGENTID, ...) with an error message for the client.
 *
 * VARIABLE-SIZE STRUCTURES (TCC_LINEAGENTCAPS, the lists, TCC_ADDRESSLIST) follow
 * TAPI's rules:
 *   - the host sets dwTotalSize (the bytes it allocated, at least the fixed part's
 *     size in tapi2.h) and zeroes nothing else;
 *   - the provider sets dwNeededSize (the bytes everything would take) and dwUsedSize
 *     (the bytes it wrote); it writes strings (UTF-16, NUL-terminated, their Size in
 *     bytes including the NUL) and arrays after the fixed part, at offsets from the
 *     start of the structure, and writes nothing variable that does not fit (the
 *     fixed part is still filled: the host grows the buffer to dwNeededSize and asks
 *     again);
 *   - a dwTotalSize smaller than the fixed part gives TCC_LINEERR_STRUCTURETOOSMALL
 *     and writes only dwNeededSize (when at least 12 bytes are there for it).
 * Fixed-size structures (TCC_LINEAGENTINFO, TCC_LINEAGENTSESSIONINFO,
 * TCC_LINEQUEUEINFO) come with dwTotalSize set to their size in tapi2.h.  All of
 * them are packed to 1 byte, as in the Windows SDK.
 *
 * STRINGS.  Strings the host passes in are UTF-16, NUL-terminated, valid only for
 * the length of the call (copy what you keep), and may be NULL where TAPI allows it.
 * Strings the provider hands the host (`name`, open's error sentence) are UTF-8;
 * `name` lives as long as the table.
 *
 * THREADS AND RE-ENTRANCY.
 *   - Members of one context may be called on any thread, and on several threads at
 *     once (client threads of any apartment, and the host's event thread for
 *     poll()): a provider serialises what needs it itself.
 *   - open() and close() of a context are never concurrent with any other member of
 *     that context; close() is the last call.  Different contexts are independent.
 *   - A member may block (a provider with a network round trip does), but every
 *     client thread waits for it: answer within seconds.
 *   - STATUS MESSAGES go through the callback given to set_event_callback, on any
 *     thread, also during a member call (before it returns: the host keeps them in
 *     order with the request's result).  Call it with no lock of yours held: the
 *     host may call back into the provider from it.  It returns quickly (the host
 *     only queues the message).  After set_event_callback(context, NULL, NULL) has
 *     returned, the old callback must not be called again.  The messages:
 *       TCC_LINE_AGENTSTATUSEX      (hAgent, LINEAGENTSTATUSEX_* bits, new state)
 *       TCC_LINE_AGENTSESSIONSTATUS (hAgentSession, LINEAGENTSESSIONSTATUS_* bits,
 *                                    new state)
 *       TCC_LINE_QUEUESTATUS        (queue ID, LINEQUEUESTATUS_* bits, 0)
 *       TCC_LINE_GROUPSTATUS        (0, LINEGROUPSTATUS_* bits, 0)
 *       TCC_LINE_LINEDEVSTATE       (0, LINEDEVSTATE_OUTOFSERVICE or _INSERVICE, 0)
 *                                   version 4: the provider's link to its ACD went
 *                                   down or came back (every line of the provider;
 *                                   see link_state below)
 *     A provider raises one whenever what a getter would return changes; the host
 *     reads nothing it was not told changed (its snapshots live 50 ms at most).
 *   - HANDLES (tcc_hagent, tcc_hagentsession) are the provider's, unique within a
 *     context while it is open, never 0; queue IDs and group GUIDs likewise.
 */
#ifndef TAPI3CC_PROVIDER_H
#define TAPI3CC_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include "tapi2.h"

#define TCC_PROVIDER_VERSION_1 1
#define TCC_PROVIDER_VERSION_2 2    /* adds poll */
#define TCC_PROVIDER_VERSION_3 3    /* adds app_data, control, open_ex */
#define TCC_PROVIDER_VERSION_4 4    /* adds link_state, error_text, interrupt, TCC_LINE_LINEDEVSTATE */

/* link_state's answers. */
#define TCC_LINK_UP 0
#define TCC_LINK_DOWN 1

typedef uint16_t tcc_wchar;     /* UTF-16 code unit, as WCHAR */

typedef void (*tcc_provider_event_fn)(void *user, uint32_t message, uint32_t param1, uint32_t param2,
                                      uint32_t param3);

/* The addresses an agent can log in on (no TAPI 2 structure lists them: this one
 * follows the same variable-size rules as LINEAGENTGROUPLIST). */
#pragma pack(push, 1)
typedef struct
{
    uint32_t dwLineID;
    uint32_t dwAddressID;
    uint32_t dwNameSize;
    uint32_t dwNameOffset;
    uint32_t dwDialableAddressSize;
    uint32_t dwDialableAddressOffset;
} TCC_ADDRESSENTRY;

typedef struct
{
    TCC_LIST_HEADER;
} TCC_ADDRESSLIST;
#pragma pack(pop)

struct tcc_provider
{
    int version;            /* TCC_PROVIDER_VERSION_n: the newest whose members are here */
    const char *name;       /* UTF-8, as the provider string names it: "acd", "asterisk" */

    /* One ACD system.  `config` is the rest of the provider string after "name:"
     * (UTF-8, may be ""), valid during the call.  On failure return a LINEERR code
     * and write one sentence to error[error_size] (UTF-8, NUL-terminated; no secret)
     * that tells a user what to fix: the host puts it in ITTAPI::Initialize's error
     * message.  Called once per ITTAPI::Initialize that names the provider. */
    int32_t (*open)(const char *config, void **context, char *error, size_t error_size);
    /* Ends the context: free everything; no callback afterwards. */
    void (*close)(void *context);
    /* Sets (or with NULL, clears) the status-message callback; see THREADS above. */
    void (*set_event_callback)(void *context, tcc_provider_event_fn callback, void *user);

    /* lineGetAgentCaps: the handler's name (dwAgentHandlerInfo) and ProxyGUID. */
    int32_t (*get_agent_caps)(void *context, uint32_t address_id, TCC_LINEAGENTCAPS *caps);
    /* lineCreateAgent: id and pin NULL for an operating-system-login agent, whose
     * user name is `user` (a tapi3cc addition: TAPI 3's ITAgent::get_User).  Unknown
     * ID: TCC_LINEERR_INVALAGENTID; wrong PIN: TCC_LINEERR_INVALPASSWORD.  Never
     * log, trace or keep a PIN longer than needed; compare it in constant time. */
    int32_t (*create_agent)(void *context, const tcc_wchar *id, const tcc_wchar *pin, const tcc_wchar *user,
                            tcc_hagent *agent);
    int32_t (*get_agent_info)(void *context, tcc_hagent agent, TCC_LINEAGENTINFO *info);
    /* lineSetAgentStateEx: `state` and `next_state` are single LINEAGENTSTATEEX_ bits
     * (next_state may be 0: unchanged). */
    int32_t (*set_agent_state_ex)(void *context, tcc_hagent agent, uint32_t state, uint32_t next_state);
    int32_t (*set_agent_measurement_period)(void *context, tcc_hagent agent, uint32_t period);
    /* lineCreateAgentSession: on the line with device ID `line_id` and its address
     * `working_address_id`, in the group `group`.  `pin` as for create_agent. */
    int32_t (*create_agent_session)(void *context, tcc_hagent agent, const tcc_wchar *pin, uint32_t line_id,
                                    uint32_t working_address_id, const TCC_GUID *group,
                                    tcc_hagentsession *session);
    int32_t (*get_agent_session_list)(void *context, tcc_hagent agent, TCC_LINEAGENTSESSIONLIST *list);
    int32_t (*get_agent_session_info)(void *context, tcc_hagentsession session, TCC_LINEAGENTSESSIONINFO *info);
    /* lineSetAgentSessionState: single LINEAGENTSESSIONSTATE_ bits. */
    int32_t (*set_agent_session_state)(void *context, tcc_hagentsession session, uint32_t state,
                                       uint32_t next_state);
    int32_t (*get_group_list)(void *context, TCC_LINEAGENTGROUPLIST *list);
    int32_t (*get_queue_list)(void *context, const TCC_GUID *group, TCC_LINEQUEUELIST *list);
    int32_t (*get_queue_info)(void *context, uint32_t queue_id, TCC_LINEQUEUEINFO *info);
    int32_t (*set_queue_measurement_period)(void *context, uint32_t queue_id, uint32_t period);
    /* The addresses agents may log in on (TCC_ADDRESSLIST above). */
    int32_t (*get_address_list)(void *context, TCC_ADDRESSLIST *list);

    /* Version 2.  Brings the provider's own activity (the emulator's simulated
     * traffic) up to now and delivers the status messages it raised, so that a
     * listener sees a live stream without querying.  The host calls it on its event
     * thread about every 200 ms while a client listens for events.  May be NULL (a
     * provider that delivers from a thread of its own needs none). */
    void (*poll)(void *context);

    /* Version 3. */

    /* The provider's own data, as sqlite3_vfs's pAppData: the host never reads or
     * writes it.  open_ex receives the table, so that one DLL can serve several
     * tables that differ only in their app data. */
    void *app_data;
    /* Operations only this provider understands (test hooks, counters, provider
     * commands).  `operation` is one of the provider's own codes, documented by the
     * provider (the emulator's are in acd_control.h); `argument` points to the
     * operation's structure of `argument_size` bytes, which it reads and may write.
     * An unknown operation returns TCC_LINEERR_OPERATIONUNAVAIL, a wrong size
     * TCC_LINEERR_INVALPARAM.  Threads as for every member.  Clients reach it through
     * the agent handler's ITapi3ccProviderControl interface (tcc_control.idl); the
     * host assumes that anything may have changed afterwards.  May be NULL. */
    int32_t (*control)(void *context, uint32_t operation, void *argument, uint32_t argument_size);
    /* As open, with the table it is called through.  When not NULL the host calls it
     * instead of open (which may then be NULL). */
    int32_t (*open_ex)(const struct tcc_provider *self, const char *config, void **context, char *error,
                       size_t error_size);

    /* Version 4. */

    /* Whether the provider can reach its ACD now: TCC_LINK_UP, or TCC_LINK_DOWN
     * while its link is out (a network provider between losing its server and the
     * resync after the reconnect).  Every change is also raised as
     * TCC_LINE_LINEDEVSTATE (LINEDEVSTATE_OUTOFSERVICE when it goes down,
     * LINEDEVSTATE_INSERVICE after it is back and everything that changed meanwhile
     * has been raised); the host asks once after set_event_callback, so that a
     * change between open and then is not missed.  While down, getters keep
     * answering with the last figures known and requests that need the ACD fail at
     * once with TCC_LINEERR_OPERATIONFAILED.  The host shows it to clients as the
     * state of the handler's addresses (ITAddress::get_State, AE_STATE events).  May
     * be NULL: always up. */
    uint32_t (*link_state)(void *context);
    /* Why the last request made on the calling thread failed, when the LINEERR code
     * alone does not tell a user what to do: one UTF-8 sentence (no secret, no PIN)
     * written NUL-terminated to text[size], its length returned; 0 when there is
     * none.  The host asks right after a request failed, on the same thread, and
     * adds the sentence to the client's error message (IErrorInfo).  A provider
     * forgets the text once it is read.  May be NULL. */
    size_t (*error_text)(void *context, char *text, size_t size);
    /* The host is about to close the context (ITTAPI::Shutdown): requests waiting on
     * the ACD on other threads give up now (TCC_LINEERR_OPERATIONFAILED) and new ones
     * fail at once, so that close need not wait out their timeouts on a dead path.
     * Called once, before close, while other members may still be running.  May be
     * NULL (close then waits for the requests in flight). */
    void (*interrupt)(void *context);
};

/*
 * Plug-ins.  A provider DLL exports, undecorated (a .def file, or --kill-at on
 * 32-bit x86), exactly
 *
 *     const struct tcc_provider *tcc_provider_entry(int host_version, const struct tcc_host *host);
 *
 * The host (tapi3cc.dll) calls it once per load with the highest contract version it
 * knows (TCC_PROVIDER_VERSION of its header) and its services; the provider returns
 * its table, whose `version` must not exceed host_version (return a table of an
 * older version, or NULL, if you cannot work with that host).  The host refuses, at
 * ITTAPI::Initialize, with a message naming the DLL and the cause: a NULL table, a
 * version higher than its own, and a table that lacks a member its version
 * requires (every member of version 1 except open when open_ex is there).  The table
 * and the host's services must live as long as the DLL is loaded; the host keeps the
 * DLL loaded while any handler of it is open, and calls tcc_provider_entry again
 * after a reload.  It is called on a client thread, under the loader lock's rules
 * no more than DllMain is: create no thread there, do it in open.
 *
 * The host finds a plug-in by name, in this order: its built-in providers; the
 * string value "Dll" (the DLL's full path) under HKEY_CURRENT_USER, then
 * HKEY_LOCAL_MACHINE, \Software\tapi3cc\Providers\NAME; and, with nothing in the
 * registry, tapi3cc_NAME.dll in tapi3cc.dll's own folder (registration-free
 * deployment).  A plug-in DLL registers itself through its own DllRegisterServer
 * (and removes itself through DllUnregisterServer), so that `regsvr32 NAME.dll` is
 * all an administrator does (examples/file_agent shows one).
 */
#define TCC_PROVIDER_VERSION TCC_PROVIDER_VERSION_4     /* the newest this header describes */
#define TCC_PROVIDER_ENTRY "tcc_provider_entry"

#define TCC_HOST_VERSION_1 1
#define TCC_HOST_VERSION_2 2    /* adds tracing */
struct tcc_host
{
    int version;            /* TCC_HOST_VERSION_n; later versions append members */
    /* Writes one line to the host's trace (a no-op when tracing is off; cheap enough
     * to call per message): `provider` is the provider's name, `line` UTF-8 text
     * without a newline (a longer line is cut).  Any thread.  Never pass a secret or
     * a PIN. */
    void (*trace)(const char *provider, const char *line);
    /* Version 2.  Non-zero while the trace is on: a provider asks before it formats
     * lines that cost something to make (the asterisk provider's AMI traffic). */
    int (*tracing)(void);
};

typedef const struct tcc_provider *(*tcc_provider_entry_fn)(int host_version, const struct tcc_host *host);

/* Providers by name, as the host registered them (tapi3cc.dll registers its built-in
 * ones, such as "acd", before it looks a name up).  Not part of the plug-in SDK. */
const struct tcc_provider *tcc_provider_find(const char *name);
/* Returns 0, or -1 if the name is taken or the table is full. */
int tcc_provider_register(const struct tcc_provider *provider);

#endif
