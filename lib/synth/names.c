/* names.c: the small synthetic lists (names, streets, places) and the
 * codice fiscale construction.  The lists are common Italian words and
 * names; their combinations are random and belong to no real person. */
#include "es_setup.h"

#include <stdio.h>
#include <string.h>

#include "types/taxid.h"
#include "synth/synth.h"
#include "synth/synth_private.h"

const char *const es_synth_surnames[] = {
	"ROSSI", "RUSSO", "FERRARI", "ESPOSITO", "BIANCHI", "ROMANO", "COLOMBO", "RICCI", "MARINO",
	"GRECO", "BRUNO", "GALLO", "CONTI", "DE LUCA", "MANCINI", "COSTA", "GIORDANO", "RIZZO",
	"LOMBARDI", "MORETTI", "BARBIERI", "FONTANA", "SANTORO", "MARIANI", "RINALDI", "CARUSO",
	"FERRARA", "GALLI", "MARTINI", "LEONE", "LONGO", "GENTILE", "MARTINELLI", "VITALE",
	"LOMBARDO", "SERRA", "COPPOLA", "DE SANTIS", "D'ANGELO", "MARCHETTI", "PARISI", "VILLA",
	"CONTE", "FERRO", "FABBRI", "BIANCO", "MARINI", "GRASSO", "VALENTINI", "MESSINA", "SALA",
	"DE ANGELIS", "GATTI", "PELLEGRINI", "PALUMBO", "SANNA", "FARINA", "RIZZI", "MONTI", "CATTANEO",
	"MORELLI", "AMATO", "SILVESTRI", "MAZZA", "TESTA", "GRASSI", "PELLEGRINO", "CARBONE", "GIULIANI",
	"BENEDETTI", "BARONE", "ROSSETTI", "CAPUTO", "MONTANARI", "GUERRA", "PALMIERI", "BERNARDI",
	"MARTINO", "FIORE", "DE ROSA", "FERRETTI", "BELLINI", "BASILE", "RIVA", "DONATI", "PIRAS",
	"VITALI", "BATTAGLIA", "SARTORI", "NERI", "COSTANTINI", "MILANI", "PAGANO", "RUGGIERO", "SORRENTINO",
	"D'AMICO", "ORLANDO", "DAMICO", "NEGRI", "ZANETTI",
};
const size_t es_synth_nsurnames = ES_ARRAY_LEN(es_synth_surnames);

const char *const es_synth_male_names[] = {
	"GIUSEPPE", "GIOVANNI", "ANTONIO", "MARIO", "LUIGI", "FRANCESCO", "ANGELO", "VINCENZO", "PIETRO",
	"SALVATORE", "CARLO", "FRANCO", "DOMENICO", "BRUNO", "PAOLO", "MICHELE", "GIORGIO", "ALDO",
	"SERGIO", "LUCIANO", "MARCO", "ANDREA", "LUCA", "ALESSANDRO", "MATTEO", "LORENZO", "DAVIDE",
	"SIMONE", "FEDERICO", "RICCARDO", "STEFANO", "ROBERTO", "GIANLUCA", "MASSIMO", "FABIO",
	"ALBERTO", "ENRICO", "EMANUELE", "NICOLA", "TOMMASO",
};
const size_t es_synth_nmale = ES_ARRAY_LEN(es_synth_male_names);

const char *const es_synth_female_names[] = {
	"MARIA", "ANNA", "GIUSEPPINA", "ROSA", "ANGELA", "GIOVANNA", "TERESA", "LUCIA", "CARMELA",
	"CATERINA", "FRANCESCA", "ANNAMARIA", "ANTONIETTA", "CARLA", "ELENA", "CONCETTA", "RITA",
	"MARGHERITA", "FRANCA", "PAOLA", "GIULIA", "CHIARA", "SARA", "MARTINA", "FEDERICA", "SILVIA",
	"VALENTINA", "ALESSIA", "ELISA", "LAURA", "MONICA", "BARBARA", "CRISTINA", "DANIELA",
	"SIMONA", "ROBERTA", "SOFIA", "AURORA", "GIORGIA", "ALICE",
};
const size_t es_synth_nfemale = ES_ARRAY_LEN(es_synth_female_names);

const es_synth_street es_synth_streets[] = {
	{ 236, "DEI TIGLI" }, { 236, "ROMA" }, { 236, "GARIBALDI" }, { 236, "MAZZINI" },
	{ 236, "DELLE ROSE" }, { 236, "DEI MILLE" }, { 236, "VERDI" }, { 236, "DANTE ALIGHIERI" },
	{ 236, "DEL MULINO" }, { 236, "DELLA STAZIONE" }, { 236, "DEI CASTAGNI" }, { 236, "DELLE VIGNE" },
	{ 236, "SAN ROCCO" }, { 236, "DEL LAVORO" }, { 236, "DELL'ARTIGIANATO" }, { 236, "DEI PLATANI" },
	{ 236, "MARCONI" }, { 236, "CAVOUR" }, { 236, "MATTEOTTI" }, { 236, "XX SETTEMBRE" },
	{ 130, "DELLA LIBERTA'" }, { 130, "DEL MUNICIPIO" }, { 130, "SAN GIORGIO" }, { 130, "DEL MERCATO" },
	{ 240, "DELLA REPUBBLICA" }, { 240, "EUROPA" }, { 240, "DEI PINI" }, { 240, "DELLO SPORT" },
	{ 58, "VITTORIO EMANUELE" }, { 58, "ITALIA" }, { 58, "GARIBALDI" },
	{ 90, "CASCINA NUOVA" }, { 90, "PRATO GRANDE" }, { 90, "CA' BIANCA" },
	{ 77, "BORGO ALTO" }, { 77, "SAN MARTINO" },
};
const size_t es_synth_nstreets = ES_ARRAY_LEN(es_synth_streets);

