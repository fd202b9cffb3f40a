/* esattore-synth: write a deterministic synthetic municipality in the real
 * file formats, with its ground truth (esattore-synth(1)). */
#include "es_setup.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "io/diag.h"
#include "synth/synth.h"

enum {
	OPT_OUT = ES_OPT_FIRST_TOOL_OPTION,
	OPT_SUBJECTS,
	OPT_YEAR,
	OPT_SEED,
	OPT_BELFIORE,
	OPT_FORCE
};

static const struct option longopts[] = {
	{ "out", required_argument, NULL, OPT_OUT },
	{ "subjects", required_argument, NULL, OPT_SUBJECTS },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "belfiore", required_argument, NULL, OPT_BELFIORE },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "quiet", no_argument, NULL, ES_OPT_QUIET },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

ES_NORETURN static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: %s --out DIR [OPTION]...\n"
	    "Write a synthetic municipality (cadastre, rates, residents, F24 supply,\n"
	    "pagoPA flows, treasury giornale di cassa, coercive load list) for the\n"
	    "years Y-5..Y into DIR, with its ground truth in DIR/truth/.\n"
	    "The same options always give byte-identical files.\n"
	    "\n"
	    "  --out DIR          directory to write (created; must be empty)\n"
	    "  --subjects N       number of subjects (default 500)\n"
	    "  --year Y           last year covered (default 2025; at least 2025)\n"
	    "  --seed S           seed of the generator (default 1)\n"
	    "  --belfiore CODE    cadastral code of the comune (default M999)\n"
	    "  --force            write into a non-empty DIR\n"
	    "  --quiet            no summary on standard error\n"
	    "  --progress         show progress on standard error\n"
	    "  --help             show this help and exit\n"
	    "  --version          show the version and exit\n"
	    "\n"
	    "Exit status: 0 written; 2 usage or configuration error; 3 I/O or\n"
	    "internal failure.  See esattore-synth(1).\n",
	    es_diag_progname());
	exit(es_tool_finish(status));
}

static uint64_t
parse_u64(const char *opt, const char *v, uint64_t min, uint64_t max)
{
	char *end;
	unsigned long long x;

	errno = 0;
	if (v[0] < '0' || v[0] > '9')
		es_tool_usage_error("%s: '%s' is not a number", opt, v);
	x = strtoull(v, &end, 10);
	if (errno != 0 || *end != '\0' || x < min || x > max)
		es_tool_usage_error("%s: '%s' is not a number between %llu and %llu", opt, v,
		                    (unsigned long long)min, (unsigned long long)max);
	return (uint64_t)x;
}

/* 1 if path is a directory with entries other than . and .., 0 if empty
 * or absent, -1 if it cannot be read. */
static int
dir_not_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int found = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			found = 1;
			break;
		}
	closedir(d);
	return found;
}

static void
progress(const char *what, uint64_t n)
{
	es_tool_progress(what, n);
}

int
main(int argc, char **argv)
{
	es_synth_opts o;
	es_synth_stats st;
	es_err err;
	bool force = false;
	int c, ne;

	es_tool_init(argv[0]);
	memset(&o, 0, sizeof o);
	o.subjects = 500;
	o.year = 2025;
	o.seed = 1;
	o.belfiore = "M999";
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT: o.out_dir = optarg; break;
		case OPT_SUBJECTS: o.subjects = parse_u64("--subjects", optarg, 1, ES_SYNTH_MAX_SUBJECTS); break;
		case OPT_YEAR: o.year = (int)parse_u64("--year", optarg, ES_SYNTH_MIN_YEAR, ES_SYNTH_MAX_YEAR); break;
		case OPT_SEED: o.seed = parse_u64("--seed", optarg, 0, UINT64_MAX); break;
		case OPT_BELFIORE: o.belfiore = optarg; break;
		case OPT_FORCE: force = true; break;
		case ES_OPT_QUIET: es_diag_set_quiet(true); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION: es_tool_version(); return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind < argc)
		es_tool_usage_error("unexpected argument '%s'", argv[optind]);
	if (o.out_dir == NULL || o.out_dir[0] == '\0')
		es_tool_usage_error("--out DIR is required");
	ne = dir_not_empty(o.out_dir);
	if (ne < 0)
		es_tool_die(ES_EXIT_FAILURE, "cannot read directory %s:", o.out_dir);
	if (ne > 0 && !force)
		es_tool_die(ES_EXIT_USAGE, "%s is not empty (use --force to write into it)", o.out_dir);
	o.progress = es_tool_progress_enabled();
	o.progress_cb = progress;
	es_err_clear(&err);
	if (es_synth_run(&o, &st, &err) != ES_OK)
		es_tool_die_err(&err);
	es_tool_progress_done();
	es_warn("wrote %" PRIu64 " subjects, %" PRIu64 " units, %" PRIu64 " titles, %" PRIu64
	        " dues rows, %" PRIu64 " payments, %" PRIu64 " anomalies; %" PRIu64 " F24, %" PRIu64
	        " pagoPA, %" PRIu64 " treasury files into %s",
	        st.subjects, st.units, st.titles, st.dues_rows, st.payments, st.anomalies, st.f24_files,
	        st.fdr_files, st.opi_files, o.out_dir);
	return es_tool_finish(ES_EXIT_OK);
}
