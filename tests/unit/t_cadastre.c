/* t_cadastre.c: the cadastral supply parser (lib/domain/cadastre.c) and its
 * ledger writer (lib/store/cadastre.c).
 *
 * Expected values are read off the layout of esattore-cadastre(5) (the
 * domain reference, shared/domain/cadastre-imu-tari.md §1): field k of a
 * line is the k-th '|'-separated value, 1-based.  Lines marked "doc" are the
 * synthetic example lines of §1.10. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "domain/cadastre.h"
#include "store/cadastre.h"
#include "store/ledger.h"
#include "io/stream.h"
#include "io/csv.h"

static es_cadastre_parser *P;
static es_cadastre_rec R;
static es_err E;

static void
setup(void)
{
	P = es_cadastre_parser_new(NULL);
	ck_assert_ptr_nonnull(P);
	es_err_clear(&E);
}

static void
teardown(void)
{
	es_cadastre_parser_free(P);
}

static es_rc
parse(es_cadastre_file f, const char *line)
{
	es_err_clear(&E);
	return es_cadastre_parse(P, f, line, strlen(line), &R, &E);
}

static es_date
ymd(int y, int m, int d)
{
	return es_date_from_ymd(y, m, d);
}

/* A record line of n fields (plus a trailing '|' if trailing) from
 * (position, value) pairs ended by 0; the other fields are empty.  The
 * header (1-6) is given by the caller too.  Returns a static buffer. */
static const char *
mk(int n, bool trailing, ...)
{
	static char line[2048];
	const char *v[64] = { NULL };
	va_list ap;
	int pos, i;
	size_t len = 0;

	va_start(ap, trailing);
	while ((pos = va_arg(ap, int)) != 0) {
		ck_assert(pos >= 1 && pos <= n && n < 64);
		v[pos] = va_arg(ap, const char *);
	}
	va_end(ap);
	line[0] = '\0';
	for (i = 1; i <= n; i++)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i > 1 ? "|" : "", v[i] ? v[i] : "");
	if (trailing)
		snprintf(line + len, sizeof line - len, "|");
	return line;
}

#define FABH(id) 1, "B157", 2, " ", 3, id, 4, "F", 5, "1", 6, "1"
#define TITH(subj, unit, kind) 1, "B157", 2, " ", 3, subj, 4, "P", 5, unit, 6, kind

/* doc: FAB record 1, 45 fields and a trailing pipe (46). */
static const char fab1_doc[] =
	"B157| |12345678|F|2|1|001|A02|03|5,5|98||611,01||||4||2||||15032019|18032019|V|012345|001|2019"
	"|||||||||400000001||||VAR|DIVERSA DISTRIBUZIONE DEGLI SPAZI INTERNI|||1|";

START_TEST(fab1_modern)
{
	const es_cadastre_fab1 *r = &R.u.fab1;

	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, fab1_doc), ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_FAB1);
	ck_assert_uint_eq(R.nfields, 46);
	ck_assert_uint_eq(R.extra_field, 0);       /* field 46 is the empty one after the trailing pipe */
	ck_assert_str_eq(R.belfiore, "B157");
	ck_assert_str_eq(R.sezione, "");           /* " " normalised */
	ck_assert_str_eq(R.id, "12345678");
	ck_assert_int_eq(R.progressivo, 2);
	ck_assert_str_eq(r->zona, "001");
	ck_assert_str_eq(r->categoria, "A02");
	ck_assert_str_eq(r->classe, "03");
	ck_assert_str_eq(r->consistenza, "5,5");
	ck_assert_int_eq(r->consistenza_x100, 550);  /* 5,5 vani = 550 hundredths */
	ck_assert_int_eq(r->superficie, 98);
	ck_assert_int_eq(r->rendita, 61101);         /* 611,01 euro */
	ck_assert_str_eq(r->interno1, "4");
	ck_assert_str_eq(r->piano[0], "2");
	ck_assert_int_eq(r->generante.efficacia, ymd(2019, 3, 15));
	ck_assert_int_eq(r->generante.registrazione, ymd(2019, 3, 18));
	ck_assert_str_eq(r->generante.tipo_nota, "V");
	ck_assert_str_eq(r->generante.numero_nota, "012345");
	ck_assert_str_eq(r->generante.anno_nota, "2019");
	ck_assert_int_eq(r->conclusivo.efficacia, ES_DATE_NONE);
	ck_assert_str_eq(r->mutazione_iniziale, "400000001");
	ck_assert_str_eq(r->generante.causale, "VAR");
	ck_assert_str_eq(r->generante.descrizione, "DIVERSA DISTRIBUZIONE DEGLI SPAZI INTERNI");
	ck_assert_str_eq(r->flag_classamento, "1");
}
END_TEST

