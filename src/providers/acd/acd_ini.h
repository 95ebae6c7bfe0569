/*
 * The INI tokenizer behind acd_config.c, with inih's ini_parse_stream contract:
 * the reader hands over one line at a time (fgets-like, at most `size` bytes), the
 * handler gets (section, name, value) for every `name = value` (or `name: value`)
 * line, and the result is 0 or the number of the first line that was not valid.
 *
 * Two implementations of the one contract:
 *   - acd_ini_inih.c: inih (libinih), where Debian ships it (the native build);
 *   - acd_ini_reader.c: our own, for MinGW, where inih cannot be cross-built here
 *     (this workplace's package mirror serves libinih's .dsc but not its source
 *     tarballs).  The native tests run the configuration tests against both, so
 *     the two cannot drift apart unnoticed.
 */
#ifndef TAPI3CC_ACD_INI_H
#define TAPI3CC_ACD_INI_H

typedef char *(*acd_ini_reader)(char *line, int size, void *stream);
typedef int (*acd_ini_handler)(void *user, const char *section, const char *name, const char *value);

/* The longest line handed to the reader, as inih's default INI_MAX_LINE. */
#define ACD_INI_MAX_LINE 200

int acd_ini_parse(acd_ini_reader reader, void *stream, acd_ini_handler handler, void *user);

#endif
