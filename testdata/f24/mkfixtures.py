#!/usr/bin/env python3
"""mkfixtures.py: write the hand-written F24 supply fixtures of testdata/f24/.

Each record is given as its fields at the positions of
shared/domain/f24-supply.md section 3 (1-based, inclusive); this script only
pads them to 300 characters, so that the fixtures can be read and changed
field by field.  The expected values in tests/cli/f24-reconcile.golden/ and
tests/unit/t_f24.c are computed by hand from the amounts written here.

Run from the top of the tree:  python3 testdata/f24/mkfixtures.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def rec(fields):
    """fields: list of (pos, text); text is placed at pos (1-based)."""
    line = [' '] * 300
    for pos, text in fields:
        b = text.encode('latin-1')
        for i, c in enumerate(b):
            line[pos - 1 + i] = chr(c)
    s = ''.join(line)
    assert len(s) == 300
    return s.encode('latin-1')


def num(v, n):
    s = str(v).rjust(n, '0')
    assert len(s) == n, (v, n)
    return s


def a1(forn, prog):
    return rec([(1, 'A1'), (3, forn), (11, prog)])


def z1(forn, prog, belfiore, counts, total, file_id='F24_' + 'TEST'):
    f = [(1, 'Z1'), (3, forn), (11, prog), (39, '01'), (41, 'EUR'), (44, belfiore),
         (48, '001'), (56, file_id)]
    for i, c in enumerate(counts):
        f.append((80 + 7 * i, num(c, 7)))
    f.append((122, num(total, 7)))
    return rec(f)


def g1(forn, prog, rip, prip, bon, delega, riga, cf, risc, belfiore, tributo, anno,
       debito, credito=0, ravv='0', acconto='0', saldo='1', immobili=1, rate='0101',
       tipo='I', surname='ROSSI', name='MARIO', cf_error='0', tributo_error='0',
       anno_error='0', opid='', cf_orig='', ente='03069', tipo_ente='B', cab='01600',
       sex='M', birth='19800101', place='MILANO', prov='MI'):
    f = [(1, 'G1'), (3, forn), (11, prog), (13, rip), (21, prip), (23, bon),
         (31, num(delega, 6)), (37, num(riga, 2)), (39, ente), (44, tipo_ente), (45, cab),
         (50, cf), (66, cf_error), (67, risc), (75, belfiore), (79, tributo),
         (83, tributo_error), (84, rate), (88, num(anno, 4)), (92, anno_error), (93, 'EUR'),
         (96, num(debito, 15)), (111, num(credito, 15)), (126, ravv), (127, '0'),
         (128, acconto), (129, saldo), (130, num(immobili, 3)), (133, '0'),
         (134, num(0, 15)), (149, surname), (204, name), (224, sex), (225, birth),
         (233, place), (258, prov), (260, tipo), (279, opid)]
    if cf_orig:
        f.append((188, cf_orig))
    return rec(f)


def g2(forn, prog, rip, prip, bon, benef, importo, tipo, stato='A'):
    return rec([(1, 'G2'), (3, forn), (11, prog), (13, rip), (21, prip), (23, bon),
                (31, num(0, 7)), (38, stato), (39, benef), (43, 'EUR'), (46, num(importo, 15)),
                (61, tipo), (62, forn), (70, '01')])


def g3(forn, prog, rip, prip, bon, belfiore, importo, periodo, prip_orig, bon_orig, tipo,
       tipo_rec, descr):
    return rec([(1, 'G3'), (3, forn), (11, prog), (13, rip), (21, prip), (23, bon),
                (31, num(0, 8)), (39, belfiore), (43, 'EUR'), (46, num(importo, 15)),
                (61, periodo), (67, num(prip_orig, 4)), (71, bon_orig), (79, tipo),
                (80, tipo_rec), (83, descr)])


def g4(forn, prog, rip, prip, bon, belfiore, importo, tipo):
    return rec([(1, 'G4'), (3, forn), (11, prog), (13, rip), (21, prip), (23, bon),
                (31, num(0, 8)), (39, belfiore), (43, 'EUR'), (46, num(importo, 15)),
                (61, tipo)])


def g5(forn, prog, stato, belfiore, importo, cro, accr, rip, prip, bon, tipo):
    return rec([(1, 'G5'), (3, forn), (11, prog), (38, stato), (39, belfiore), (43, 'EUR'),
                (46, num(importo, 15)), (61, cro), (72, accr), (80, rip), (88, prip),
                (90, bon), (98, tipo), (99, 'IT60X0542811101000000123456'), (133, '300'),
                (136, '060123'), (142, '00000000012345'), (156, 'ACCREDITO F24 IMU')])


def g9(forn, prog, rip, prip, bon, cf, risc, belfiore, tributo, anno, debito, credito,
       op, data_op, tipo, ente='03069'):
    return rec([(1, 'G9'), (3, forn), (11, prog), (39, rip), (47, prip), (49, bon),
                (57, ente), (62, '01600'), (67, cf), (83, risc), (91, belfiore),
                (95, tributo), (99, num(anno, 4)), (103, 'EUR'), (106, num(debito, 15)),
                (121, num(credito, 15)), (136, op), (137, data_op), (145, tipo)])


def write(name, records, eol=b'\r\n', last_eol=True):
    data = eol.join(records)
    if last_eol:
        data += eol
    with open(os.path.join(HERE, name), 'wb') as fp:
        fp.write(data)


F = '20250110'
P = '01'
R1, B1 = '20250108', '20250107'
R2, B2 = '20250109', '20250108'

basic = [
    a1(F, P),
    # ripartizione 2025-01-08/01, tipo I (IMU)
    g1(F, P, R1, '01', B1, 1, 1, 'RSSMRA80A01F205Z', '20241216', 'F205', '3912', 2024, 25000),
    g1(F, P, R1, '01', B1, 1, 2, 'RSSMRA80A01F205Z', '20241216', 'F205', '3918', 2024, 120050),
    g1(F, P, R1, '01', B1, 2, 1, '01234567890', '20241216', 'F205', '3925', 2024, 300000,
       surname='IMMOBILIARE ESEMPIO SRL', name='', sex=' ', birth='00000000', place='', prov=''),
    g1(F, P, R1, '01', B1, 2, 2, '01234567890', '20241216', 'F205', '3930', 2024, 100000,
       surname='IMMOBILIARE ESEMPIO SRL', name='', sex=' ', birth='00000000', place='', prov=''),
    # ravvedimento: tax of 2023 paid late, Ravv. ticked
    g1(F, P, R1, '01', B1, 3, 1, 'GLLPLA75D15F205K', '20241220', 'F205', '3918', 2023, 51234,
       ravv='1', saldo='0', surname='GALLI', name='PAOLA', sex='F', birth='19750415'),
    # credit offset: 400.00 due, 150.00 compensated
    g1(F, P, R1, '01', B1, 4, 1, 'MRNLCU60E10F205P', '20241216', 'F205', '3918', 2024, 40000,
       credito=15000, surname='MARINI', name='LUCA'),
    # paid to Casoria's code by mistake
    g1(F, P, R1, '01', B1, 5, 1, 'CSTNNA90H50F205R', '20241216', 'B990', '3912', 2024, 10000,
       surname='CASTELLI', name='ANNA', sex='F'),
    # to be cancelled by the G9 below; Latin-1 in the name and birth place
    g1(F, P, R1, '01', B1, 6, 1, 'VRDNCC70B02F205Y', '20241216', 'F205', '3916', 2024, 20000,
       surname='VERDI', name='NICCOL\u00d2', place='CANT\u00d9', prov='CO'),
    # ripartizione 2025-01-08/01, tipo A (TARI and TEFA)
    g1(F, P, R1, '01', B1, 7, 1, 'BNCGNN85C41F205W', '20241202', 'F205', '3944', 2024, 15000,
       rate='0102', acconto='0', saldo='0', tipo='A', surname='BIANCHI', name='GIOVANNA',
       sex='F', immobili=0, opid='TARI2024000123'),
    g1(F, P, R1, '01', B1, 7, 2, 'BNCGNN85C41F205W', '20241202', 'F205', 'TEFA', 2024, 750,
       rate='0102', acconto='0', saldo='0', tipo='A', surname='BIANCHI', name='GIOVANNA',
       sex='F', immobili=0, opid='TARI2024000123'),
    # ripartizione 2025-01-09/01, tipo I: compensation exceeds the debit
    g1(F, P, R2, '01', B2, 1, 1, 'FRRGPP55L20F205T', '20250103', 'F205', '3918', 2024, 0,
       credito=5000, surname='FERRARI', name='GIUSEPPE'),
    g1(F, P, R2, '01', B2, 1, 2, 'FRRGPP55L20F205T', '20250103', 'F205', '3912', 2024, 2000,
       surname='FERRARI', name='GIUSEPPE'),
    # ripartizione 2025-01-09/01, tipo A
    g1(F, P, R2, '01', B2, 2, 1, 'BNCGNN85C41F205W', '20250103', 'F205', '3944', 2024, 10000,
       rate='0202', acconto='0', saldo='0', tipo='A', surname='BIANCHI', name='GIOVANNA',
       sex='F', immobili=0),
    # accounting records
    g2(F, P, R1, '01', B1, 'F205', 351087, 'I'),
    g2(F, P, R1, '01', B1, 'IFEL', 197, 'I'),
    g2(F, P, R1, '01', B1, 'F205', 15000, 'A'),
    g2(F, P, R2, '01', B2, 'F205', 7500, 'A'),
    g3(F, P, R2, '01', '99999999', 'F205', 2500, '202412', 1, '00000000', 'A', '001',
       'RECUPERO SALDO NEGATIVO RIPARTIZIONE PRECEDENTE'),
    g4(F, P, R2, '01', B2, 'F205', 3000, 'I'),
    g5(F, P, 'A', 'F205', 351087, '12345678901', '20250109', R1, '01', B1, 'I'),
    g9(F, P, R1, '01', B1, 'VRDNCC70B02F205Y', '20241216', 'F205', '3916', 2024, 20000, 0,
       'A', '20250109', 'I'),
    z1(F, P, 'F205', [13, 4, 1, 1, 1, 1], 23),
]

write('basic.txt', basic)

# The same supply with LF line ends, gzip-compressed by the test itself.
write('basic-lf.txt', basic, eol=b'\n')

# Z1 counts that disagree: says 3 G1 and total 9, the flow has 2 G1 and
# 4 records (6 with A1 and Z1).
z = [
    a1('20250210', '01'),
    g1('20250210', '01', '20250207', '01', '20250206', 1, 1, 'RSSMRA80A01F205Z', '20250205',
       'F205', '3912', 2025, 10000),
    g1('20250210', '01', '20250207', '01', '20250206', 1, 2, 'RSSMRA80A01F205Z', '20250205',
       'F205', '3918', 2025, 20000),
    # IFEL 2025: (10000 + 20000) x 0.56 / 1000 = 16.8 -> 17 cents; 30000 - 17 = 29983
    g2('20250210', '01', '20250207', '01', '20250206', 'F205', 29983, 'I'),
    g2('20250210', '01', '20250207', '01', '20250206', 'IFEL', 17, 'I'),
    z1('20250210', '01', 'F205', [3, 2, 0, 0, 0, 0], 9),
]
write('z1-mismatch.txt', z)

# A truncated last line: the second G1 stops after the amounts (pos 125),
# with no line end, and the Z1 is missing.
t = [
    a1('20250310', '01'),
    g1('20250310', '01', '20250307', '01', '20250306', 1, 1, 'RSSMRA80A01F205Z', '20250305',
       'F205', '3912', 2025, 10000),
    g1('20250310', '01', '20250307', '01', '20250306', 2, 1, 'GLLPLA75D15F205K', '20250305',
       'F205', '3912', 2025, 5000)[:125],
]
write('truncated.txt', t, last_eol=False)

# TR4 name layout (39-character name + original CF at 188-203), LF line
# ends, a G9 annullamento followed by a ripristino of the same row (so it
# stays valid), and a G9 for a row not in the file.
L = '20250410'
tr4 = [
    a1(L, '02'),
    g1(L, '02', '20250408', '02', '20250407', 10, 1, 'RSSGNN40A01F205X', '20250402', 'F205',
       '3918', 2024, 33300, surname='EREDI DI ROSSI GIOVANNI', name='',
       cf_orig='RSSGNN10A01F205B', sex=' '),
    g1(L, '02', '20250408', '02', '20250407', 11, 1, 'BNCGNN85C41F205W', '20250402', 'F205',
       'TEFN', 2023, 120, tipo='A', surname='BIANCHI', name='GIOVANNA', sex='F',
       ravv='1', saldo='0'),
    g2(L, '02', '20250408', '02', '20250407', 'F205', 33281, 'I'),
    g2(L, '02', '20250408', '02', '20250407', 'IFEL', 19, 'I'),
    g9(L, '02', '20250408', '02', '20250407', 'RSSGNN40A01F205X', '20250402', 'F205', '3918',
       2024, 33300, 0, 'A', '20250409', 'I'),
    g9(L, '02', '20250408', '02', '20250407', 'RSSGNN40A01F205X', '20250402', 'F205', '3918',
       2024, 33300, 0, 'R', '20250410', 'I'),
    g9(L, '02', '20241108', '01', '20241107', 'VRDNCC70B02F205Y', '20241105', 'F205', '3916',
       2024, 8000, 0, 'A', '20250409', 'I'),
    z1(L, '02', 'F205', [2, 2, 0, 0, 0, 3], 7),
]
write('tr4-lf.txt', tr4, eol=b'\n')

# A later supply that only cancels a payment of basic.txt (the ravvedimento
# row, delega 3 riga 1 of ripartizione 2025-01-08/01).
C = '20250120'
later = [
    a1(C, '01'),
    g9(C, '01', R1, '01', B1, 'GLLPLA75D15F205K', '20241220', 'F205', '3918', 2023, 51234, 0,
       'A', '20250117', 'I'),
    z1(C, '01', 'F205', [0, 0, 0, 0, 0, 1], 3),
]
write('g9-later.txt', later)
