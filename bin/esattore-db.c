/* esattore-db: create, migrate, check, back up and export an esattore ledger. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esattore.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: esattore-db [OPTION]... COMMAND [DB] [ARG]\n"
	    "Create, migrate, check, back up and export the ledger of one ente.\n"
	    "\n"
	    "Commands:\n"
	    "  init [DB]             create a new ledger (mode 0600) at the current schema\n"
	    "  migrate [DB]          bring an existing ledger to the current schema\n"
	    "  check [DB]            quick structural check, foreign keys and the ledger's\n"
	    "                        invariants (after every run)\n"
	    "  backup [DB] FILE      online backup to FILE (which must not exist)\n"
	    "  export [DB] DIR       every table to DIR/<table>.csv\n"
	    "  runs [DB]             the audit log of runs as CSV on standard output\n"
	    "  version [DB]          the schema version of DB and of this program\n"
	    "\n"
	    "DB defaults to --db, then to $ESATTORE_DB.\n"
	    "\n"
	    "Options:\n"
	    "      --db FILE         the ledger (instead of the DB argument)\n"
	    "      --full            check: also verify every index against its table\n"
	    "                        (SQLite's integrity_check; slower, for a weekly run)\n"
	    "      --pseudonymise KEY  export: codici fiscali and names as HMAC-SHA256(KEY),\n"
	    "                        addresses and contacts blanked\n"
	    "  -q, --quiet           print only errors\n"
	    "      --help            display this help and exit\n"
	    "      --version         output version information and exit\n"
	    "\n"
	    "Exit status: 0 success; 1 check found problems; 2 usage or configuration\n"
	    "error; 3 I/O or database failure.\n");
	exit(es_tool_finish(status));
}

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "pseudonymise", required_argument, NULL, ES_OPT_FIRST_TOOL_OPTION },
	{ "full", no_argument, NULL, ES_OPT_FIRST_TOOL_OPTION + 1 },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static void
report_problem(void *ctx, const char *check, const char *detail)
{
	const char *path = ctx;

	es_error("%s: %s: %s", path, check, detail);
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *cmd, *db, *arg = NULL, *pseudo_key = NULL;
	es_ledger *l;
	es_err err;
	int c, nargs, status = ES_EXIT_OK;
	unsigned check_flags = 0;
	es_rc rc = ES_OK;

	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB:
			db_opt = optarg;
			break;
		case ES_OPT_FIRST_TOOL_OPTION:
			if (*optarg == '\0')
				es_tool_usage_error("--pseudonymise: the key is empty");
			pseudo_key = optarg;
			break;
		case ES_OPT_FIRST_TOOL_OPTION + 1:
			check_flags |= ES_LEDGER_CHECK_FULL;
			break;
		case 'q':
			es_diag_set_quiet(true);
			break;
		case ES_OPT_HELP:
			usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default:
			usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind >= argc)
		es_tool_usage_error("missing command");
	cmd = argv[optind++];
	nargs = argc - optind;

	/* Commands that take one more argument (FILE, DIR) after the optional DB. */
	if (strcmp(cmd, "backup") == 0 || strcmp(cmd, "export") == 0) {
		if (nargs == 2) {
			db = argv[optind];
			arg = argv[optind + 1];
		} else if (nargs == 1) {
			db = es_tool_db_path(db_opt);
			arg = argv[optind];
		} else {
			es_tool_usage_error("%s: expected [DB] %s", cmd, strcmp(cmd, "backup") == 0 ? "FILE" : "DIR");
		}
	} else if (strcmp(cmd, "init") == 0 || strcmp(cmd, "migrate") == 0 || strcmp(cmd, "check") == 0 ||
	           strcmp(cmd, "runs") == 0 || strcmp(cmd, "version") == 0) {
		if (nargs > 1)
			es_tool_usage_error("%s: too many arguments", cmd);
		db = nargs == 1 ? argv[optind] : es_tool_db_path(db_opt);
	} else {
		es_tool_usage_error("unknown command '%s'", cmd);
	}
	if (db == NULL)
		es_tool_usage_error("no ledger: give DB, --db FILE, or set ESATTORE_DB");
	if (check_flags != 0 && strcmp(cmd, "check") != 0)
		es_tool_usage_error("--full: only with 'check'");

	if (strcmp(cmd, "init") == 0) {
		if (access(db, F_OK) == 0)
			es_tool_die(ES_EXIT_USAGE, "%s: exists; 'init' creates a new ledger (use 'migrate')", db);
		l = es_ledger_open(db, ES_LEDGER_CREATE, &err);
		if (l == NULL)
			es_tool_die_err(&err);
		if (!es_diag_quiet())
			fprintf(stderr, "%s: %s: ledger created at schema version %d\n",
			        es_diag_progname(), db, es_ledger_schema_version(l));
		es_ledger_close(l);
		return es_tool_finish(ES_EXIT_OK);
	}
	if (strcmp(cmd, "migrate") == 0) {
		/* Opening for writing applies the pending migrations, in one transaction. */
		l = es_ledger_open(db, ES_LEDGER_WRITE, &err);
		if (l == NULL)
			es_tool_die_err(&err);
		if (!es_diag_quiet())
			fprintf(stderr, "%s: %s: schema version %d\n", es_diag_progname(), db, es_ledger_schema_version(l));
		es_ledger_close(l);
		return es_tool_finish(ES_EXIT_OK);
	}

	l = es_ledger_open(db, ES_LEDGER_READ, &err);
	if (l == NULL) {
		/* An unreadable or damaged file is a database failure for check. */
		if (strcmp(cmd, "check") == 0 && err.rc != ES_ECONFIG)
			err.rc = ES_EDB;
		es_tool_die_err(&err);
	}
	if (strcmp(cmd, "check") == 0) {
		uint64_t problems = 0;

		rc = es_ledger_check_flags(l, check_flags, report_problem, (void *)db, &problems, &err);
		if (rc != ES_OK) {
			es_error("%s", err.msg);
			status = ES_EXIT_FAILURE;
		} else if (problems > 0) {
			es_error("%s: %llu problem%s found", db, (unsigned long long)problems, problems == 1 ? "" : "s");
			status = ES_EXIT_REJECTS;
		} else if (!es_diag_quiet()) {
			fprintf(stderr, "%s: %s: ok\n", es_diag_progname(), db);
		}
	} else if (strcmp(cmd, "backup") == 0) {
		rc = es_ledger_backup(l, arg, &err);
	} else if (strcmp(cmd, "export") == 0) {
		rc = es_ledger_export_pseudonymised(l, arg, pseudo_key, &err);
	} else if (strcmp(cmd, "runs") == 0) {
		es_out *out = es_out_open("-", &err);

		rc = out == NULL ? err.rc : es_ledger_export_runs(l, out, &err);
		if (out != NULL && es_out_close(out, rc == ES_OK ? &err : NULL) != ES_OK && rc == ES_OK)
			rc = ES_EIO;
	} else if (strcmp(cmd, "version") == 0) {
		printf("%s: schema %d (this program writes %d)\n", db, es_ledger_schema_version(l),
		       es_ledger_current_version());
	}
	es_ledger_close(l);
	if (rc != ES_OK) {
		es_error("%s", err.msg);
		status = es_rc_exit_status(rc);
	}
	return es_tool_finish(status);
}