START_TEST(fab1_eras)
{
	/* 2001-era: fields 1-40 only, no trailing pipe. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB,
	    mk(40, false, FABH("1"), 8, "A03", 9, "2", 10, "5", 23, "01011992", 25, "I", 35, "0001234", 0)), ES_OK);
	ck_assert_uint_eq(R.nfields, 40);
	ck_assert_str_eq(R.u.fab1.categoria, "A03");
	ck_assert_int_eq(R.u.fab1.generante.efficacia, ymd(1992, 1, 1));
	ck_assert_str_eq(R.u.fab1.partita, "0001234");
	ck_assert_str_eq(R.u.fab1.generante.causale, "");
	ck_assert_str_eq(R.u.fab1.flag_classamento, "");
	ck_assert_int_eq(R.u.fab1.rendita, -1);
	ck_assert_int_eq(R.u.fab1.superficie, -1);
	/* 39 fields: below the minimum of 40. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB,
	    mk(39, false, FABH("1"), 8, "A03", 23, "01011992", 35, "0001234", 0)), ES_EDATA);
	ck_assert_str_eq(E.msg, "FAB record 1 has 39 fields, at least 40 expected");
	/* SIT era: 47 fields, the 46th not empty: parsed, flagged. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB,
	    mk(46, true, FABH("4"), 8, "D01", 13, "42787", 23, "01072023", 24, "05072023", 25, "A",
	       41, "NCO", 42, "NUOVA COSTRUZIONE", 45, "2", 46, "S1", 0)), ES_OK);
	ck_assert_uint_eq(R.nfields, 47);
	ck_assert_uint_eq(R.extra_field, 46);
	ck_assert_int_eq(R.u.fab1.rendita, 4278700);   /* 42787 without decimals */
	ck_assert_str_eq(R.u.fab1.generante.causale, "NCO");
	ck_assert_str_eq(R.u.fab1.flag_classamento, "2");
}
END_TEST

static const char *
fab_rendita(const char *rendita, const char *efficacia, const char *registrazione)
{
	return mk(45, true, FABH("1"), 8, "A02", 13, rendita, 23, efficacia, 24, registrazione, 0);
}

START_TEST(fab1_values)
{
	/* Rendita with one decimal: 932,2 = 93220 cents. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, fab_rendita("932,2", "15032019", "")), ES_OK);
	ck_assert_int_eq(R.u.fab1.rendita, 93220);
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, fab_rendita("0", "15032019", "")), ES_OK);
	ck_assert_int_eq(R.u.fab1.rendita, 0);
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, fab_rendita("61l,01", "15032019", "")), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 13 (rendita): '61l,01' is not an amount");
	/* Three decimals are not an amount of the supply. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, fab_rendita("1,234", "15032019", "")), ES_EDATA);
	/* 30 February is not a date: the efficacia decides validity, so reject. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, fab_rendita("1", "30022019", "")), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 23 (data di efficacia): '30022019' is not a valid date");
	/* A bad registration date is only a warning. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, fab_rendita("1", "15032019", "99999999")), ES_OK);
	ck_assert_uint_eq(R.warnings & ES_CADASTRE_W_BAD_DATE, ES_CADASTRE_W_BAD_DATE);
	ck_assert_int_eq(R.u.fab1.generante.registrazione, ES_DATE_NONE);
	/* Header errors name the field. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |1|T|1|1|"), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 4 (tipo immobile): 'T' in a FAB file");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |1|F|1|6|x"), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 6 (tipo record): '6' is not 1-5 in a FAB file");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "1234| |1|F|1|1|"), ES_EDATA);
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157"), ES_EDATA);
	ck_assert_str_eq(E.msg, "not a cadastral record: 1 field");
}
END_TEST

START_TEST(fab_groups)
{
	char buf[32];

	/* doc: record 2, one identificativo, trailing pipe (13 fields). */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |12345678|F|2|2||0012|00345||0007||"), ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_FAB2);
	ck_assert_uint_eq(R.ngroups, 1);
	ck_assert_str_eq(R.idents[0].foglio, "0012");
	ck_assert_str_eq(R.idents[0].numero, "00345");
	ck_assert_str_eq(R.idents[0].subalterno, "0007");
	ck_assert_uint_eq(R.warnings, 0);
	/* Graffato: two identificativi (6 + 2*6 + trailing = 19 fields). */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB,
	    "B157| |1|F|1|2||0012|00345||0007|||0012|00346||0002||"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 2);
	ck_assert_str_eq(R.idents[1].numero, "00346");
	ck_assert_str_eq(R.idents[1].subalterno, "0002");
	/* Without a trailing pipe the empty edificialita is still the 12th field. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |1|F|1|2||0012|00345||0007|"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 1);
	ck_assert_uint_eq(R.warnings, 0);
	/* A cut group with content: kept, flagged. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |1|F|1|2||0012|00345||0007||A|0013"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 2);
	ck_assert_str_eq(R.idents[1].foglio, "0013");
	ck_assert_str_eq(R.idents[1].numero, "");
	ck_assert_uint_eq(R.warnings, ES_CADASTRE_W_GROUP_TAIL);
	/* No group at all. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |1|F|1|2|"), ES_EDATA);
	/* doc: record 3. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |12345678|F|2|3|236|ROMA|12|||1010|"), ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_FAB3);
	ck_assert_uint_eq(R.ngroups, 1);
	ck_assert_str_eq(R.addresses[0].toponimo, "236");
	ck_assert_str_eq(R.addresses[0].indirizzo, "ROMA");
	ck_assert_str_eq(R.addresses[0].civico1, "12");
	ck_assert_str_eq(R.addresses[0].codice_strada, "1010");
	/* Record 4 (groups of 5) and 5 (groups of 2). */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |1|F|1|4||0012|00345||0001|"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 1);
	ck_assert_str_eq(R.utilities[0].subalterno, "0001");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB, "B157| |1|F|1|5|1|0000077|3|0000078|"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 2);
	ck_assert_str_eq(R.riserve[1].codice, "3");
	ck_assert_str_eq(R.riserve[1].partita, "0000078");
	/* Keys strip the zero padding. */
	ck_assert_str_eq(es_cadastre_strip_zeros("0012", buf, sizeof buf), "12");
	ck_assert_str_eq(es_cadastre_strip_zeros("0000", buf, sizeof buf), "0");
	ck_assert_str_eq(es_cadastre_strip_zeros("", buf, sizeof buf), "");
	ck_assert_str_eq(es_cadastre_strip_zeros(".0012", buf, sizeof buf), ".0012");
}
END_TEST

