/*
 * Our view: compiled against the header widl generates from idl/.
 */
#define COBJMACROS
#include <windows.h>
#include "tcc_tapi3.h"

#include "compat.h"

#define PREFIX compat_our
#include "compat_tables.h"
