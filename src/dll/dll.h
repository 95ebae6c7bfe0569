/*
 * What the DLL shell's files share.
 */
#ifndef TAPI3CC_DLL_H
#define TAPI3CC_DLL_H

#include "../com/module.h"

/* Registers the providers built into tapi3cc.dll with the provider registry, once,
 * before any object that looks one up can exist. */
void tcc__register_builtin_providers(void);

#endif