/* doc: TER record 1, 43 fields, no trailing pipe. */
static const char ter1_doc[] =
	"B157| |87654|T|1|1|12|00410||||1|02|0|45|10|1|0|0|||38,22|21,40|01012001|05022001|V|000123|001|2001"
	"|||||||||300000001||VOL|||";

START_TEST(ter1)
{
	const es_cadastre_ter1 *r = &R.u.ter1;

	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER, ter1_doc), ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_TER1);
	ck_assert_uint_eq(R.nfields, 43);
	ck_assert_str_eq(r->ident.foglio, "12");
	ck_assert_str_eq(r->ident.numero, "00410");
	ck_assert_str_eq(r->qualita, "1");
	ck_assert_str_eq(r->classe, "02");
	ck_assert_int_eq(r->area_m2, 4510);             /* 0 ha 45 are 10 ca = 0*10000 + 45*100 + 10 */
	ck_assert_int_eq(r->reddito_dominicale, 3822);  /* 38,22 */
	ck_assert_int_eq(r->reddito_agrario, 2140);     /* 21,40 */
	ck_assert_int_eq(r->generante.efficacia, ymd(2001, 1, 1));
	ck_assert_int_eq(r->generante.registrazione, ymd(2001, 2, 5));
	ck_assert_str_eq(r->mutazione_iniziale, "300000001");
	ck_assert_str_eq(r->generante.causale, "VOL");
	/* 38 fields: below the minimum of 39. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER,
	    mk(38, false, 1, "B157", 2, " ", 3, "87654", 4, "T", 5, "1", 6, "1", 7, "12", 8, "00410", 24, "01012001", 0)),
	    ES_EDATA);
	ck_assert_str_eq(E.msg, "TER record 1 has 38 fields, at least 39 expected");
}
END_TEST

START_TEST(ter_porzioni)
{
	/* Two groups of 6 (12 fields): 12 % 8 != 0, so 6. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER, "B157| |1|T|1|4|AA|1|02|0|30|00|AB|9|01|0|15|50"), ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_TER4);
	ck_assert_uint_eq(R.ngroups, 2);
	ck_assert_str_eq(R.porzioni[1].id, "AB");
	ck_assert_int_eq(R.porzioni[0].area_m2, 3000);   /* 30 are */
	ck_assert_int_eq(R.porzioni[1].area_m2, 1550);   /* 15 are 50 ca */
	ck_assert(!R.porzioni[0].has_redditi);
	/* Two SIT groups of 8 (16 fields): 16 % 6 != 0, so 8. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER,
	    "B157| |1|T|1|4|AA|1|01|1|00|00|120,5|80,33|AB|2|02|0|50|00|30|20,1"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 2);
	ck_assert(R.porzioni[0].has_redditi);
	ck_assert_int_eq(R.porzioni[0].area_m2, 10000);  /* 1 ha */
	ck_assert_int_eq(R.porzioni[0].reddito_dominicale, 12050);
	ck_assert_int_eq(R.porzioni[1].reddito_agrario, 2010);
	/* 24 fields: three groups of 8 (the 9th field is an id)... */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER,
	    "B157| |1|T|1|4|AA|1|01|1|00|00|120,5|80,33|AB|2|02|0|50|00|30|20,1|AC|9|01|0|10|00|5,25|2"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 3);
	ck_assert_str_eq(R.porzioni[2].id, "AC");
	ck_assert_int_eq(R.porzioni[2].reddito_dominicale, 525);
	/* ... or four groups of 6 (the 7th field is an id). */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER,
	    "B157| |1|T|1|4|AA|1|01|1|00|00|AB|2|02|0|50|00|AC|9|01|0|10|00|AD|3|01|0|01|00"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 4);
	ck_assert_str_eq(R.porzioni[3].id, "AD");
	ck_assert_int_eq(R.porzioni[3].area_m2, 100);
	/* A trailing pipe is allowed: 12 + 1 empty. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER, "B157| |1|T|1|4|AA|1|02|0|30|00|AB|9|01|0|15|50|"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 2);
	/* 10 fields fit neither: warned, no group read. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER, "B157| |1|T|1|4|AA|1|02|0|30|00|AB|9|01|0"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 0);
	ck_assert_uint_eq(R.warnings, ES_CADASTRE_W_PORZIONI);
	/* Deduzioni (groups of 1). */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TER, "B157| |1|T|1|2|A2|B1"), ES_OK);
	ck_assert_uint_eq(R.ngroups, 2);
	ck_assert_str_eq(R.deduzioni[1], "B1");
}
END_TEST

