/* es_setup.h: included first by every .c file of esattore (library, programs, tests).
 * It fixes the feature-test macros so that every translation unit sees the same libc. */
#ifndef ES_SETUP_H
#define ES_SETUP_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#if defined(__GNUC__)
#define ES_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define ES_NORETURN __attribute__((noreturn))
#define ES_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define ES_PRINTF(fmt, args)
#define ES_NORETURN
#define ES_WARN_UNUSED
#endif

#define ES_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
