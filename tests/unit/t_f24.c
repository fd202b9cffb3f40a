/* t_f24.c: the F24 supply parser, its codes and its reconciliation.
 *
 * Records are built here field by field at the positions of
 * shared/domain/f24-supply.md §3; expected values are computed by hand in
 * the comments.  The reconciliation tests read testdata/f24/basic.txt (its
 * records are listed, with their amounts, in testdata/f24/mkfixtures.py). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "domain/f24.h"
#include "domain/f24_reconcile.h"
#include "store/ledger.h"
#include "store/payments.h"
#include <sqlite3.h>
#include <unistd.h>

Suite *make_suite_f24(void);

/* A 300-character record of spaces with fields put at 1-based positions. */
typedef struct line {
	char s[ES_F24_RECLEN + 1];
} line;

static void
blank(line *l)
{
	memset(l->s, ' ', ES_F24_RECLEN);
	l->s[ES_F24_RECLEN] = '\0';
}

static void
at(line *l, int pos, const char *text)
{
	memcpy(l->s + pos - 1, text, strlen(text));
}

/* The G1 of basic.txt line 7: delega 4 riga 1, 3918, debito 400.00,
 * credito 150.00. */
static void
g1_line(line *l)
{
	blank(l);
	at(l, 1, "G1");
	at(l, 3, "20250110");
	at(l, 11, "01");
	at(l, 13, "20250108");
	at(l, 21, "01");
	at(l, 23, "20250107");
	at(l, 31, "000004");
	at(l, 37, "01");
	at(l, 39, "03069");
	at(l, 44, "B");
	at(l, 45, "01600");
	at(l, 50, "MRNLCU60E10F205P");
	at(l, 66, "0");
	at(l, 67, "20241216");
	at(l, 75, "F205");
	at(l, 79, "3918");
	at(l, 83, "0");
	at(l, 84, "0101");
	at(l, 88, "2024");
	at(l, 92, "0");
	at(l, 93, "EUR");
	at(l, 96, "000000000040000");
	at(l, 111, "000000000015000");
	at(l, 126, "0010");
	at(l, 130, "002");
	at(l, 133, "0");
	at(l, 134, "000000000000000");
	at(l, 149, "MARINI");
	at(l, 204, "LUCA");
	at(l, 224, "M");
	at(l, 225, "19600510");
	at(l, 233, "MILANO");
	at(l, 258, "MI");
	at(l, 260, "I");
	at(l, 279, "ACCP2024000000123");
}

static es_f24_parser *
parser(es_f24_name_layout layout)
{
	es_err err;
	es_f24_parser *p = es_f24_parser_new(layout, &err);

	ck_assert_ptr_nonnull(p);
	return p;
}

static char *
iso(es_date d, char *buf)
{
	return es_date_format(d, buf);
}

START_TEST(g1_fields)
{
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	es_f24_record rec;
	es_err err;
	line l;
	char b[ES_DATE_BUFSZ], id[ES_F24_ID_BUFSZ];

	g1_line(&l);
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_int_eq(rec.type, ES_F24_G1);
	ck_assert(!rec.padded);
	ck_assert_str_eq(iso(rec.u.g1.key.fornitura, b), "2025-01-10");
	ck_assert_int_eq(rec.u.g1.key.prog_fornitura, 1);
	ck_assert_str_eq(iso(rec.u.g1.key.ripartizione, b), "2025-01-08");
	ck_assert_str_eq(iso(rec.u.g1.key.bonifico, b), "2025-01-07");
	ck_assert_int_eq(rec.u.g1.delega, 4);
	ck_assert_int_eq(rec.u.g1.riga, 1);
	ck_assert_str_eq(rec.u.g1.ente, "03069");
	ck_assert_int_eq(rec.u.g1.tipo_ente, 'B');
	ck_assert_str_eq(rec.u.g1.cf, "MRNLCU60E10F205P");
	ck_assert_str_eq(iso(rec.u.g1.riscossione, b), "2024-12-16");
	ck_assert_str_eq(rec.u.g1.belfiore, "F205");
	ck_assert_str_eq(rec.u.g1.tributo, "3918");
	ck_assert_str_eq(rec.u.g1.rateazione, "0101");
	ck_assert_int_eq(rec.u.g1.anno, 2024);
	/* 96-110 "000000000040000" = 400.00; 111-125 = 150.00; net 250.00 */
	ck_assert_int_eq(rec.u.g1.debito, 40000);
	ck_assert_int_eq(rec.u.g1.credito, 15000);
	ck_assert_int_eq(es_f24_g1_net(&rec.u.g1), 25000);
	/* 126-129 "0010": ravvedimento 0, immobili variati 0, acconto 1, saldo 0 */
	ck_assert(!rec.u.g1.ravvedimento);
	ck_assert(rec.u.g1.acconto);
	ck_assert(!rec.u.g1.saldo);
	ck_assert_str_eq(es_f24_g1_instalment_kind(&rec.u.g1), "acconto");
	ck_assert_int_eq(rec.u.g1.num_immobili, 2);
	ck_assert_str_eq(rec.u.g1.surname, "MARINI");
	ck_assert_str_eq(rec.u.g1.first_name, "LUCA");
	ck_assert_str_eq(iso(rec.u.g1.birth_date, b), "1960-05-10");
	ck_assert_int_eq(rec.u.g1.tipo_imposta, 'I');
	ck_assert_str_eq(rec.u.g1.cf2, "");
	ck_assert_str_eq(rec.u.g1.operation_id, "ACCP2024000000123");
	ck_assert_str_eq(es_f24_payment_id(&rec.u.g1, id),
	                 "F24-F205-2025010801-20250107-2025011001-000004-01");
	es_f24_parser_free(p);
}
END_TEST