START_TEST(sog)
{
	/* doc: persona fisica, 12 fields with the trailing pipe. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_SOG, "B157| |900001|P|ROSSI|ANNA|2|01011980|B157|RSSNNA80A41B157X||"),
	                 ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_SOG_P);
	ck_assert_str_eq(R.id, "900001");
	ck_assert_str_eq(R.u.sog.cognome, "ROSSI");
	ck_assert_str_eq(R.u.sog.nome, "ANNA");
	ck_assert_str_eq(R.u.sog.sesso, "2");
	ck_assert_int_eq(R.u.sog.data_nascita, ymd(1980, 1, 1));
	ck_assert_str_eq(R.u.sog.luogo_nascita, "B157");
	ck_assert_str_eq(R.u.sog.codice_fiscale, "RSSNNA80A41B157X");
	ck_assert_uint_eq(R.extra_field, 0);
	/* doc: persona giuridica, 8 fields. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_SOG, "B157| |900002|G|ESEMPIO SRL|B157|01234567890|"), ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_SOG_G);
	ck_assert_str_eq(R.u.sog.denominazione, "ESEMPIO SRL");
	ck_assert_str_eq(R.u.sog.sede, "B157");
	ck_assert_str_eq(R.u.sog.codice_fiscale, "01234567890");
	/* Too short, bad kind. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_SOG, "B157| |900001|P|ROSSI|ANNA|2|01011980|B157|X"), ES_EDATA);
	ck_assert_str_eq(E.msg, "SOG record P has 10 fields, at least 11 expected");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_SOG, "B157| |900002|X|ESEMPIO SRL|B157|01234567890|"), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 4 (tipo soggetto): 'X' is not P or G");
}
END_TEST

/* doc: TIT, 32 fields and a trailing pipe. */
static const char tit_doc[] =
	"B157| |900001|P|12345678|F|10||1|2| ||15032019|V|012345|001|2019|18032019||||||||400000001||700000001"
	"|VAR|COMPRAVENDITA|||";

START_TEST(tit)
{
	const es_cadastre_tit *r = &R.u.tit;

	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, tit_doc), ES_OK);
	ck_assert_int_eq(R.type, ES_CADASTRE_TIT);
	ck_assert_uint_eq(R.nfields, 33);
	ck_assert_str_eq(r->subject_id, "900001");
	ck_assert_int_eq(r->subject_kind, 'P');
	ck_assert_str_eq(r->unit_id, "12345678");
	ck_assert_int_eq(r->unit_kind, 'F');
	ck_assert_str_eq(r->diritto, "10");
	ck_assert_int_eq(r->quota_num, 1);
	ck_assert_int_eq(r->quota_den, 2);
	ck_assert_str_eq(r->regime, "");
	ck_assert_int_eq(r->generante.efficacia, ymd(2019, 3, 15));
	ck_assert_str_eq(r->generante.tipo_nota, "V");
	ck_assert_int_eq(r->generante.registrazione, ymd(2019, 3, 18));
	ck_assert_int_eq(r->conclusivo.efficacia, ES_DATE_NONE);
	ck_assert_str_eq(r->mutazione_iniziale, "400000001");
	ck_assert_str_eq(r->id_titolarita, "700000001");
	ck_assert_str_eq(r->generante.causale, "VAR");
	ck_assert_str_eq(r->generante.descrizione, "COMPRAVENDITA");

	/* The right code is never trimmed: "30 " is not "30". */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, mk(27, false, TITH("1", "2", "T"), 7, "30 ", 9, "0", 10, "0",
	                                                   11, "C", 12, "3", 13, "15031999", 0)), ES_OK);
	ck_assert_str_eq(r->diritto, "30 ");
	ck_assert_int_eq(r->quota_num, 0);
	ck_assert_int_eq(r->quota_den, 0);
	ck_assert_str_eq(r->regime, "C");
	ck_assert_str_eq(r->soggetto_rif, "3");
	ck_assert_str_eq(r->id_titolarita, "");      /* pre-2001: 27 fields */

	/* The impianto sentinel is no date, flagged. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, mk(27, false, TITH("1", "2", "F"), 7, "10", 9, "1000", 10, "1000",
	                                                   13, "01010001", 0)), ES_OK);
	ck_assert_int_eq(r->generante.efficacia, ES_DATE_NONE);
	ck_assert(r->generante.impianto);

	/* Errors. */
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, "B157| |900001|P|10000004|F|10||1|1| ||01072023"), ES_EDATA);
	ck_assert_str_eq(E.msg, "TIT record has 13 fields, at least 27 expected");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, mk(27, false, TITH("1", "2", "F"), 7, "10", 9, "3", 10, "0",
	                                                   13, "15031999", 0)), ES_EDATA);
	ck_assert_str_eq(E.msg, "fields 9-10 (quota): 3/0 has a zero denominator");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, mk(27, false, TITH("1", "2", "F"), 7, "   ", 9, "1", 10, "1",
	                                                   13, "15031999", 0)), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 7 (codice diritto) is empty");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, mk(27, false, TITH("1", "2", "F"), 7, "10", 9, "1", 10, "1",
	                                                   13, "31022019", 0)), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 13 (data di validita): '31022019' is not a valid date");
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, mk(27, false, TITH("1", "2", "X"), 7, "10", 9, "1", 10, "1",
	                                                   13, "15031999", 0)), ES_EDATA);
	ck_assert_str_eq(E.msg, "field 6 (tipo immobile): 'X' is not F or T");
}
END_TEST

