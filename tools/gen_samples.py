#!/usr/bin/env python3
"""Write the sample data of the five region policies (Policies/samples/), deterministically.

    python3 tools/gen_samples.py [OUT_DIR]        # default: Policies/samples next to this script's repo

Python 3 standard library only; a fixed seed per region, so the files are byte-identical on every run.

Each region gets 50-80 records shaped like its policy's `record { ... }`:
  * most records are drawn from a latent work quality (hasil) and behaviour quality (perilaku), so the
    whole predikat matrix (Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang) is populated;
  * a few hand-made records are placed at fixed positions: one where no indicator applies
    (insufficient data), and one or two with a deliberate data error, in the middle of the file,
    for the engine to report as a record error without stopping the batch.
Absent optional fields are omitted (a few are written as null). Extra keys (periode) are ignored by
the policies. pontianak.csv holds the same records as pontianak.jsonl as a spreadsheet export:
';' delimiter, CRLF line ends, list items separated by '|', booleans ya/tidak, empty cell = absent.
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(os.path.dirname(HERE), "Policies", "samples")


# ------------------------------------------------------------------ helpers

def clamp(x, lo, hi):
    return min(hi, max(lo, x))


def step(x, s=0.25):
    """round to a multiple of s (quarter minutes / quarter hours); always > 0."""
    return max(s, round(round(x / s) * s, 2))


def score(rng, quality, spread=0.45):
    """an integer 1..5 score around 1 + 4 * quality."""
    return int(clamp(round(1 + 4 * quality + rng.gauss(0, spread)), 1, 5))


def score1(rng, quality, spread=0.35):
    """a score 1.0..5.0 with one decimal (an average of a survey or a forum)."""
    return round(clamp(1 + 4 * quality + rng.gauss(0, spread), 1.0, 5.0), 1)


class NipMaker:
    """18-digit NIP: birth date (8) + appointment year-month (6) + gender (1) + serial (3)."""

    def __init__(self, rng):
        self.rng = rng
        self.seen = set()

    def __call__(self):
        rng = self.rng
        while True:
            y = rng.randint(1968, 1998)
            born = f"{y:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            ay = min(2024, y + rng.randint(22, 30))
            nip = f"{born}{ay:04d}{rng.randint(1, 12):02d}{rng.choice('12')}{rng.randint(1, 9):03d}"
            if nip not in self.seen:
                self.seen.add(nip)
                return nip


# Profiles: (work quality, behaviour quality) centres. The mix is realistic (most staff meet
# expectations) but every cell of the predikat matrix occurs.
PROFILES = (
    [("tinggi", "tinggi")] * 7 + [("sedang", "tinggi")] * 5 + [("tinggi", "sedang")] * 6
    + [("sedang", "sedang")] * 18 + [("rendah", "sedang")] * 6 + [("rendah", "tinggi")] * 2
    + [("sedang", "rendah")] * 3 + [("tinggi", "rendah")] * 1 + [("rendah", "rendah")] * 3
)
WORK = {"tinggi": 0.92, "sedang": 0.68, "rendah": 0.22}     # latent 0..1
BEHAVIOUR = {"tinggi": 0.93, "sedang": 0.68, "rendah": 0.25}


def latent(rng, profile):
    w, b = profile
    return clamp(rng.gauss(WORK[w], 0.08), 0, 1), clamp(rng.gauss(BEHAVIOUR[b], 0.06), 0, 1)


def ratio(rng, q, lo=0.55, hi=1.30, sd=0.05):
    """an achievement ratio (realisation / target) for work quality q."""
    return clamp(lo + (hi - lo) * q + rng.gauss(0, sd), 0.2, 1.45)


def profiles_for(rng, n):
    ps = list(PROFILES)
    while len(ps) < n:
        ps.append(rng.choice(PROFILES))
    ps = ps[:n]
    rng.shuffle(ps)
    return ps


# ------------------------------------------------------------------ Pauh (quarterly)

def pauh(rng, nip, profile):
    q, b = latent(rng, profile)
    unit = rng.choices(["kelurahan", "kantor_camat", "puskesmas"], [45, 30, 25])[0]
    r = {"nip": nip, "unit": unit, "periode": "2026-Q1"}
    target = rng.randint(8, 30)
    real = int(round(target * ratio(rng, q)))
    r["target_keluaran"] = target
    r["realisasi_keluaran"] = real
    if rng.random() < 0.85:
        r["keluaran_diterima"] = int(round(real * clamp(0.72 + 0.28 * q + rng.gauss(0, 0.05), 0, 1)))
    if unit != "puskesmas":
        n = rng.choice([0, 1, 2, 3, 4, 5, 6])
        if n or rng.random() < 0.5:
            mu = 6 + (1 - q) * 20
            r["lama_tindak_lanjut"] = [max(1, int(round(mu * rng.lognormvariate(0, 0.35)))) for _ in range(n)]
    if rng.random() < 0.9:
        reps = rng.randint(6, 15)
        online = sum(1 for _ in range(reps) if rng.random() < 0.45 + 0.55 * q)
        r["laporan_daring"] = round(100 * online / reps, 1)
    r["atasan"] = score(rng, b)
    r["rekan"] = [score(rng, b, 0.6) for _ in range(rng.choice([0, 2, 3, 3, 4, 5]))]
    if unit != "puskesmas" and rng.random() < 0.8:
        r["forum_warga"] = [score1(rng, b, 0.5) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.6:
        r["asesmen_tik"] = score(rng, 0.4 + 0.5 * q, 0.7)
    return r


def pauh_special(i, nip):
    if i == 12:   # no indicator applies: no target this quarter, puskesmas (no forum), no report data
        return {"nip": nip, "unit": "puskesmas", "periode": "2026-Q1", "target_keluaran": 0,
                "realisasi_keluaran": 0, "atasan": 4, "rekan": [4, 3, 4], "asesmen_tik": 2}
    if i == 31:   # DATA ERROR: supervisor score 7 on a 1..5 scale
        return {"nip": nip, "unit": "kelurahan", "periode": "2026-Q1", "target_keluaran": 12,
                "realisasi_keluaran": 11, "keluaran_diterima": 10, "lama_tindak_lanjut": [9, 12],
                "laporan_daring": 91.7, "atasan": 7, "rekan": [4, 4], "forum_warga": [3.9]}
    return None


# ------------------------------------------------------------------ Pontianak (annual)

JABATAN = {
    "dinkes": ["Pengelola Program Imunisasi", "Bidan Ahli Muda", "Perawat Terampil",
               "Epidemiolog Kesehatan Ahli Pertama", "Administrator Kesehatan Ahli Muda"],
    "disdik": ["Pengawas Sekolah Ahli Madya", "Analis Kebijakan Ahli Pertama", "Pengawas Sekolah Ahli Muda",
               "Pengembang Teknologi Pembelajaran", "Penilik Ahli Muda"],
}


def pontianak(rng, nip, profile):
    q, b = latent(rng, profile)
    unit = rng.choice(["dinkes", "disdik"])
    r = {"nip": nip, "unit": unit, "periode": "2026"}
    if rng.random() < 0.8:
        r["jabatan"] = rng.choice(JABATAN[unit])
    if rng.random() < 0.95:
        c = ratio(rng, q, 0.6, 1.2)
        r["capaian_rhk"] = [round(clamp(100 * c + rng.gauss(0, 7), 40, 130), 1)
                            for _ in range(rng.randint(2, 5))]
    if unit == "dinkes":
        tgt = 95.0
        if rng.random() < 0.5:
            tgt = rng.choice([90.0, 92.5, 95.0])
            r["target_idl"] = tgt
        if rng.random() < 0.92:
            r["cakupan_idl"] = round(clamp(tgt * ratio(rng, q, 0.65, 1.15, 0.04), 40, 110), 1)
    else:
        if rng.random() < 0.95:
            t = rng.randint(4, 12)
            r["target_evaluasi"] = t
            if rng.random() < 0.95:
                r["program_dievaluasi"] = int(round(t * ratio(rng, q, 0.5, 1.2)))
        if rng.random() < 0.9:
            r["rekomendasi_ditindaklanjuti"] = round(clamp(80 * ratio(rng, q, 0.6, 1.2), 20, 100), 1)
    r["atasan"] = score(rng, b)
    if rng.random() < 0.92:
        r["rekan"] = [score(rng, b, 0.6) for _ in range(rng.randint(1, 6))]
    r["jumlah_dialog"] = rng.choice([1, 2, 3, 4, 4, 4, 5, 6])
    if rng.random() < 0.6:
        r["sudah_pelatihan"] = rng.random() < 0.4
    return r


def pontianak_special(i, nip):
    if i == 9:    # no indicator applies: no RHK verified yet, no coverage data
        return {"nip": nip, "unit": "dinkes", "periode": "2026", "jabatan": "Perawat Terampil",
                "atasan": 4, "rekan": [4, 4, 5], "jumlah_dialog": 2}
    if i == 29:   # DATA ERROR: required field atasan missing (empty cell in the spreadsheet)
        return {"nip": nip, "unit": "disdik", "periode": "2026", "jabatan": "Pengawas Sekolah Ahli Muda",
                "capaian_rhk": [95.0, 88.5, 101.0], "target_evaluasi": 8, "program_dievaluasi": 7,
                "rekomendasi_ditindaklanjuti": 72.5, "rekan": [4, 3], "jumlah_dialog": 4}
    return None


# ------------------------------------------------------------------ Plaju (quarterly)

def plaju(rng, nip, profile):
    q, b = latent(rng, profile)
    unit = rng.choices(["dinkes", "puskesmas", "disdukcapil", "kecamatan"], [25, 30, 25, 20])[0]
    r = {"nip": nip, "unit": unit, "periode": "2026-Q1"}
    if unit == "dinkes":
        mu = 3.0 + (1 - q) * 9.0
        r["er_minutes"] = [step(mu * rng.lognormvariate(0, 0.4)) for _ in range(rng.randint(3, 20))]
    if unit == "puskesmas":
        mu = 1.6 + (1 - q) * 5.0
        r["igd_minutes"] = [step(mu * rng.lognormvariate(0, 0.35)) for _ in range(rng.randint(5, 24))]
    if unit == "disdukcapil":
        mu = 0.25 + (1 - q) * 0.7
        r["ktp_hours"] = [step(mu * rng.lognormvariate(0, 0.35)) for _ in range(rng.randint(6, 30))]
    if unit in ("dinkes", "puskesmas") and rng.random() < 0.9:
        r["imm_coverage_pct"] = round(clamp(62 + 48 * q + rng.gauss(0, 4), 50, 115), 1)
    if rng.random() < 0.9:
        r["laporan_tepat"] = int(clamp(round(3 * q + 0.6 + rng.gauss(0, 0.5)), 0, 3))
    r["supervisor"] = score(rng, b)
    r["peers"] = [score(rng, b, 0.6) for _ in range(rng.choice([0, 1, 2, 3, 4, 5]))]
    if rng.random() < 0.85:
        r["community"] = score1(rng, b)
    return r


def plaju_special(i, nip):
    if i == 7:    # no indicator applies: new kecamatan staff, monthly reports not yet recapitulated
        return {"nip": nip, "unit": "kecamatan", "periode": "2026-Q1", "supervisor": 3,
                "peers": [3, 4], "community": 3.6}
    if i == 27:   # DATA ERROR: a KTP-el duration typed as text in the source spreadsheet
        return {"nip": nip, "unit": "disdukcapil", "periode": "2026-Q1",
                "ktp_hours": [0.5, 0.75, "1,25", 0.5, 1.0, 0.75], "laporan_tepat": 3,
                "supervisor": 4, "peers": [4, 4, 3], "community": 4.1}
    if i == 38:   # DATA ERROR: required field supervisor missing
        return {"nip": nip, "unit": "puskesmas", "periode": "2026-Q1",
                "igd_minutes": [3.0, 4.5, 2.75, 5.25, 3.5, 4.0], "imm_coverage_pct": 91.2,
                "laporan_tepat": 2, "peers": [3, 4]}
    return None


# ------------------------------------------------------------------ Kemuning (annual)

def kemuning(rng, nip, profile):
    q, b = latent(rng, profile)
    unit = rng.choices(["puskesmas", "kelurahan", "kantor_camat"], [50, 30, 20])[0]
    r = {"nip": nip, "unit": unit, "periode": "2026"}
    n = rng.choice([0, 1, 2, 3, 4, 5, 6, 8])
    if n or rng.random() < 0.5:
        mu = 5 + (1 - q) * 22
        r["lama_aduan"] = [max(1, int(round(mu * rng.lognormvariate(0, 0.35)))) for _ in range(n)]
    if unit == "puskesmas":
        t = rng.randrange(1200, 3700, 100)
        r["target_pasien"] = t
        if rng.random() < 0.95:
            r["pasien_dilayani"] = int(round(t * ratio(rng, q, 0.6, 1.25)))
    plan = rng.randint(4, 12)
    r["kegiatan_rencana"] = plan
    r["kegiatan_selesai"] = min(plan, int(round(plan * ratio(rng, q, 0.55, 1.1))))
    if rng.random() < 0.9:
        r["inovasi"] = int(clamp(round(2.6 * q - 0.3 + rng.gauss(0, 0.5)), 0, 3))
    if rng.random() < 0.5:
        r["usulan_inovasi"] = rng.randint(0, 2)
    r["berakhlak"] = [score(rng, b, 0.5) for _ in range(7)]
    u = rng.random()
    if u < 0.7:
        r["ikm"] = round(clamp(60 + 35 * b + rng.gauss(0, 4), 25, 100), 2)
    elif u < 0.75:
        r["ikm"] = None
    return r


def kemuning_special(i, nip):
    if i == 14:   # no indicator applies: no plan this year (mutation), no complaints, innovation not assessed
        return {"nip": nip, "unit": "kelurahan", "periode": "2026", "lama_aduan": [],
                "kegiatan_rencana": 0, "kegiatan_selesai": 0,
                "berakhlak": [4, 4, 3, 4, 4, 3, 4], "ikm": 81.25}
    if i == 33:   # DATA ERROR: one BerAKHLAK value 6 on a 1..5 scale
        return {"nip": nip, "unit": "puskesmas", "periode": "2026", "lama_aduan": [5, 9],
                "target_pasien": 2400, "pasien_dilayani": 2310, "kegiatan_rencana": 8,
                "kegiatan_selesai": 7, "inovasi": 1, "berakhlak": [4, 5, 4, 6, 4, 4, 5], "ikm": 84.1}
    return None


# ------------------------------------------------------------------ Singkil (annual)

def singkil(rng, nip, profile):
    q, b = latent(rng, profile)
    unit = rng.choices(["dinsos", "dinkes", "disdukcapil"], [40, 30, 30])[0]
    r = {"nip": nip, "unit": unit, "periode": "2026"}
    if unit == "dinsos":
        if rng.random() < 0.95:
            t = rng.randrange(400, 1550, 50)
            r["target_verval"] = t
            r["verval_dtks"] = int(round(t * ratio(rng, q, 0.55, 1.1)))
        if rng.random() < 0.9:
            r["penyaluran_tepat"] = round(clamp(100 * ratio(rng, q, 0.6, 1.05), 30, 100), 1)
        n = rng.choice([0, 3, 5, 6, 8, 10, 12])
        if n:
            r["masyarakat"] = [score(rng, b, 0.7) for _ in range(n)]
    n = rng.choice([0, 0, 1, 2, 3, 4, 5, 6])
    if n:
        mu = 4 + (1 - q) * 14
        r["lama_aduan"] = [max(1, int(round(mu * rng.lognormvariate(0, 0.4)))) for _ in range(n)]
    if unit == "dinkes" and rng.random() < 0.92:
        r["cakupan_idl"] = round(clamp(60 + 45 * q + rng.gauss(0, 4), 40, 110), 1)
    if unit == "disdukcapil" and rng.random() < 0.95:
        mu = 0.3 + (1 - q) * 0.8
        r["ktp_jam"] = [step(mu * rng.lognormvariate(0, 0.45)) for _ in range(rng.randint(5, 25))]
    r["atasan"] = score(rng, b)
    if rng.random() < 0.85:
        r["rekan"] = [score(rng, b, 0.6) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.5:
        r["pelatihan_terakhir"] = f"{rng.choice([2024, 2025, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return r


def singkil_special(i, nip):
    if i == 11:   # no indicator applies: disdukcapil back office, no KTP-el or complaint data
        return {"nip": nip, "unit": "disdukcapil", "periode": "2026", "atasan": 3, "rekan": [3, 4]}
    if i == 35:   # DATA ERROR: impossible calendar date (30 February)
        return {"nip": nip, "unit": "dinsos", "periode": "2026", "verval_dtks": 610, "target_verval": 700,
                "penyaluran_tepat": 88.0, "lama_aduan": [7, 15, 10], "atasan": 3, "rekan": [3, 3],
                "masyarakat": [4, 3, 4, 4, 5], "pelatihan_terakhir": "2025-02-30"}
    return None


# ------------------------------------------------------------------ writing

REGIONS = [
    # name, seed, number of records, generator, special records
    ("pauh", 20260101, 60, pauh, pauh_special),
    ("pontianak", 20260102, 64, pontianak, pontianak_special),
    ("plaju", 20260103, 72, plaju, plaju_special),
    ("kemuning", 20260104, 56, kemuning, kemuning_special),
    ("singkil", 20260105, 68, singkil, singkil_special),
]

PONTIANAK_COLUMNS = ["nip", "unit", "periode", "jabatan", "capaian_rhk", "cakupan_idl", "target_idl",
                     "program_dievaluasi", "target_evaluasi", "rekomendasi_ditindaklanjuti", "atasan",
                     "rekan", "jumlah_dialog", "sudah_pelatihan"]


def records_for(name, seed, n, gen, special):
    rng = random.Random(seed)
    nips = NipMaker(random.Random(seed + 7))
    profiles = profiles_for(rng, n)
    out = []
    for i in range(n):
        nip = nips()
        rec = special(i, nip)
        out.append(rec if rec is not None else gen(rng, nip, profiles[i]))
    return out


def csv_cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, list):
        return "|".join(csv_cell(x) for x in v)
    if isinstance(v, float):
        return json.dumps(v)
    return str(v)


def main(argv):
    out_dir = argv[0] if argv else DEFAULT_OUT
    os.makedirs(out_dir, exist_ok=True)
    for name, seed, n, gen, special in REGIONS:
        recs = records_for(name, seed, n, gen, special)
        with open(os.path.join(out_dir, name + ".jsonl"), "w", encoding="utf-8", newline="\n") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n")
        if name == "pontianak":
            with open(os.path.join(out_dir, "pontianak.csv"), "w", encoding="utf-8", newline="") as f:
                f.write(";".join(PONTIANAK_COLUMNS) + "\r\n")
                for r in recs:
                    assert set(r) <= set(PONTIANAK_COLUMNS), set(r) - set(PONTIANAK_COLUMNS)
                    f.write(";".join(csv_cell(r.get(c)) for c in PONTIANAK_COLUMNS) + "\r\n")
        print(f"{name}: {len(recs)} records", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
