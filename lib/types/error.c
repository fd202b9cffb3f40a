/* error.c: es_err helpers. */
#include "es_setup.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "types/error.h"

es_rc
es_err_set(es_err *err, es_rc rc, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return rc;
	err->rc = rc;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return rc;
}

es_rc
es_err_errno(es_err *err, es_rc rc, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;
	size_t n;

	if (err == NULL)
		return rc;
	err->rc = rc;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	snprintf(err->msg + n, sizeof err->msg - n, ": %s", strerror(saved));
	return rc;
}

es_rc
es_err_prefix(es_err *err, const char *fmt, ...)
{
	char prefix[ES_ERR_MAX], old[ES_ERR_MAX];
	va_list ap;

	if (err == NULL)
		return ES_EINTERNAL;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	/* Truncation is acceptable: the message is clipped at ES_ERR_MAX. */
	if (snprintf(err->msg, sizeof err->msg, "%s: %s", prefix, old) < 0)
		err->msg[0] = '\0';
	return err->rc;
}

void
es_err_clear(es_err *err)
{
	if (err == NULL)
		return;
	err->rc = ES_OK;
	err->msg[0] = '\0';
}

int
es_rc_exit_status(es_rc rc)
{
	switch (rc) {
	case ES_OK:
	case ES_EOF:
		return ES_EXIT_OK;
	case ES_EDATA:
		return ES_EXIT_REJECTS;
	case ES_ECONFIG:
		return ES_EXIT_USAGE;
	default:
		return ES_EXIT_FAILURE;
	}
}