START_TEST(files_and_keys)
{
	char k[ES_CADASTRE_KEY_MAX];

	ck_assert_int_eq(es_cadastre_file_from_name("dir/B157_0001.FAB"), ES_CADASTRE_FILE_FAB);
	ck_assert_int_eq(es_cadastre_file_from_name("b157.ter.gz"), ES_CADASTRE_FILE_TER);
	ck_assert_int_eq(es_cadastre_file_from_name("B157.Sog"), ES_CADASTRE_FILE_SOG);
	ck_assert_int_eq(es_cadastre_file_from_name("B157.TIT"), ES_CADASTRE_FILE_TIT);
	ck_assert_int_eq(es_cadastre_file_from_name("B157.PRM"), ES_CADASTRE_FILE_PRM);
	ck_assert_int_eq(es_cadastre_file_from_name("B157.SUP"), ES_CADASTRE_FILE_SUP);
	ck_assert_int_eq(es_cadastre_file_from_name("B157.csv"), ES_CADASTRE_FILE_UNKNOWN);
	ck_assert_int_eq(es_cadastre_file_from_name("gz"), ES_CADASTRE_FILE_UNKNOWN);
	ck_assert_int_eq(es_cadastre_file_guess(fab1_doc), ES_CADASTRE_FILE_FAB);
	ck_assert_int_eq(es_cadastre_file_guess(ter1_doc), ES_CADASTRE_FILE_TER);
	ck_assert_int_eq(es_cadastre_file_guess(tit_doc), ES_CADASTRE_FILE_TIT);
	ck_assert_int_eq(es_cadastre_file_guess("B157| |900002|G|ESEMPIO SRL|B157|01234567890|"), ES_CADASTRE_FILE_SOG);
	ck_assert_int_eq(es_cadastre_file_guess("a,b,c"), ES_CADASTRE_FILE_UNKNOWN);
	ck_assert(es_cadastre_unit_key("B157", "", 'F', "12345678", k, sizeof k));
	ck_assert_str_eq(k, "B157-F-12345678");
	ck_assert(es_cadastre_unit_key("B157", "A", 'T', "87654", k, sizeof k));
	ck_assert_str_eq(k, "B157A-T-87654");
	ck_assert(es_cadastre_subject_key("B157", 'P', "900001", k, sizeof k));
	ck_assert_str_eq(k, "B157-P-900001");
	ck_assert(!es_cadastre_unit_key("B157", "", 'F', "123456789012345678901234567890123456789012345678901234567890",
	                                k, sizeof k));
}
END_TEST

START_TEST(encoding)
{
	es_cadastre_conv *c = es_cadastre_conv_new(NULL);
	const char *in, *out;
	size_t n;

	ck_assert_ptr_nonnull(c);
	/* ASCII passes through without a copy. */
	in = "B157| |1|P|ROSSI";
	ck_assert_int_eq(es_cadastre_to_utf8(c, in, strlen(in), &out, &n, NULL), ES_OK);
	ck_assert_ptr_eq(out, in);
	/* Latin-1 O grave (0xD2) is U+00D2, UTF-8 C3 92. */
	in = "NICOL\xd2";
	ck_assert_int_eq(es_cadastre_to_utf8(c, in, strlen(in), &out, &n, NULL), ES_OK);
	ck_assert_str_eq(out, "NICOL\xc3\x92");
	ck_assert_uint_eq(n, 7);
	/* Windows-1252 0x80 is the euro sign, UTF-8 E2 82 AC. */
	in = "\x80";
	ck_assert_int_eq(es_cadastre_to_utf8(c, in, 1, &out, &n, NULL), ES_OK);
	ck_assert_str_eq(out, "\xe2\x82\xac");
	/* 0x81 is undefined in Windows-1252: read as ISO-8859-1 (U+0081, C2 81). */
	in = "A\x81";
	ck_assert_int_eq(es_cadastre_to_utf8(c, in, 2, &out, &n, NULL), ES_OK);
	ck_assert_str_eq(out, "A\xc2\x81");
	es_cadastre_conv_free(c);
}
END_TEST

/* ---- checks and codes (data/ tables, $ESATTORE_DATADIR) ---- */

static char findings[2048];

static void
collect(void *ctx, const char *check, const char *detail)
{
	size_t n = strlen(findings);

	(void)ctx;
	snprintf(findings + n, sizeof findings - n, "%s: %s\n", check, detail);
}

START_TEST(codes_and_checks)
{
	es_err err;
	es_cadastre_codes *c = es_cadastre_codes_load(&err);
	es_cadastre_address a = { "236", "ROMA", "12", "B", "", "" };
	char buf[128];

	ck_assert_msg(c != NULL, "%s", err.msg);
	ck_assert_str_eq(es_cadastre_right_name(c, "10"), "Proprieta");
	ck_assert_str_eq(es_cadastre_right_name(c, "30"), "Abitazione");
	ck_assert_str_eq(es_cadastre_right_name(c, "30 "), "Usufruttuario parziale (legacy)");
	ck_assert_str_eq(es_cadastre_right_name(c, "3 "), "Comproprietario (legacy)");
	ck_assert_ptr_null(es_cadastre_right_name(c, "3"));
	ck_assert(es_cadastre_right_sums(c, "80"));
	ck_assert(!es_cadastre_right_sums(c, "90"));
	ck_assert_str_eq(es_cadastre_toponimo(c, "236"), "VIA");
	ck_assert_str_eq(es_cadastre_toponimo(c, "0130"), "PIAZZA");
	ck_assert(es_cadastre_address_format(c, &a, buf, sizeof buf));
	ck_assert_str_eq(buf, "VIA ROMA 12/B");

	findings[0] = '\0';
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_SOG, "B157| |900001|P|ROSSI|ANNA|2|01011980|B157|RSSNNA80A41B157X||"),
	                 ES_OK);
	es_cadastre_check(c, &R, collect, NULL);
	/* The doc's codice fiscale has a deliberately wrong check character: O is right. */
	ck_assert_str_eq(findings, "invalid_tax_code: bad codice fiscale 'RSSNNA80A41B157X': "
	                           "check character is 'X', expected 'O'\n");
	findings[0] = '\0';
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_SOG, "B157| |900001|P|ROSSI|ANNA|2|01011980|B157|RSSNNA80A41B157O||"),
	                 ES_OK);
	es_cadastre_check(c, &R, collect, NULL);
	ck_assert_str_eq(findings, "");
	findings[0] = '\0';
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_TIT, mk(27, false, TITH("1", "2", "T"), 7, "31 ", 9, "1", 10, "2",
	                                                   13, "15031999", 14, "Q", 0)), ES_OK);
	es_cadastre_check(c, &R, collect, NULL);
	ck_assert_str_eq(findings, "unknown_right: codice diritto '31 ' is not in cadastre_rights: manual review\n"
	                           "unknown_tipo_nota: tipo nota 'Q' (atto generante) is not in cadastre_tipo_nota\n");
	findings[0] = '\0';
	ck_assert_int_eq(parse(ES_CADASTRE_FILE_FAB,
	    mk(46, true, FABH("4"), 8, "A12", 13, "1", 23, "01072023", 35, "X", 46, "S1", 0)), ES_OK);
	es_cadastre_check(c, &R, collect, NULL);
	ck_assert_str_eq(findings, "extra_fields: field 46 and beyond are not in the known layout (47 fields)\n"
	                           "unknown_category: categoria 'A12' is not in cadastre_categories\n"
	                           "unknown_partita: partita 'X' is neither a number nor a partita speciale\n");
	es_cadastre_codes_free(c);
}
END_TEST

