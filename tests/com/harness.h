/*
 * Shared helpers for the Windows-side tests (cmocka, run under Wine).
 */
#ifndef TAPI3CC_TEST_HARNESS_H
#define TAPI3CC_TEST_HARNESS_H

#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <objsafe.h>
#include <olectl.h>
#include <tapi3err.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcc_tapi3.h"
#include "tcc_control.h"
#include "tapi3cc/acd_control.h"
#include "tapi3cc/tapi2.h"

/* HRESULTs compared and printed in hex, as people read them. */
#define assert_hr(expected, actual) tcc_test_assert_hr((expected), (actual), #actual, __FILE__, __LINE__)
void tcc_test_assert_hr(HRESULT expected, HRESULT actual, const char *what, const char *file, int line);

/* tapi3cc.dll, loaded from the test program's own directory. */
HMODULE tcc_test_dll(void);
void *tcc_test_export(const char *name);
/* The full path of tapi3cc.dll beside the test program. */
const WCHAR *tcc_test_dll_path(void);

/* A new object through DllGetClassObject and the class factory (no registry). */
HRESULT tcc_test_create(REFCLSID clsid, REFIID riid, void **out);

/* Group setup/teardown: COM in the MTA; at the end every object must be gone
 * (DllCanUnloadNow == S_OK), so reference counts balance in every program. */
int tcc_test_setup_com(void **state);
int tcc_test_teardown_com(void **state);

/* The current thread's IErrorInfo description (caller frees), or NULL. */
BSTR tcc_test_error_description(void);

/* Reference count of an interface, read through AddRef/Release. */
ULONG tcc_test_refcount(IUnknown *unknown);

/* The thread's IErrorInfo description must contain `text`. */
#define assert_error_mentions(text) tcc_test_assert_error_mentions((text), __FILE__, __LINE__)
void tcc_test_assert_error_mentions(const WCHAR *text, const char *file, int line);

/* A C event sink that hands every event to `on_event` (on the delivery thread). */
struct tcc_test_sink
{
    ITTAPIEventNotification ITTAPIEventNotification_iface;
    void (*on_event)(TAPI_EVENT type, IDispatch *event);
};
void tcc_test_sink_init(struct tcc_test_sink *sink, void (*on_event)(TAPI_EVENT type, IDispatch *event));
/* Connects the sink to the TAPI object's ITTAPIEventNotification point (returned,
 * with a reference), and disconnects it. */
IConnectionPoint *tcc_test_advise(ITTAPI2 *tapi, struct tcc_test_sink *sink, DWORD *cookie);
void tcc_test_unadvise(IConnectionPoint *point, DWORD cookie);

/* The first agent handler of an initialized TAPI object, with a reference. */
ITAgentHandler *tcc_test_first_handler(ITTAPI2 *tapi);

/* Runs `regsvr32 /s OPTIONS "DLL"` and returns its exit code. */
DWORD tcc_test_regsvr32(const WCHAR *options, const WCHAR *dll);

/* tcc_test_plugin.dll (beside the test) registered for this user as plug-in `name`,
 * and removed again. */
void tcc_test_register_plugin(const WCHAR *name);
void tcc_test_unregister_plugin(const WCHAR *name);

/* A provider's control operation through the handler's ITapi3ccProviderControl. */
HRESULT tcc_test_control(ITAgentHandler *handler, DWORD operation, void *argument, DWORD argument_size);

/* The emulator's control operations (tapi3cc/acd_control.h; README, "Test hooks"). */
#define TCC_TEST_T0 1767254400LL    /* 2026-01-01 08:00 UTC */
void tcc_test_use_manual_emulator(void);
HRESULT tcc_test_set_time(ITAgentHandler *handler, LONGLONG unix_time);
HRESULT tcc_test_inject_call(ITAgentHandler *handler, DWORD queue_id, DWORD talk, DWORD wrapup, DWORD patience);
/* A status message as if the emulator had raised it. */
HRESULT tcc_test_raise_status(ITAgentHandler *handler, DWORD message, DWORD param1, DWORD param2, DWORD param3);
/* The emulator's outage (TCC_ACD_CONTROL_SET_LINK): TCC_LINK_DOWN or TCC_LINK_UP. */
HRESULT tcc_test_set_link(ITAgentHandler *handler, DWORD state);

#endif
