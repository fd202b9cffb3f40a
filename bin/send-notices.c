/* send-notices: one message per notice with its PDF attached, by PEC or
 * e-mail over SMTP(S), into a Maildir, or as SEND notification-request
 * payloads; notices without an address go to the print file.  Outcomes to
 * a CSV and to the ledger, committed one by one (sends.h). */
#include "es_setup.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "esattore.h"
#include "ente.h"
#include "domain/send_run.h"
#include "store/sends.h"
#include "tool.h"

#define PASSWORD_ENV "ESATTORE_SMTP_PASSWORD"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: send-notices --channel pec|email|maildir|send-json [OPTION]... NOTICES.csv\n"
	    "Send one message per notice of the notices stream (rows grouped by notice_id)\n"
	    "with its PDF attached.  A notice goes by PEC when a PEC address is known, else\n"
	    "by e-mail, else on paper (the print file).  One outcome row per notice on\n"
	    "standard output; a notice already sent is never sent again.\n"
	    "\n"
	    "Channel:\n"
	    "      --channel CH         pec, email (SMTP), maildir (--out-dir), send-json\n"
	    "                           (SEND notification requests written to --out-dir)\n"
	    "      --smtp URL           smtp://host[:port] or smtps://host[:port]\n"
	    "      --starttls           require STARTTLS on smtp://\n"
	    "      --ca-file F          trust the CA certificates in F (PEM) for the server\n"
	    "      --user U             SMTP user name\n"
	    "      --password-file F    the SMTP password (first line of F); else $" PASSWORD_ENV "\n"
	    "      --from ADDR          sender address (default: the ente's pec for --channel pec)\n"
	    "      --ente FILE          the ente key file (sender name, tax code, pec)\n"
	    "      --out-dir DIR        the Maildir, or the directory of SEND payloads\n"
	    "      --taxonomy CODE      SEND taxonomy code (6 digits and a letter) for send-json\n"
	    "\n"
	    "Notices:\n"
	    "      --db FILE            the ledger (default $ESATTORE_DB): outcomes, no resends\n"
	    "      --pdf-dir DIR        where the PDFs are (default: .)\n"
	    "      --pdf-name T         PDF file name (default '{notice_id}.pdf'; e.g.\n"
	    "                           '{tax_code}_{notice_number}.pdf')\n"
	    "      --template NAME      mail template data/templates/mail-NAME.txt (default:\n"
	    "                           mail-ACT_TYPE.txt if present, else mail-default.txt)\n"
	    "      --segment EXPR       only notices where EXPR holds: NAME=V1|V2 or NAME!=V,\n"
	    "                           terms joined by ',' (e.g. 'segment=pec,act_type=bill')\n"
	    "      --print-file FILE    the rows of notices with no address (paper)\n"
	    "      --outcomes FILE      outcomes to FILE instead of standard output\n"
	    "      --rate N[/s|/m|/h]   at most N messages per second (minute, hour)\n"
	    "      --retries N          retries of a 4xx reply, with backoff 1 s, 2 s, 4 s... (default 3)\n"
	    "      --dry-run            build and check every message, send nothing, record nothing\n"
	    "      --rejects FILE       rejected notices with _source,_line,_error\n"
	    "      --decimal-comma      amounts in the input are written 1234,50\n"
	    "  -q, --quiet              print only errors\n"
	    "      --progress           force the progress line\n"
	    "      --help               display this help and exit\n"
	    "      --version            output version information and exit\n"
	    "\n"
	    "Exit status: 0 every notice sent, printed or skipped; 1 some notices rejected,\n"
	    "failed or deferred; 2 usage or configuration error; 3 I/O, database or\n"
	    "internal failure (outcomes already recorded stay recorded).\n");
	exit(es_tool_finish(status));
}

enum {
	OPT_CHANNEL = ES_OPT_FIRST_TOOL_OPTION,
	OPT_SMTP, OPT_STARTTLS, OPT_USER, OPT_PASSWORD_FILE, OPT_FROM, OPT_OUT_DIR, OPT_TAXONOMY,
	OPT_PDF_DIR, OPT_PDF_NAME, OPT_TEMPLATE, OPT_SEGMENT, OPT_PRINT_FILE, OPT_OUTCOMES, OPT_RATE,
	OPT_RETRIES, OPT_DRY_RUN, OPT_CA_FILE
};