/* ---- the ledger writer: 0/0 shares, sums, histories ---- */

static char dbdir[64];
static char dbpath[128];
static es_ledger *L;
static es_cadastre_codes *C;
static es_store_cadastre *S;
static char report_buf[8192];

static void
store_setup(void)
{
	es_err err;

	setup();
	snprintf(dbdir, sizeof dbdir, "/tmp/t_cadastre.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dbdir));
	snprintf(dbpath, sizeof dbpath, "%s/l.db", dbdir);
	L = es_ledger_open(dbpath, ES_LEDGER_CREATE, &err);
	ck_assert_msg(L != NULL, "%s", err.msg);
	C = es_cadastre_codes_load(&err);
	ck_assert_msg(C != NULL, "%s", err.msg);
	ck_assert_int_eq(es_ledger_run_begin(L, "t_cadastre", 0, NULL, &err), ES_OK);
	S = es_store_cadastre_new(L, C, &err);
	ck_assert_msg(S != NULL, "%s", err.msg);
	report_buf[0] = '\0';
}

static void
store_teardown(void)
{
	char p[160];

	es_store_cadastre_free(S);
	es_ledger_close(L);
	es_cadastre_codes_free(C);
	teardown();
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	unlink(dbpath);
	rmdir(dbdir);
}

static void
put(es_cadastre_file f, const char *line)
{
	es_err err;

	ck_assert_msg(parse(f, line) == ES_OK, "%s: %s", line, E.msg);
	ck_assert_msg(es_store_cadastre_put(S, &R, &err) == ES_OK, "%s", err.msg);
}

/* A TIT line: subject, unit (F), right, quota, regime, regime subject, from, to (DDMMYYYY). */
static void
put_tit(const char *subj, const char *unit, const char *right, int num, int den, const char *regime,
        const char *ref, const char *from, const char *to)
{
	char n[16], d[16];

	snprintf(n, sizeof n, "%d", num);
	snprintf(d, sizeof d, "%d", den);
	put(ES_CADASTRE_FILE_TIT, mk(32, false, TITH(subj, unit, "F"), 7, right, 9, n, 10, d, 11, regime, 12, ref,
	                             13, from, 20, to, 0));
}

static void
put_sog(const char *id)
{
	char line[128];

	snprintf(line, sizeof line, "B157| |%s|P|COGNOME|NOME|1|01011980|B157|||", id);
	put(ES_CADASTRE_FILE_SOG, line);
}

static void
put_unit(const char *unit, int seq, const char *from, const char *to)
{
	char line[512], sq[16];

	snprintf(sq, sizeof sq, "%d", seq);
	put(ES_CADASTRE_FILE_FAB, mk(45, true, 1, "B157", 2, " ", 3, unit, 4, "F", 5, sq, 6, "1", 8, "A02", 13, "100",
	                             23, from, 29, to, 0));
	snprintf(line, sizeof line, "B157| |%s|F|%d|2||0001|00001||%04d||", unit, seq, seq);
	put(ES_CADASTRE_FILE_FAB, line);
}

/* Compare long texts: on a difference, print both on stderr (Check's own
 * message would be too long) and fail naming the first differing line. */
static void
text_eq(const char *got, const char *want)
{
	size_t i = 0, line = 1;

	if (strcmp(got, want) == 0)
		return;
	while (got[i] != '\0' && got[i] == want[i]) {
		if (got[i] == '\n')
			line++;
		i++;
	}
	fprintf(stderr, "--- got:\n%s--- want:\n%s", got, want);
	ck_abort_msg("texts differ from line %zu", line);
}

static void
report_cb(void *ctx, const char *check, const char *source, uint64_t line, const char *unit_id,
          const char *subject_id, const char *detail)
{
	size_t n = strlen(report_buf);

	(void)ctx;
	(void)source;
	(void)line;
	snprintf(report_buf + n, sizeof report_buf - n, "%s|%s|%s|%s\n", check, unit_id ? unit_id : "",
	         subject_id ? subject_id : "", detail);
}

/* The titles stream, rows only (no header), as unit|subject|right|num/den|rule lines. */
static void
titles(char *buf, size_t bufsz)
{
	char path[160];
	es_err err;
	es_out *out;
	es_csv_writer *w;
	uint64_t rows;
	FILE *fp;
	char line[512];
	size_t n = 0;

	snprintf(path, sizeof path, "%s/titles.csv", dbdir);
	out = es_out_open(path, &err);
	ck_assert_ptr_nonnull(out);
	w = es_csv_writer_new(out, NULL, &err);
	ck_assert_int_eq(es_store_cadastre_emit(L, ES_CADASTRE_TITLES, ES_DATE_NONE, C, w, &rows, &err), ES_OK);
	es_csv_writer_free(w);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fp);
	buf[0] = '\0';
	ck_assert_ptr_nonnull(fgets(line, sizeof line, fp));   /* header */
	while (fgets(line, sizeof line, fp) != NULL) {
		/* unit_id,subject_id,tax_code,right_code,right,num,den,from,to,raw,rule,... */
		char *f[11], *p = line;
		int i;
		for (i = 0; i < 11; i++)
			f[i] = strsep(&p, ",");
		n += (size_t)snprintf(buf + n, bufsz - n, "%s|%s|%s|%s/%s|%s\n", f[0], f[1], f[3], f[5], f[6], f[10]);
	}
	fclose(fp);
	unlink(path);
}