const char *es_synth_toponym(int code)
{
	switch (code) {
	case 236: return "VIA";
	case 130: return "PIAZZA";
	case 240: return "VIALE";
	case 58: return "CORSO";
	case 90: return "LOCALITA'";
	case 77: return "FRAZIONE";
	default: return "VIA";
	}
}

/* Birth places: the ente itself (index 0, filled at run time) and a few
 * real Belfiore codes of large cities (public codes, no personal data). */
const es_synth_place es_synth_places[] = {
	{ "", "", "" },
	{ "F205", "MILANO", "MI" }, { "H501", "ROMA", "RM" }, { "F839", "NAPOLI", "NA" },
	{ "L219", "TORINO", "TO" }, { "G273", "PALERMO", "PA" }, { "D969", "GENOVA", "GE" },
	{ "A944", "BOLOGNA", "BO" }, { "D612", "FIRENZE", "FI" }, { "A662", "BARI", "BA" },
	{ "L736", "VENEZIA", "VE" }, { "L781", "VERONA", "VR" }, { "B157", "BRESCIA", "BS" },
};
const size_t es_synth_nplaces = ES_ARRAY_LEN(es_synth_places);

const es_synth_company_word es_synth_company_words[] = {
	{ "EDILIZIA" }, { "TRASPORTI" }, { "IMMOBILIARE" }, { "COSTRUZIONI" }, { "ALIMENTARI" },
	{ "METALMECCANICA" }, { "SERVIZI" }, { "LOGISTICA" }, { "ELETTRONICA" }, { "TESSILE" },
	{ "AGRICOLA" }, { "COMMERCIALE" }, { "IMPIANTI" }, { "MOBILI" }, { "PLASTICHE" },
};
const size_t es_synth_ncompany_words = ES_ARRAY_LEN(es_synth_company_words);

static bool
is_vowel(char c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static bool
is_letter(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Surname code: consonants, then vowels, then X; name code: the same, but
 * with four or more consonants the 1st, 3rd and 4th. */
static void
name_code(const char *s, bool is_name, char out[3])
{
	char cons[64], vow[64];
	size_t nc = 0, nv = 0, k = 0, i;

	for (; *s; s++) {
		if (!is_letter(*s))
			continue;
		if (is_vowel(*s)) {
			if (nv < sizeof vow)
				vow[nv++] = *s;
		} else if (nc < sizeof cons) {
			cons[nc++] = *s;
		}
	}
	if (is_name && nc >= 4) {
		out[0] = cons[0];
		out[1] = cons[2];
		out[2] = cons[3];
		return;
	}
	for (i = 0; i < nc && k < 3; i++)
		out[k++] = cons[i];
	for (i = 0; i < nv && k < 3; i++)
		out[k++] = vow[i];
	while (k < 3)
		out[k++] = 'X';
}

void
es_synth_cf_person(const char *surname, const char *name, int y, int m, int d, char sex,
                   const char *place, char out[17])
{
	static const char months[] = "ABCDEHLMPRST";
	char c[3];
	int dd = sex == 'F' ? d + 40 : d;

	name_code(surname, false, c);
	memcpy(out, c, 3);
	name_code(name, true, c);
	memcpy(out + 3, c, 3);
	out[6] = (char)('0' + (y / 10) % 10);
	out[7] = (char)('0' + y % 10);
	out[8] = months[(m - 1) % 12];
	out[9] = (char)('0' + dd / 10);
	out[10] = (char)('0' + dd % 10);
	memcpy(out + 11, place, 4);
	out[15] = '\0';
	out[15] = es_cf_check_char(out);
	out[16] = '\0';
}

void
es_synth_cf_company(uint64_t stem, char out[12])
{
	int check;

	snprintf(out, 12, "%010llu", (unsigned long long)(stem % UINT64_C(10000000000)));
	check = es_piva_check_digit(out);
	out[10] = (char)('0' + (check < 0 ? 0 : check));
	out[11] = '\0';
}

/* Italian IBAN: "IT" + 2 check digits (ISO 13616 mod 97) + CIN + ABI(5) +
 * CAB(5) + account(12).  The CIN is a check letter over ABI, CAB and
 * account, computed with the odd/even tables of the codice fiscale. */
void
es_synth_iban(const char *abi, const char *cab, uint64_t account, char out[28])
{
	static const int odd[] = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21 };
	char bban[24];
	int i, sum = 0, r = 0;
	char cin;
	const char *p;

	snprintf(bban, sizeof bban, "%.5s%.5s%012llu", abi, cab, (unsigned long long)(account % 1000000000000ULL));
	for (i = 0; i < 22; i++) {
		int v = bban[i] - '0';
		sum += i % 2 == 0 ? odd[v] : v;
	}
	cin = (char)('A' + sum % 26);
	/* mod 97 over CIN + BBAN + "IT00", letters as 10..35 */
	for (i = -1; i < 22; i++) {
		int c = i < 0 ? cin : bban[i];
		if (c >= 'A' && c <= 'Z') {
			r = (r * 100 + (c - 'A' + 10)) % 97;
		} else {
			r = (r * 10 + (c - '0')) % 97;
		}
	}
	for (p = "IT00"; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			r = (r * 100 + (*p - 'A' + 10)) % 97;
		else
			r = (r * 10 + (*p - '0')) % 97;
	}
	{
		char full[48];
		snprintf(full, sizeof full, "IT%02d%c%s", 98 - r, cin, bban);
		memcpy(out, full, 27);
		out[27] = '\0';
	}
}