static const struct option longopts[] = {
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "smtp", required_argument, NULL, OPT_SMTP },
	{ "starttls", no_argument, NULL, OPT_STARTTLS },
	{ "ca-file", required_argument, NULL, OPT_CA_FILE },
	{ "user", required_argument, NULL, OPT_USER },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
	{ "taxonomy", required_argument, NULL, OPT_TAXONOMY },
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "pdf-dir", required_argument, NULL, OPT_PDF_DIR },
	{ "pdf-name", required_argument, NULL, OPT_PDF_NAME },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
	{ "segment", required_argument, NULL, OPT_SEGMENT },
	{ "print-file", required_argument, NULL, OPT_PRINT_FILE },
	{ "outcomes", required_argument, NULL, OPT_OUTCOMES },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "decimal-comma", no_argument, NULL, ES_OPT_DECIMAL_COMMA },
	{ "quiet", no_argument, NULL, 'q' },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* The password: the first line of the file, else the environment. */
static char *
read_password(const char *file)
{
	char *text = NULL, *nl;
	GError *ge = NULL;
	struct stat st;

	if (file == NULL) {
		const char *e = getenv(PASSWORD_ENV);

		return e != NULL ? g_strdup(e) : NULL;
	}
	if (stat(file, &st) == 0 && (st.st_mode & 077) != 0)
		es_warn("%s: readable by others: chmod 600 it", file);
	if (!g_file_get_contents(file, &text, NULL, &ge)) {
		es_error("--password-file: %s", ge->message);
		g_error_free(ge);
		exit(es_tool_finish(ES_EXIT_USAGE));
	}
	if ((nl = strpbrk(text, "\r\n")) != NULL)
		*nl = '\0';
	return text;
}