START_TEST(shares_fallback)
{
	char buf[2048];
	es_err err;

	put_unit("1", 1, "01012010", "");
	put_unit("2", 1, "01012010", "");
	put_unit("3", 1, "01012010", "");
	put_unit("4", 1, "01012010", "");
	put_sog("11"); put_sog("12"); put_sog("13"); put_sog("21"); put_sog("22"); put_sog("23");
	put_sog("31"); put_sog("32"); put_sog("41"); put_sog("42");
	/* Unit 1: three holders, all 0/0: 1/3 each. */
	put_tit("11", "1", "10", 0, 0, "", "", "01012010", "");
	put_tit("12", "1", "10", 0, 0, "", "", "01012010", "");
	put_tit("13", "1", "10", 0, 0, "", "", "01012010", "");
	/* Unit 2: 1/2 known, two 0/0 share the rest: (1 - 1/2) / 2 = 1/4 each. */
	put_tit("21", "2", "10", 1, 2, "", "", "01012010", "");
	put_tit("22", "2", "10", 0, 0, "", "", "01012010", "");
	put_tit("23", "2", "10", 0, 0, "", "", "01012010", "");
	/* Unit 3: a spouse in comunione holds 1/1, the other 0/0 names her: 1/2 each. */
	put_tit("31", "3", "10", 1, 1, "C", "32", "01012010", "");
	put_tit("32", "3", "10", 0, 0, "C", "31", "01012010", "");
	/* Unit 4: 1/1 known and a 0/0 outside any comunione: left as it is. */
	put_tit("41", "4", "10", 1, 1, "", "", "01012010", "");
	put_tit("42", "4", "10", 0, 0, "", "", "01012010", "");
	ck_assert_int_eq(es_store_cadastre_finish(S, report_cb, NULL, &err), ES_OK);
	text_eq(report_buf,
	    "zero_share|B157-F-1|B157-P-11|share 0/0 of right '10' taken as 1/3 (equal)\n"
	    "zero_share|B157-F-1|B157-P-12|share 0/0 of right '10' taken as 1/3 (equal)\n"
	    "zero_share|B157-F-1|B157-P-13|share 0/0 of right '10' taken as 1/3 (equal)\n"
	    "zero_share|B157-F-2|B157-P-22|share 0/0 of right '10' taken as 1/4 (remainder)\n"
	    "zero_share|B157-F-2|B157-P-23|share 0/0 of right '10' taken as 1/4 (remainder)\n"
	    "zero_share|B157-F-3|B157-P-32|share 0/0 of right '10' taken as 1/2 (spouse)\n"
	    "zero_share|B157-F-4|B157-P-42|share 0/0 of right '10' left unresolved\n");
	titles(buf, sizeof buf);
	text_eq(buf,
	    "B157-F-1|B157-P-11|10|1/3|equal\n"
	    "B157-F-1|B157-P-12|10|1/3|equal\n"
	    "B157-F-1|B157-P-13|10|1/3|equal\n"
	    "B157-F-2|B157-P-21|10|1/2|file\n"
	    "B157-F-2|B157-P-22|10|1/4|remainder\n"
	    "B157-F-2|B157-P-23|10|1/4|remainder\n"
	    "B157-F-3|B157-P-31|10|1/2|spouse\n"
	    "B157-F-3|B157-P-32|10|1/2|spouse\n"
	    "B157-F-4|B157-P-41|10|1/1|file\n"
	    "B157-F-4|B157-P-42|10|0/0|unresolved\n");
}
END_TEST