START_TEST(g1_flags_decode)
{
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	es_f24_record rec;
	es_err err;
	line l;

	/* TR4's decode of 128-129: "01" saldo, "11" and "00" unica soluzione. */
	g1_line(&l);
	at(&l, 128, "01");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_str_eq(es_f24_g1_instalment_kind(&rec.u.g1), "saldo");
	at(&l, 128, "11");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_str_eq(es_f24_g1_instalment_kind(&rec.u.g1), "unica");
	at(&l, 126, "1");
	at(&l, 128, "00");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_str_eq(es_f24_g1_instalment_kind(&rec.u.g1), "unica");
	ck_assert(rec.u.g1.ravvedimento);
	/* A box holding '2' is not 0 or 1. */
	at(&l, 126, "2");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "G1 ravvedimento (pos 126-126): not 0 or 1: '2'");
	es_f24_parser_free(p);
}
END_TEST

START_TEST(g1_name_layouts)
{
	es_f24_parser *w = parser(ES_F24_NAME_WEBRED), *t = parser(ES_F24_NAME_TR4);
	es_f24_record rec;
	es_err err;
	line l;

	g1_line(&l);
	at(&l, 149, "EREDI DI ROSSI GIOVANNI");
	at(&l, 188, "RSSGNN10A01F205B");
	ck_assert_int_eq(es_f24_parse(t, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_str_eq(rec.u.g1.surname, "EREDI DI ROSSI GIOVANNI");
	ck_assert_str_eq(rec.u.g1.cf_orig, "RSSGNN10A01F205B");
	ck_assert_int_eq(es_f24_guess_name_layout(l.s, ES_F24_RECLEN), ES_F24_NAME_TR4);
	ck_assert_int_eq(es_f24_parse(w, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	/* 23 + 16 spaces (pos 172-187) + 16: 55 characters */
	ck_assert_str_eq(rec.u.g1.surname, "EREDI DI ROSSI GIOVANNI                RSSGNN10A01F205B");
	ck_assert_str_eq(rec.u.g1.cf_orig, "");
	/* A 55-character company name spilling over 188: webred. */
	g1_line(&l);
	at(&l, 149, "SOCIETA COOPERATIVA EDILIZIA ESEMPIO DI MILANO A R.L.");
	ck_assert_int_eq(es_f24_guess_name_layout(l.s, ES_F24_RECLEN), ES_F24_NAME_WEBRED);
	/* A short name tells nothing. */
	g1_line(&l);
	ck_assert_int_eq(es_f24_guess_name_layout(l.s, ES_F24_RECLEN), -1);
	es_f24_parser_free(w);
	es_f24_parser_free(t);
}
END_TEST

START_TEST(latin1_text)
{
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	es_f24_record rec;
	es_err err;
	line l;

	g1_line(&l);
	/* NICCOL\xD2 (O grave) and CANT\xD9 (U grave) in ISO-8859-1 */
	at(&l, 204, "NICCOL\xD2");
	at(&l, 233, "CANT\xD9 ");   /* over "MILANO" */
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_str_eq(rec.u.g1.first_name, "NICCOL\xC3\x92");
	ck_assert_str_eq(rec.u.g1.birth_place, "CANT\xC3\x99");
	/* A non-ASCII byte in a code is an error naming the field. */
	at(&l, 75, "F2\xD2" "5");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "G1 codice ente comunale (pos 75-78): not a printable ASCII code: 'F2\\xD25'");
	es_f24_parser_free(p);
}
END_TEST

START_TEST(bad_fields)
{
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	es_f24_record rec;
	es_err err;
	line l;

	g1_line(&l);
	at(&l, 100, "O");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "G1 importo a debito (pos 96-110): not a zero-filled number: '0000O0000040000'");
	g1_line(&l);
	at(&l, 67, "20240230");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "G1 data riscossione (pos 67-74): not a calendar date: '20240230'");
	g1_line(&l);
	at(&l, 67, "00000000");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "G1 data riscossione (pos 67-74): missing: '00000000'");
	g1_line(&l);
	at(&l, 79, "    ");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "G1 codice tributo (pos 79-82): missing: '    '");
	es_f24_parser_free(p);
}
END_TEST

