/* acd_ini.h over inih (libinih), for the native build. */
#include "acd_ini.h"

#include <ini.h>

int acd_ini_parse(acd_ini_reader reader, void *stream, acd_ini_handler handler, void *user)
{
    return ini_parse_stream(reader, stream, handler, user);
}