START_TEST(sums_and_history)
{
	es_err err;

	/* Unit 5: a transfer on 16/05/2019: the seller's 1/1 ends the day the
	 * buyer's starts (valid_to is exclusive), so both dates sum to 1. */
	put_unit("5", 1, "01012005", "");
	put_tit("51", "5", "10", 1, 1, "", "", "01012005", "16052019");
	put_tit("52", "5", "10", 1, 1, "", "", "16052019", "");
	/* Unit 6: 1/2 + 1/4 = 3/4 of the property, and a nuda proprieta of 1/1
	 * (another right, its own sum). */
	put_unit("6", 1, "01012005", "");
	put_tit("61", "6", "10", 1, 2, "", "", "01012005", "");
	put_tit("62", "6", "10", 1, 4, "", "", "01012005", "");
	put_tit("63", "6", "20", 1, 1, "", "", "01012005", "");
	/* Unit 7: situation 1 closed on 10/06/2020, situation 2 from 10/06/2020:
	 * no overlap; situation 3 from 01/01/2019 overlaps both. */
	put_unit("7", 1, "01012005", "10062020");
	put_unit("7", 2, "10062020", "");
	put_unit("7", 3, "01012019", "");
	/* A title on a unit absent from the supply, a subject absent too (no SOG at all here). */
	put_tit("91", "9", "10", 1, 1, "", "", "01012005", "");
	/* Unit 5 again: the buyer's proprieta restated from 01/06/2019 while the
	 * one from 16/05/2019 is still open: the same holding twice, 2/1 in all. */
	put_tit("52", "5", "10", 1, 1, "", "", "01062019", "");
	ck_assert_int_eq(es_store_cadastre_finish(S, report_cb, NULL, &err), ES_OK);
	text_eq(report_buf,
	    "share_sum|B157-F-5||shares of right '10' valid from 2019-06-01 sum to 2/1, not 1\n"
	    "share_sum|B157-F-6||shares of right '10' valid from 2005-01-01 sum to 3/4, not 1\n"
	    "missing_subject|B157-F-5|B157-P-51|title of right '10' names a subject not in the supply\n"
	    "missing_subject|B157-F-5|B157-P-52|title of right '10' names a subject not in the supply\n"
	    "missing_subject|B157-F-5|B157-P-52|title of right '10' names a subject not in the supply\n"
	    "missing_subject|B157-F-6|B157-P-61|title of right '10' names a subject not in the supply\n"
	    "missing_subject|B157-F-6|B157-P-62|title of right '10' names a subject not in the supply\n"
	    "missing_subject|B157-F-6|B157-P-63|title of right '20' names a subject not in the supply\n"
	    "missing_subject|B157-F-9|B157-P-91|title of right '10' names a subject not in the supply\n"
	    "missing_unit|B157-F-9|B157-P-91|title of right '10' names a unit not in the supply\n"
	    "overlapping_history|B157-F-7||situations 1 (2005-01-01 to 2020-06-10) and 3 (2019-01-01 to open) overlap\n"
	    "overlapping_history|B157-F-7||situations 2 (2020-06-10 to open) and 3 (2019-01-01 to open) overlap\n"
	    "overlapping_title|B157-F-5|B157-P-52|titles of right '10' from 2019-05-16 and from 2019-06-01 overlap\n");
}
END_TEST

/* The identifiers of one situation, "sheet/parcel/sub ..." in key order. */
static void
idents(const char *unit, char *buf, size_t bufsz)
{
	char path[160], line[1024];
	es_err err;
	es_out *out;
	es_csv_writer *w;
	uint64_t rows;
	FILE *fp;

	snprintf(path, sizeof path, "%s/units.csv", dbdir);
	out = es_out_open(path, &err);
	ck_assert_ptr_nonnull(out);
	w = es_csv_writer_new(out, NULL, &err);
	ck_assert_int_eq(es_store_cadastre_emit(L, ES_CADASTRE_UNITS, ES_DATE_NONE, C, w, &rows, &err), ES_OK);
	es_csv_writer_free(w);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fp);
	buf[0] = '\0';
	while (fgets(line, sizeof line, fp) != NULL) {
		char *last = strrchr(line, ',');
		if (strstr(line, unit) != NULL && last != NULL)
			snprintf(buf, bufsz, "%s", last + 1);
	}
	fclose(fp);
	unlink(path);
}

START_TEST(update_replaces_identifiers)
{
	char buf[256];
	es_err err;

	/* First supply: situation 1 of unit 8 is 1/1/1 and 1/2/1 (graffato). */
	put(ES_CADASTRE_FILE_FAB, mk(45, true, FABH("8"), 8, "A02", 13, "100", 23, "01012005", 0));
	put(ES_CADASTRE_FILE_FAB, "B157| |8|F|1|2||0001|00001||0001|||0001|00002||0001||");
	ck_assert_int_eq(es_store_cadastre_finish(S, report_cb, NULL, &err), ES_OK);
	ck_assert_int_eq(es_ledger_run_commit(L, 2, 2, 0, &err), ES_OK);
	es_store_cadastre_free(S);
	idents("B157-F-8", buf, sizeof buf);
	ck_assert_str_eq(buf, "1/1/1 1/2/1\n");
	/* A later supply restates situation 1 with parcel 3 only: it replaces,
	 * it does not add. */
	ck_assert_int_eq(es_ledger_run_begin(L, "t_cadastre", 0, NULL, &err), ES_OK);
	S = es_store_cadastre_new(L, C, &err);
	ck_assert_ptr_nonnull(S);
	put(ES_CADASTRE_FILE_FAB, mk(45, true, FABH("8"), 8, "A02", 13, "100", 23, "01012005", 0));
	put(ES_CADASTRE_FILE_FAB, "B157| |8|F|1|2||0001|00003||0001||");
	ck_assert_int_eq(es_store_cadastre_finish(S, report_cb, NULL, &err), ES_OK);
	idents("B157-F-8", buf, sizeof buf);
	ck_assert_str_eq(buf, "1/3/1\n");
}
END_TEST

Suite *make_suite_cadastre(void);

Suite *
make_suite_cadastre(void)
{
	Suite *s = suite_create("cadastre");
	TCase *tc = tcase_create("parse");
	TCase *ts = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fab1_modern);
	tcase_add_test(tc, fab1_eras);
	tcase_add_test(tc, fab1_values);
	tcase_add_test(tc, fab_groups);
	tcase_add_test(tc, ter1);
	tcase_add_test(tc, ter_porzioni);
	tcase_add_test(tc, sog);
	tcase_add_test(tc, tit);
	tcase_add_test(tc, files_and_keys);
	tcase_add_test(tc, encoding);
	tcase_add_test(tc, codes_and_checks);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(ts, store_setup, store_teardown);
	tcase_add_test(ts, shares_fallback);
	tcase_add_test(ts, sums_and_history);
	tcase_add_test(ts, update_replaces_identifiers);
	suite_add_tcase(s, ts);
	return s;
}