static void
wipe(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		g_free(s);
	}
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *ente_path = NULL, *smtp_url = NULL, *user = NULL, *pw_file = NULL;
	const char *segment = NULL, *print_path = NULL, *outcomes_path = "-", *rejects_path = NULL, *rate = NULL;
	const char *channel_opt = NULL, *ca_file = NULL, *input;
	bool starttls = false, decimal_comma = false;
	es_mail_reader *rd = NULL;
	es_mail_filter *filter = NULL;
	es_mail_smtp *smtp = NULL;
	es_ente *ente = NULL;
	es_out *out = NULL, *printout = NULL;
	char *password = NULL;
	es_err err;
	es_rc rc = ES_OK;
	es_send_run R;
	es_tool_run T = { 0 };
	int c, status, lock_fd = -1;

	es_send_run_init(&R);
	memset(&err, 0, sizeof err);
	R.warn = es_tool_warn_cb;
	R.progress = es_tool_progress_cb;
	R.ctx = (void *)"notices";
	es_tool_init(argv[0]);
	/* getopt_long takes unambiguous prefixes: "--password S" would be read
	 * as --password-file S and S printed in an error.  Refuse it without
	 * echoing anything that might be a password. */
	for (c = 1; c < argc && strcmp(argv[c], "--") != 0; c++) {
		size_t k = strcspn(argv[c], "=");

		if (k >= 4 && strncmp(argv[c], "--password-file", k) == 0 && k != strlen("--password-file"))
			es_tool_usage_error("passwords are never given on the command line: use --password-file F "
			                    "or $%s", PASSWORD_ENV);
	}
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CHANNEL: channel_opt = optarg; break;
		case OPT_SMTP: smtp_url = optarg; break;
		case OPT_STARTTLS: starttls = true; break;
		case OPT_CA_FILE: ca_file = optarg; break;
		case OPT_USER: user = optarg; break;
		case OPT_PASSWORD_FILE: pw_file = optarg; break;
		case OPT_FROM: R.from_addr = optarg; break;
		case ES_OPT_ENTE: ente_path = optarg; break;
		case OPT_OUT_DIR: R.out_dir = optarg; break;
		case OPT_TAXONOMY: R.taxonomy = optarg; break;
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_PDF_DIR: R.pdf_dir = optarg; break;
		case OPT_PDF_NAME: R.pdf_name = optarg; break;
		case OPT_TEMPLATE: R.tmpl_name = optarg; break;
		case OPT_SEGMENT: segment = optarg; break;
		case OPT_PRINT_FILE: print_path = optarg; break;
		case OPT_OUTCOMES: outcomes_path = optarg; break;
		case OPT_RATE: rate = optarg; break;
		case OPT_RETRIES: {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 || v < 0 || v > 20)
				es_tool_usage_error("--retries: '%s' is not 0..20", optarg);
			R.retries = (int)v;
			break;
		}
		case OPT_DRY_RUN: R.dry_run = true; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_DECIMAL_COMMA: decimal_comma = true; break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default:
			usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind + 1 != argc)
		es_tool_usage_error(optind == argc ? "no NOTICES.csv given (use - for standard input)"
		                                   : "one NOTICES.csv only");
	input = argv[optind];
	if (channel_opt == NULL)
		es_tool_usage_error("--channel is required");
	if (!es_send_channel_parse(channel_opt, &R.ch))
		es_tool_usage_error("--channel: '%s' is not pec, email, maildir or send-json", channel_opt);
	if (rate != NULL && !es_mail_parse_rate(rate, &R.interval))
		es_tool_usage_error("--rate: '%s' is not N, N/s, N/m or N/h", rate);
	if ((R.ch == ES_SEND_CH_MAILDIR || R.ch == ES_SEND_CH_JSON) && R.out_dir == NULL)
		es_tool_usage_error("--channel %s needs --out-dir", channel_opt);
	if ((R.ch == ES_SEND_CH_PEC || R.ch == ES_SEND_CH_EMAIL) && smtp_url == NULL && !R.dry_run)
		es_tool_usage_error("--channel %s needs --smtp URL", channel_opt);
	if (smtp_url != NULL && R.ch != ES_SEND_CH_PEC && R.ch != ES_SEND_CH_EMAIL)
		es_tool_usage_error("--smtp goes with --channel pec or email");
	if (R.ch == ES_SEND_CH_JSON && R.taxonomy == NULL)
		es_tool_usage_error("--channel send-json needs --taxonomy CODE");
	if (R.taxonomy != NULL && !g_regex_match_simple("^[0-9]{6}[A-Z]$", R.taxonomy, 0, 0))
		es_tool_usage_error("--taxonomy: '%s' is not 6 digits and a capital letter", R.taxonomy);
	db_opt = es_tool_db_path(db_opt);
	if ((R.ch == ES_SEND_CH_PEC || R.ch == ES_SEND_CH_EMAIL) && db_opt == NULL && !R.dry_run)
		es_tool_usage_error("--channel %s needs the ledger (--db FILE or ESATTORE_DB): it is what "
		                    "keeps a notice from being sent twice", channel_opt);

	if (es_tool_ente_given(ente_path)) {
		if ((ente = es_ente_load(ente_path, &err)) == NULL)
			es_tool_die_err(&err);
		R.ente = ente;
		R.from_name = ente->name;
		if (R.from_addr == NULL && R.ch == ES_SEND_CH_PEC)
			R.from_addr = ente->pec;
	}
	if (R.ch == ES_SEND_CH_JSON && R.ente == NULL)
		es_tool_usage_error("--channel send-json needs the ente key file (--ente or ESATTORE_ENTE)");
	if (R.ch != ES_SEND_CH_JSON && R.from_addr == NULL)
		es_tool_usage_error("no sender: give --from ADDR (or --ente with a pec for --channel pec)");
	if (R.from_addr != NULL && !es_mail_addr_valid(R.from_addr))
		es_tool_usage_error("--from: '%s' is not a mail address", R.from_addr);
	if (segment != NULL && (filter = es_mail_filter_parse(segment, &err)) == NULL)
		es_tool_usage_error("%s", err.msg);
	R.filter = filter;
	if (user != NULL || pw_file != NULL) {
		if (user == NULL)
			es_tool_usage_error("--password-file goes with --user");
		password = read_password(pw_file);
		if (password == NULL)
			es_tool_usage_error("--user needs a password: --password-file F or $%s", PASSWORD_ENV);
	}
	if (es_send_run_load_template(&R, &err) != ES_OK)
		es_tool_die_err(&err);
	/* the ledger and its lock first: a second run stops before touching anything */
	if (db_opt != NULL) {
		if ((R.ledger = es_ledger_open(db_opt, R.dry_run ? ES_LEDGER_READ : ES_LEDGER_WRITE, &err)) == NULL)
			es_tool_die_err(&err);
		if (!R.dry_run && es_sends_lock(R.ledger, &lock_fd, &err) != ES_OK)
			es_tool_die_err(&err);
	}
	if (R.ch == ES_SEND_CH_MAILDIR && !R.dry_run && es_mail_maildir_init(R.out_dir, &err) != ES_OK)
		es_tool_die_err(&err);
	if (R.ch == ES_SEND_CH_JSON && !R.dry_run && g_mkdir_with_parents(R.out_dir, 0700) != 0)
		es_tool_die(ES_EXIT_FAILURE, "%s:", R.out_dir);
	if (!R.dry_run && (R.ch == ES_SEND_CH_PEC || R.ch == ES_SEND_CH_EMAIL)) {
		es_mail_smtp_opts so = { .url = smtp_url, .user = user, .password = password, .starttls = starttls,
		                         .ca_file = ca_file };

		if ((smtp = es_mail_smtp_new(&so, &err)) == NULL)
			es_tool_die_err(&err);
		R.smtp = smtp;
	}
	wipe(password);
	password = NULL;

	if ((rd = es_mail_reader_open(input, decimal_comma, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.outw = es_tool_csv_open(outcomes_path, NULL, &out, &err)) == NULL ||
	    es_send_run_put_header(R.outw, &err) != ES_OK)
		es_tool_die_err(&err);
	if (print_path != NULL && !R.dry_run && (R.printw = es_tool_csv_open(print_path, NULL, &printout, &err)) == NULL)
		es_tool_die_err(&err);
	T = (es_tool_run){ .ledger = &R.ledger, .post = R.ledger != NULL && !R.dry_run,
	                   .writers = { &R.outw, &R.printw }, .outs = { &printout, &out }, .rejects = &R.rejects,
	                   .sum = &R.sum };
	if (T.post && (rc = es_ledger_run_begin(R.ledger, "send-notices", argc, argv, &err)) != ES_OK)
		goto fail;
	if ((rc = es_send_run_notices(&R, rd, &err)) != ES_OK || (rc = es_tool_run_close(&T, &err)) != ES_OK)
		goto fail;
	es_tool_progress_done();
	es_summary_print(&R.sum);
	if (!es_diag_quiet())
		fprintf(stderr, "%s: sent %llu, failed %llu, deferred %llu, paper %llu, skipped %llu, planned %llu\n",
		        es_diag_progname(), (unsigned long long)R.count[ES_SEND_OUT_SENT],
		        (unsigned long long)R.count[ES_SEND_OUT_FAILED], (unsigned long long)R.count[ES_SEND_OUT_DEFERRED],
		        (unsigned long long)R.count[ES_SEND_OUT_PAPER], (unsigned long long)R.count[ES_SEND_OUT_SKIPPED],
		        (unsigned long long)R.count[ES_SEND_OUT_PLANNED]);
	status = es_summary_exit_status(&R.sum);
	if (R.count[ES_SEND_OUT_FAILED] > 0 || R.count[ES_SEND_OUT_DEFERRED] > 0)
		status = ES_EXIT_REJECTS;
	goto out;
fail:
	status = es_tool_run_fail(&T, rc, &err);
out:
	es_mail_reader_close(rd);
	es_ledger_close(R.ledger);
	es_mail_smtp_free(smtp);
	es_mail_filter_free(filter);
	es_ente_free(ente);
	es_send_run_free(&R);
	if (lock_fd >= 0)
		close(lock_fd);
	return es_tool_finish(status);
}