START_TEST(lengths_and_types)
{
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	es_f24_record rec;
	es_err err;
	line l;
	char longer[ES_F24_RECLEN + 11];

	g1_line(&l);
	/* Trailing spaces stripped down to 296 (the identificativo ends there):
	 * padded back to 300. */
	ck_assert_int_eq(es_f24_parse(p, l.s, 296, &rec, &err), ES_OK);
	ck_assert(rec.padded);
	ck_assert_str_eq(rec.u.g1.operation_id, "ACCP2024000000123");
	/* Cut before tipo imposta (260): truncated. */
	ck_assert_int_eq(es_f24_parse(p, l.s, 259, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "truncated G1 record: 259 characters, expected 300");
	/* Longer: the rest is ignored. */
	memcpy(longer, l.s, ES_F24_RECLEN);
	memcpy(longer + ES_F24_RECLEN, "XXXXXXXXXX", 10);
	ck_assert_int_eq(es_f24_parse(p, longer, ES_F24_RECLEN + 10, &rec, &err), ES_OK);
	ck_assert(rec.long_line);
	ck_assert_int_eq(es_f24_parse(p, "C1202501", 8, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "record type 'C1' belongs to the addizionale comunale flow, not this supply");
	ck_assert_int_eq(es_f24_parse(p, "Q", 1, &rec, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "unknown record type 'Q ' (pos 1-2)");
	ck_assert_int_eq(es_f24_parse(p, "A0", 2, &rec, &err), ES_OK);
	ck_assert_int_eq(rec.type, ES_F24_A0);
	ck_assert(es_f24_blank_line("   \x1a", 4));
	ck_assert(!es_f24_blank_line("  G1", 4));
	es_f24_parser_free(p);
}
END_TEST

START_TEST(accounting_records)
{
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	es_f24_record rec;
	es_err err;
	line l;
	char b[ES_DATE_BUFSZ];

	/* G2 to IFEL, 1.97 */
	blank(&l);
	at(&l, 1, "G220250110012025010801202501070000000AIFELEUR000000000000197I2025011001");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_int_eq(rec.u.g2.stato, 'A');
	ck_assert_str_eq(rec.u.g2.beneficiario, "IFEL");
	ck_assert_int_eq(rec.u.g2.importo, 197);
	ck_assert_int_eq(rec.u.g2.tipo_imposta, 'I');
	ck_assert_int_eq(rec.u.g2.prog_mandato, 1);
	/* G3: data bonifico 99999999 = none; 25.00 recovered */
	blank(&l);
	at(&l, 1, "G3202501100120250109019999999900000000F205EUR000000000002500202412000100000000A001");
	at(&l, 83, "RECUPERO SALDO NEGATIVO");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_int_eq(rec.u.g3.key.bonifico, ES_DATE_NONE);
	ck_assert_int_eq(rec.u.g3.importo, 2500);
	ck_assert_str_eq(rec.u.g3.periodo_orig, "202412");
	ck_assert_int_eq(rec.u.g3.prog_rip_orig, 1);
	ck_assert_int_eq(rec.u.g3.bonifico_orig, ES_DATE_NONE);
	ck_assert_str_eq(rec.u.g3.tipo_recupero, "001");
	ck_assert_str_eq(rec.u.g3.descrizione, "RECUPERO SALDO NEGATIVO");
	/* G4: 30.00 advanced */
	blank(&l);
	at(&l, 1, "G4202501100120250109012025010800000000F205EUR000000000003000I");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_int_eq(rec.u.g4.importo, 3000);
	/* G5 */
	blank(&l);
	at(&l, 1, "G5202501100");
	at(&l, 12, "1");
	at(&l, 38, "AF205EUR00000000035108712345678901202501092025010801202501071");
	at(&l, 98, "IIT60X0542811101000000123456");
	at(&l, 133, "30006012300000000012345");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_int_eq(rec.u.g5.stato, 'A');
	ck_assert_int_eq(rec.u.g5.importo, 351087);
	ck_assert_str_eq(rec.u.g5.cro, "12345678901");
	ck_assert_str_eq(iso(rec.u.g5.accreditamento, b), "2025-01-09");
	ck_assert_str_eq(iso(rec.u.g5.rip_orig, b), "2025-01-08");
	ck_assert_int_eq(rec.u.g5.prog_rip_orig, 1);
	ck_assert_int_eq(rec.u.g5.tipo_imposta, 'I');
	ck_assert_str_eq(rec.u.g5.iban, "IT60X0542811101000000123456");
	ck_assert_str_eq(rec.u.g5.sezione, "300");
	ck_assert_str_eq(rec.u.g5.conto, "060123");
	ck_assert_str_eq(rec.u.g5.movimento, "00000000012345");
	ck_assert_int_eq(rec.u.g5.storno, ES_DATE_NONE);
	/* G9 annullamento */
	blank(&l);
	at(&l, 1, "G9202501100");
	at(&l, 12, "1");
	at(&l, 39, "2025010801202501070306901600VRDNCC70B02F205Y20241216F20539162024EUR");
	at(&l, 106, "000000000020000000000000000000A20250109I");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_str_eq(rec.u.g9.ente, "03069");
	ck_assert_str_eq(rec.u.g9.raw62, "01600");
	ck_assert_str_eq(rec.u.g9.cf, "VRDNCC70B02F205Y");
	ck_assert_str_eq(rec.u.g9.tributo, "3916");
	ck_assert_int_eq(rec.u.g9.anno, 2024);
	ck_assert_int_eq(rec.u.g9.debito, 20000);
	ck_assert_int_eq(rec.u.g9.tipo_operazione, 'A');
	ck_assert_str_eq(iso(rec.u.g9.data_operazione, b), "2025-01-09");
	/* Z1 */
	blank(&l);
	at(&l, 1, "Z1202501100");
	at(&l, 12, "1");
	at(&l, 39, "01EURF205001");
	at(&l, 56, "F24_TEST");
	at(&l, 80, "0000013000000400000010000001000000100000010000023");
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	ck_assert_str_eq(rec.u.z1.belfiore, "F205");
	ck_assert_str_eq(rec.u.z1.file_id, "F24_TEST");
	ck_assert_int_eq(rec.u.z1.counts[0], 13);
	ck_assert_int_eq(rec.u.z1.counts[1], 4);
	ck_assert_int_eq(rec.u.z1.counts[5], 1);
	ck_assert_int_eq(rec.u.z1.total, 23);
	es_f24_parser_free(p);
}
END_TEST

START_TEST(codes_table)
{
	es_f24_codes *c;
	const es_f24_code_info *ci;
	int64_t rate;
	es_err err;

	c = es_f24_codes_load(&err);
	ck_assert_msg(c != NULL, "%s", err.msg);
	ci = es_f24_codes_lookup(c, "3925");
	ck_assert_ptr_nonnull(ci);
	ck_assert_str_eq(ci->tax, "IMU");
	ck_assert_int_eq(ci->recipient, ES_F24_TO_STATE);
	ck_assert(!ci->ifel);
	ci = es_f24_codes_lookup(c, "3918");
	ck_assert(ci->ifel);
	ck_assert_int_eq(ci->recipient, ES_F24_TO_MUNICIPALITY);
	ci = es_f24_codes_lookup(c, "TEFZ");
	ck_assert_str_eq(ci->tax, "TEFA");
	ck_assert_str_eq(ci->kind, "sanction");
	ck_assert_int_eq(ci->recipient, ES_F24_TO_PROVINCE);
	ck_assert_str_eq(es_f24_codes_lookup(c, "3945")->kind, "interest");
	ck_assert_str_eq(es_f24_codes_lookup(c, "357E")->tax, "IMU");
	ck_assert_ptr_null(es_f24_codes_lookup(c, "9999"));
	ck_assert_str_eq(es_f24_codes_tipo_tax(c, 'A'), "TARI");
	ck_assert_ptr_null(es_f24_codes_tipo_tax(c, 'Q'));
	/* 0.56 per mille from 2020 = 560 millionths; 0.60 in 2013-2019 */
	ck_assert_int_eq(es_f24_codes_ifel_rate(c, 2025, &rate, &err), ES_OK);
	ck_assert_int_eq(rate, 560);
	ck_assert_int_eq(es_f24_codes_ifel_rate(c, 2015, &rate, &err), ES_OK);
	ck_assert_int_eq(rate, 600);
	ck_assert_int_eq(es_f24_codes_ifel_rate(c, 2006, &rate, &err), ES_EDATA);
	es_f24_codes_free(c);
}
END_TEST

/* Feed a whole file to a reconciliation, both passes. */
static void
reconcile_file(es_f24_recon *r, es_f24_parser *p, const char *path, const char *name)
{
	FILE *fp;
	char buf[1024];
	es_f24_record rec;
	es_f24_g1_state st;
	es_err err;
	uint64_t n;
	int pass;

	for (pass = 1; pass <= 2; pass++) {
		fp = fopen(path, "rb");
		ck_assert_msg(fp != NULL, "%s", path);
		n = 0;
		while (fgets(buf, sizeof buf, fp) != NULL) {
			size_t len = strcspn(buf, "\r\n");

			n++;
			if (es_f24_parse(p, buf, len, &rec, &err) != ES_OK) {
				if (pass == 1)
					es_f24_recon_rejected(r, rec.type);
				continue;
			}
			if (pass == 1)
				ck_assert_int_eq(es_f24_recon_add(r, &rec, name, n, &err), ES_OK);
			else if (rec.type == ES_F24_G1)
				ck_assert_int_eq(es_f24_recon_g1(r, &rec.u.g1, name, n, &st, &err), ES_OK);
		}
		fclose(fp);
		if (pass == 1)
			es_f24_recon_end_file(r, name, n, &err);
	}
}

static char *
fixture(const char *name)
{
	static char path[4096];
	const char *td = getenv("TESTDATA");

	snprintf(path, sizeof path, "%s/f24/%s", td ? td : "testdata", name);
	return path;
}

START_TEST(reconcile_basic)
{
	es_f24_codes *c;
	es_f24_recon *r;
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	const es_f24_block *b;
	es_f24_totals t;
	es_err err;

	c = es_f24_codes_load(&err);
	ck_assert_msg(c != NULL, "%s", err.msg);
	r = es_f24_recon_new(c, NULL, &err);
	reconcile_file(r, p, fixture("basic.txt"), "basic.txt");
	ck_assert_int_eq(es_f24_recon_finish(r, &err), ES_OK);
	ck_assert_int_eq(es_f24_recon_nblocks(r), 4);
	/* Blocks sorted by ripartizione then tipo: 01-08 A, 01-08 I, 01-09 A, 01-09 I. */
	b = es_f24_recon_block(r, 1);
	ck_assert_int_eq(b->tipo_imposta, 'I');
	ck_assert_int_eq(b->g1_rows, 8);
	/* 25000 + 120050 + 300000 + 100000 + 51234 + 40000 + 10000 + 20000 = 666284 */
	ck_assert_int_eq(b->g1_debit, 666284);
	ck_assert_int_eq(b->g1_credit, 15000);
	ck_assert_int_eq(b->state_share, 300000);
	/* 651284 - 300000 = 351284; IFEL 0.56 per mille = 196.719 -> 197 */
	ck_assert_int_eq(b->expected, 351284);
	ck_assert_int_eq(b->ifel_expected, 197);
	ck_assert_int_eq(b->g2_municipality, 351087);
	ck_assert_int_eq(b->g2_ifel, 197);
	ck_assert_int_eq(b->g5_accredited, 351087);
	ck_assert_int_eq(b->cancelled, 20000);
	ck_assert_int_eq(b->difference, 0);
	ck_assert(b->ok);
	b = es_f24_recon_block(r, 0);
	ck_assert_int_eq(b->province_share, 750);
	b = es_f24_recon_block(r, 2);
	ck_assert_int_eq(b->g3_recovered, 2500);
	ck_assert_int_eq(b->expected, 7500);
	b = es_f24_recon_block(r, 3);
	/* 2000 - 5000 + G4 3000 = 0 */
	ck_assert_int_eq(b->g1_net, -3000);
	ck_assert_int_eq(b->g4_advanced, 3000);
	ck_assert_int_eq(b->expected, 0);
	ck_assert(b->ok);
	/* The only difference: line 8, paid to B990. */
	ck_assert_int_eq(es_f24_recon_ndiffs(r), 1);
	ck_assert_str_eq(es_f24_recon_diff(r, 0)->kind, "belfiore");
	ck_assert_str_eq(es_f24_recon_diff(r, 0)->records, "basic.txt:8");
	ck_assert_int_eq(es_f24_recon_diff(r, 0)->amount, 10000);
	ck_assert_int_eq(es_f24_recon_n_unmatched_g9(r), 0);
	es_f24_recon_totals(r, &t);
	ck_assert_int_eq(t.g1, 13);
	ck_assert_int_eq(t.cancelled_rows, 1);
	ck_assert_int_eq(t.cancelled, 20000);
	es_f24_recon_free(r);
	es_f24_codes_free(c);
	es_f24_parser_free(p);
}
END_TEST

START_TEST(reconcile_redelivered)
{
	es_f24_codes *c;
	es_f24_recon *r;
	es_f24_parser *p = parser(ES_F24_NAME_WEBRED);
	es_f24_record rec;
	es_f24_g1_state st;
	es_err err;
	line l;
	size_t i;
	int dups = 0;

	c = es_f24_codes_load(&err);
	ck_assert_msg(c != NULL, "%s", err.msg);
	r = es_f24_recon_new(c, "F205", &err);
	g1_line(&l);
	ck_assert_int_eq(es_f24_parse(p, l.s, ES_F24_RECLEN, &rec, &err), ES_OK);
	es_f24_recon_add(r, &rec, "a.txt", 1, &err);
	es_f24_recon_add(r, &rec, "a.txt", 2, &err);
	es_f24_recon_end_file(r, "a.txt", 2, &err);
	ck_assert_int_eq(es_f24_recon_g1(r, &rec.u.g1, "a.txt", 1, &st, &err), ES_OK);
	ck_assert(!st.duplicate);
	ck_assert_str_eq(st.tax, "IMU");
	ck_assert_str_eq(st.expected_belfiore, "F205");
	ck_assert(!st.wrong_belfiore);
	ck_assert_int_eq(es_f24_recon_g1(r, &rec.u.g1, "a.txt", 2, &st, &err), ES_OK);
	ck_assert(st.duplicate);
	ck_assert_str_eq(st.first_ref, "a.txt:1");
	es_f24_recon_finish(r, &err);
	for (i = 0; i < es_f24_recon_ndiffs(r); i++)
		if (strcmp(es_f24_recon_diff(r, i)->kind, "duplicate") == 0)
			dups++;
	ck_assert_int_eq(dups, 1);
	es_f24_recon_free(r);
	es_f24_codes_free(c);
	es_f24_parser_free(p);
}
END_TEST

static bool
collect(void *ctx, const char *payment_id, const char *status)
{
	char *out = ctx;
	size_t n = strlen(out);

	snprintf(out + n, 256 - n, "%s%s=%s", n ? " " : "", payment_id, status);
	return true;
}

START_TEST(payments_store)
{
	char dir[] = "/tmp/t_f24.XXXXXX", path[64], found_ids[256] = "";
	char *argv[] = {(char *)"t_f24", NULL};
	es_ledger *l;
	es_payment_store *ps;
	es_payment p, q, key;
	es_payment_outcome oc;
	bool found, changed, seen, same;
	es_err err;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/l.db", dir);
	l = es_ledger_open(path, ES_LEDGER_CREATE, &err);
	ck_assert_msg(l != NULL, "%s", err.msg);
	ck_assert_int_eq(es_ledger_run_begin(l, "t_f24", 1, argv, &err), ES_OK);
	ps = es_store_payment_open(l, &err);
	ck_assert_msg(ps != NULL, "%s", err.msg);

	memset(&p, 0, sizeof p);
	p.payment_id = "F24-F205-2025010801-20250107-2025011001-000004-01";
	p.source = "F24";
	p.source_ref = "basic.txt:7:000004/01";
	p.tax_code = "MRNLCU60E10F205P";
	p.tax = "IMU";
	p.year = 2024;
	p.tributo = "3918";
	p.paid_on = es_date_from_ymd(2024, 12, 16);
	p.credited_on = es_date_from_ymd(2025, 1, 9);
	p.status_on = ES_DATE_NONE;
	p.amount = 25000;
	p.belfiore = "F205";
	ck_assert_int_eq(es_store_payment_insert(ps, &p, &oc, &err), ES_OK);
	ck_assert_int_eq(oc, ES_PAYMENT_INSERTED);
	/* Same id, same content: nothing new. */
	ck_assert_int_eq(es_store_payment_insert(ps, &p, &oc, &err), ES_OK);
	ck_assert_int_eq(oc, ES_PAYMENT_EXISTS);
	/* Same id, another amount: a conflict, the stored row untouched. */
	q = p;
	q.amount = 25001;
	ck_assert_int_eq(es_store_payment_insert(ps, &q, &oc, &err), ES_OK);
	ck_assert_int_eq(oc, ES_PAYMENT_CONFLICT);
	ck_assert_str_eq(err.msg, "payment F24-F205-2025010801-20250107-2025011001-000004-01 "
	                 "already recorded with a different amount");
	ck_assert_int_eq(es_store_payment_get(ps, p.payment_id, &found, &q, &err), ES_OK);
	ck_assert(found);
	ck_assert_int_eq(q.amount, 25000);
	ck_assert_str_eq(q.status, "valid");
	ck_assert_str_eq(q.belfiore, "F205");
	ck_assert_int_eq(q.paid_on, es_date_from_ymd(2024, 12, 16));
	/* A G9 finds it by content and the id prefix, then cancels it. */
	memset(&key, 0, sizeof key);
	key.source = "F24";
	key.tax_code = "MRNLCU60E10F205P";
	key.tributo = "3918";
	key.year = 2024;
	key.paid_on = es_date_from_ymd(2024, 12, 16);
	key.amount = 25000;
	key.payment_id = "F24-F205-2025010801-20250107-";
	ck_assert_int_eq(es_store_payment_find(ps, &key, true, collect, found_ids, &err), ES_OK);
	ck_assert_str_eq(found_ids, "F24-F205-2025010801-20250107-2025011001-000004-01=valid");
	found_ids[0] = '\0';
	key.payment_id = "F24-F205-2025010901-";
	ck_assert_int_eq(es_store_payment_find(ps, &key, true, collect, found_ids, &err), ES_OK);
	ck_assert_str_eq(found_ids, "");
	ck_assert_int_eq(es_store_payment_set_status(ps, p.payment_id, ES_PAYMENT_CANCELLED,
	                                             es_date_from_ymd(2025, 1, 17), &changed, &err), ES_OK);
	ck_assert(changed);
	ck_assert_int_eq(es_store_payment_set_status(ps, p.payment_id, ES_PAYMENT_CANCELLED,
	                                             es_date_from_ymd(2025, 1, 17), &changed, &err), ES_OK);
	ck_assert(!changed);
	ck_assert_int_eq(es_store_payment_set_status(ps, p.payment_id, "gone", ES_DATE_NONE, &changed, &err),
	                 ES_EDATA);
	/* Supplies. */
	ck_assert_int_eq(es_store_payment_supply_seen(ps, "F24", "F205-20250110-01", "ab", &seen, &same, &err), ES_OK);
	ck_assert(!seen);
	ck_assert_int_eq(es_store_payment_supply_record(ps, "F24", "F205-20250110-01", "ab", 23, &err), ES_OK);
	ck_assert_int_eq(es_store_payment_supply_seen(ps, "F24", "F205-20250110-01", "ab", &seen, &same, &err), ES_OK);
	ck_assert(seen && same);
	ck_assert_int_eq(es_store_payment_supply_seen(ps, "F24", "F205-20250110-01", "cd", &seen, &same, &err), ES_OK);
	ck_assert(seen && !same);
	/* Missing identity is refused. */
	q = p;
	q.payment_id = "";
	ck_assert_int_eq(es_store_payment_insert(ps, &q, &oc, &err), ES_EDATA);
	es_store_payment_close(ps);
	ck_assert_int_eq(es_ledger_run_commit(l, 1, 1, 0, &err), ES_OK);
	es_ledger_close(l);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* The CREATE statement of index `name`, or "" when it does not exist. */
static void
index_sql(es_ledger *l, const char *name, char *out, size_t n)
{
	sqlite3_stmt *st;

	out[0] = '\0';
	ck_assert_int_eq(sqlite3_prepare_v2(es_ledger_db(l), "SELECT sql FROM sqlite_master WHERE name = ?1", -1,
	                                    &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* Bulk loading: the index on tax_code dropped for a batch at least half
 * the table, created again (same definition) at the end, and back after a
 * rolled-back run. */
START_TEST(payments_bulk)
{
	char dir[] = "/tmp/t_f24.XXXXXX", path[64], sql[256], found_ids[256] = "";
	char *argv[] = {(char *)"t_f24", NULL};
	static const char *const ids[] = {
		"F24-F205-2025010801-20250107-2025011001-000004-01",
		"F24-F205-2025010801-20250107-2025011001-000005-01",
		"F24-F205-2025010801-20250107-2025011001-000006-01",
		"F24-F205-2025010801-20250107-2025011001-000007-01",
	};
	es_ledger *l;
	es_payment_store *ps;
	es_payment p, key;
	es_payment_outcome oc;
	bool dropped;
	es_err err;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/l.db", dir);
	l = es_ledger_open(path, ES_LEDGER_CREATE, &err);
	ck_assert_msg(l != NULL, "%s", err.msg);
	/* Run 1: 4 payments into an empty table: 4 >= 0 / 2, dropped. */
	ck_assert_int_eq(es_ledger_run_begin(l, "t_f24", 1, argv, &err), ES_OK);
	ps = es_store_payment_open(l, &err);
	ck_assert_msg(ps != NULL, "%s", err.msg);
	ck_assert_int_eq(es_store_payment_bulk_begin(ps, 4, &dropped, &err), ES_OK);
	ck_assert(dropped);
	index_sql(l, "payments_tax_code", sql, sizeof sql);
	ck_assert_str_eq(sql, "");
	index_sql(l, "payments_iuv", sql, sizeof sql);     /* kept */
	ck_assert_str_eq(sql, "CREATE INDEX payments_iuv ON payments(iuv)");
	memset(&p, 0, sizeof p);
	p.source = "F24";
	p.source_ref = "basic.txt";
	p.tax_code = "MRNLCU60E10F205P";
	p.tax = "IMU";
	p.year = 2024;
	p.tributo = "3918";
	p.paid_on = es_date_from_ymd(2024, 12, 16);
	p.amount = 25000;
	for (i = 0; i < ES_ARRAY_LEN(ids); i++) {
		p.payment_id = ids[i];
		ck_assert_int_eq(es_store_payment_insert(ps, &p, &oc, &err), ES_OK);
		ck_assert_int_eq(oc, ES_PAYMENT_INSERTED);
	}
	/* The first one again, in the middle of the batch: found. */
	p.payment_id = ids[0];
	ck_assert_int_eq(es_store_payment_insert(ps, &p, &oc, &err), ES_OK);
	ck_assert_int_eq(oc, ES_PAYMENT_EXISTS);
	/* A new one after it (looked up first, then inserted). */
	p.payment_id = "F24-F205-2025010801-20250107-2025011001-000008-01";
	ck_assert_int_eq(es_store_payment_insert(ps, &p, &oc, &err), ES_OK);
	ck_assert_int_eq(oc, ES_PAYMENT_INSERTED);
	ck_assert_int_eq(es_store_payment_bulk_end(ps, &err), ES_OK);
	index_sql(l, "payments_tax_code", sql, sizeof sql);
	ck_assert_str_eq(sql, "CREATE INDEX payments_tax_code ON payments(tax_code, tax, year)");
	index_sql(l, "payments_iuv", sql, sizeof sql);
	ck_assert_str_eq(sql, "CREATE INDEX payments_iuv ON payments(iuv)");
	ck_assert_int_eq(es_store_payment_bulk_end(ps, &err), ES_OK);     /* nothing to do */
	memset(&key, 0, sizeof key);
	key.tax_code = "MRNLCU60E10F205P";
	key.paid_on = ES_DATE_NONE;
	key.payment_id = "F24-F205-2025010801-20250107-2025011001-000006";
	ck_assert_int_eq(es_store_payment_find(ps, &key, false, collect, found_ids, &err), ES_OK);
	ck_assert_str_eq(found_ids, "F24-F205-2025010801-20250107-2025011001-000006-01=valid");
	es_store_payment_close(ps);
	ck_assert_int_eq(es_ledger_run_commit(l, 5, 5, 0, &err), ES_OK);

	/* Run 2: 5 rows there; 1 new is less than 5 / 2 = 2 (in integers):
	 * kept; 2 new: dropped, then the run rolled back: the indexes are
	 * there again. */
	ck_assert_int_eq(es_ledger_run_begin(l, "t_f24", 1, argv, &err), ES_OK);
	ps = es_store_payment_open(l, &err);
	ck_assert_msg(ps != NULL, "%s", err.msg);
	ck_assert_int_eq(es_store_payment_bulk_begin(ps, 0, &dropped, &err), ES_OK);
	ck_assert(!dropped);
	ck_assert_int_eq(es_store_payment_bulk_begin(ps, 1, &dropped, &err), ES_OK);
	ck_assert(!dropped);
	index_sql(l, "payments_tax_code", sql, sizeof sql);
	ck_assert_str_ne(sql, "");
	ck_assert_int_eq(es_store_payment_bulk_begin(ps, 2, &dropped, &err), ES_OK);
	ck_assert(dropped);
	index_sql(l, "payments_tax_code", sql, sizeof sql);
	ck_assert_str_eq(sql, "");
	es_store_payment_close(ps);
	es_ledger_run_abort(l, "test");
	index_sql(l, "payments_tax_code", sql, sizeof sql);
	ck_assert_str_eq(sql, "CREATE INDEX payments_tax_code ON payments(tax_code, tax, year)");
	index_sql(l, "payments_iuv", sql, sizeof sql);
	ck_assert_str_eq(sql, "CREATE INDEX payments_iuv ON payments(iuv)");
	es_ledger_close(l);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *
make_suite_f24(void)
{
	Suite *s = suite_create("f24");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, g1_fields);
	tcase_add_test(tc, g1_flags_decode);
	tcase_add_test(tc, g1_name_layouts);
	tcase_add_test(tc, latin1_text);
	tcase_add_test(tc, bad_fields);
	tcase_add_test(tc, lengths_and_types);
	tcase_add_test(tc, accounting_records);
	suite_add_tcase(s, tc);
	tc = tcase_create("reconcile");
	tcase_add_test(tc, codes_table);
	tcase_add_test(tc, reconcile_basic);
	tcase_add_test(tc, reconcile_redelivered);
	suite_add_tcase(s, tc);
	tc = tcase_create("payments");
	tcase_add_test(tc, payments_store);
	tcase_add_test(tc, payments_bulk);
	suite_add_tcase(s, tc);
	return s;
}
