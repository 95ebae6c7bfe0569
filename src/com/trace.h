/*
 * The trace file (trace.c): TAPI3CC_TRACE=PATH in the environment, or the string value
 * "Trace" under HKEY_CURRENT_USER\Software\tapi3cc, turns it on for the process.
 * One line per call, with a timestamp and the thread ID.  Never trace a PIN or a
 * secret.  When it is off, a call site costs one predictable branch:
 *
 *     if (tcc__trace_on())
 *         tcc__trace("...", ...);
 */
#ifndef TAPI3CC_COM_TRACE_H
#define TAPI3CC_COM_TRACE_H

#include "module.h"

#include "tapi3cc/provider.h"

extern LONG tcc__tracing;   /* -1: not decided yet, 0: off, 1: on */
BOOL tcc__trace_start(void);
static inline BOOL tcc__trace_on(void)
{
    LONG tracing = tcc__tracing;
    return tracing > 0 || (tracing < 0 && tcc__trace_start());
}
/* printf-style (%ls for wide strings); a newline is added. */
void tcc__trace(const char *format, ...);

/* Opens a context through open_ex or open, as the table's version says, and traces
 * it (provider_trace.c). */
int32_t tcc__provider_open(const struct tcc_provider *provider, const char *config, void **context, char *error,
                           size_t error_size);
/* With the trace on: replaces an open (provider, context) by the traced table and
 * its context, which trace every request and status message and forward them. */
void tcc__provider_trace_wrap(const struct tcc_provider **provider, void **context);

#endif
