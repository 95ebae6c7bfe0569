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

extern LONG tcc__tracing;   /* -1: not decided yet, 0: off, 1: on */
BOOL tcc__trace_start(void);
static inline BOOL tcc__trace_on(void)
{
    LONG tracing = tcc__tracing;
    return tracing > 0 || (tracing < 0 && tcc__trace_start());
}
/* printf-style (%ls for wide strings); a newline is added. */
void tcc__trace(const char *format, ...);

#endif
