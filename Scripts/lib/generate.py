#!/usr/bin/env python3
"""Deterministic generator of a realistic registry, as CSV files that `khcn import` takes.

    Scripts/lib/generate.py OUT_DIR [--enterprises N] [--seed S]

Writes enterprises.csv (tax code, name, dd/mm/yyyy date, quoted address, commune code: the
bench file of contract §8), certificates.csv, funds.csv, fund-allocations.csv, ip.csv, gi.csv,
plus everyday.csv (10,000 rows: half new enterprises, half changed ones) and the same for the
reference loads. Ratios to the enterprises follow contract §8: 10% certificates, 5% funds,
20% IP applications, 0.1% GIs. Same seed, same bytes.
"""
import argparse
import os
import random
import unicodedata

WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3]
LEGAL = ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Doanh nghiệp tư nhân", "Công ty TNHH MTV"]
TRADES = ["Chè", "Dược liệu", "Cơ khí", "Xây dựng", "Thương mại", "Nông sản", "Công nghệ", "Phần mềm", "Gỗ", "Thủy điện",
          "Vận tải", "Du lịch", "Mật ong", "Cam sành", "Thực phẩm", "Môi trường", "Khoáng sản", "Dệt may", "Điện tử", "Giáo dục"]
SYLLABLES = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hòa", "Hùng", "Hưng", "Khánh", "Lâm", "Linh", "Long",
             "Minh", "Nam", "Nga", "Ngọc", "Nhật", "Phát", "Phúc", "Quang", "Sơn", "Tâm", "Tân", "Thành", "Thắng", "Thịnh", "Thủy",
             "Tiến", "Trào", "Trung", "Tuấn", "Việt", "Vinh", "Xuân", "Yên", "Đạt", "Lộc", "Bảo", "Châu", "Diệp", "Gia", "Hiền",
             "Kiên", "Lợi", "Mạnh", "Nghĩa", "Oanh", "Phong", "Quý", "Sáng", "Tùng", "Uyên", "Vân", "Vượng", "Ánh", "Đông", "Hạnh"]
PLACES = ["Tuyên Quang", "Hà Giang", "Na Hang", "Lâm Bình", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương", "Đồng Văn", "Mèo Vạc",
          "Yên Minh", "Quản Bạ", "Bắc Mê", "Hoàng Su Phì", "Xín Mần", "Bắc Quang", "Quang Bình", "Vị Xuyên", "Minh Xuân", "Tân Trào"]
STREETS = ["Quang Trung", "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Tân Trào", "17 tháng 8", "Bình Thuận", "Phan Thiết", "Nguyễn Văn Cừ", "Lý Thái Tổ"]
COMMUNES = [f"{2000 + i * 7:05d}" for i in range(124)]


def tax_code(n):
    """The n-th valid 10-digit tax code (check digit 10 − Σ w·d mod 11; remainder 0 skipped)."""
    while True:
        base = f"{n:09d}"
        if base[:2] != "00" and base[2:] != "0000000":
            r = sum(int(d) * w for d, w in zip(base, WEIGHTS)) % 11
            if r != 0:
                return base + str(10 - r)
        n += 1


def date(rng, start_year, end_year):
    return rng.randint(start_year, end_year), rng.randint(1, 12), rng.randint(1, 28)


def csv_field(text):
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def fold(text):
    """What a clerk types for a name: no diacritics, lower case ('Đức' → 'duc')."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def enterprise_row(rng, index, code, terms=None):
    given = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
    if terms is not None and len(terms) < 20 and index % 997 == 0:
        terms.append(fold(given))   # three-syllable given names: a handful of matches each
    name = f"{rng.choice(LEGAL)} {rng.choice(TRADES)} {given} {rng.choice(PLACES)}"
    y, m, d = date(rng, 1995, 2025)
    address = f"Số {rng.randint(1, 300)}, đường {rng.choice(STREETS)}, xã {rng.choice(PLACES)}, tỉnh Tuyên Quang"
    return f"{code},{csv_field(name)},{d:02d}/{m:02d}/{y},{csv_field(address)},{rng.choice(COMMUNES)}\n", (y, m, d)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--enterprises", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=222)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    n = args.enterprises
    codes = []
    founded = []
    terms = []
    start = 100_000_000
    with open(os.path.join(args.out, "enterprises.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("tax_code,name,established_on,address,commune_code\n")
        for i in range(n):
            code = tax_code(start)
            start = int(code[:9]) + 1
            codes.append(code)
            row, when = enterprise_row(rng, i, code, terms)
            founded.append(when)
            out.write(row)
    with open(os.path.join(args.out, "search-terms.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(terms) + "\n")
    # The everyday file: 5,000 changed existing enterprises and 5,000 new ones.
    everyday = min(10_000, max(2, n // 100))
    with open(os.path.join(args.out, "everyday.csv"), "w", encoding="utf-8", newline="") as out, \
            open(os.path.join(args.out, "everyday-new.csv"), "w", encoding="utf-8", newline="") as reference:
        out.write("tax_code,name,established_on,address,commune_code\n")
        reference.write("tax_code,name,established_on,address,commune_code\n")
        changed = rng.sample(range(n), everyday // 2)
        for i in changed:
            row, _ = enterprise_row(rng, i, codes[i])
            out.write(row)
        next_code = start
        for _ in range(everyday - everyday // 2):
            code = tax_code(next_code)
            next_code = int(code[:9]) + 1
            row, _ = enterprise_row(rng, 0, code)
            out.write(row)
        # the reference loads `everyday` brand-new rows into the filled reference table
        for _ in range(everyday):
            code = tax_code(next_code)
            next_code = int(code[:9]) + 1
            row, _ = enterprise_row(rng, 0, code)
            reference.write(row)
    # Certificates and funds go to enterprises founded by 2023, dated after their founding.
    mature = [i for i in range(n) if founded[i][0] <= 2023]
    holders = rng.sample(mature, max(1, min(len(mature), n // 10)))
    with open(os.path.join(args.out, "certificates.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("tax_code,certificate_number,issued_on,issuer,basis,revoked_on,revoke_reason,revocation_kind\n")
        for k, i in enumerate(holders):
            y, m, d = date(rng, min(max(founded[i][0] + 1, 2015), 2025), 2025)
            revoked = ""
            reason = ""
            if rng.random() < 0.08:
                revoked = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
                reason = "Không báo cáo ba năm liền"
            out.write(f"{codes[i]},{k + 1}/GCN-DNKHCN,{y}-{m:02d}-{d:02d},Sở KH&CN Tuyên Quang,,{revoked},{reason},\n")
    fund_holders = rng.sample(mature, max(1, min(len(mature), n // 20)))
    with open(os.path.join(args.out, "funds.csv"), "w", encoding="utf-8", newline="") as out, \
            open(os.path.join(args.out, "fund-allocations.csv"), "w", encoding="utf-8", newline="") as allocations:
        out.write("tax_code,established_on,decision,capital,notified_on,closed_on\n")
        allocations.write("tax_code,established_on,year,allocated,spent,report_received_on\n")
        for i in fund_holders:
            y = rng.randint(min(max(founded[i][0] + 1, 2016), 2025), 2025)
            established = f"{y}-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
            closed = f"{2026}-{rng.randint(1, 10):02d}-01" if rng.random() < 0.05 else ""
            out.write(f"{codes[i]},{established},{rng.randint(1, 99)}/QĐ,{rng.randint(1, 50) * 100_000_000},,{closed}\n")
            for year in range(y, min(y + 3, 2026)):
                allocations.write(f"{codes[i]},{established},{year},{rng.randint(1, 30) * 10_000_000},{rng.randint(0, 10) * 1_000_000},\n")
    with open(os.path.join(args.out, "ip.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("kind,application_number,filed_on,title,applicant_tax_code,applicant_name,ipc,published_on,"
                  "examination_requested_on,granted_on,grant_number,refused_on,withdrawn_on,lapsed_on,invalidated_on,restored_on,checked_on\n")
        for k in range(max(1, n // 5)):
            kind = "invention" if rng.random() < 0.4 else "utility-solution"
            digit = "1" if kind == "invention" else "2"
            y = 2005 + k % 21
            filed = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            number = f"{digit}-{y}-{k // 21:05d}"
            title = f"Quy trình {rng.choice(TRADES).lower()} {rng.choice(SYLLABLES)} {k}"
            applicant = codes[rng.randrange(n)]
            published = f"{y + 1}-{rng.randint(1, 12):02d}-15" if y + 1 <= 2025 else ""
            examination = f"{y + 1}-12-20" if published else ""
            granted = grant = ""
            if examination and y + 3 <= 2025 and rng.random() < 0.5:
                granted = f"{y + 3}-06-01"
                grant = f"{digit}-{k:07d}"
            withdrawn = f"{y + 1}-12-25" if examination and not granted and rng.random() < 0.1 else ""
            checked = "2026-10-01" if rng.random() < 0.3 else ""
            out.write(f"{kind},{number},{filed},{title},{applicant},,A01G 9/14,{published},{examination},{granted},{grant},,{withdrawn},,,,{checked}\n")
    with open(os.path.join(args.out, "gi.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("certificate_number,name,product,granted_on,decision,managing_org,area,application_number,cancelled_on\n")
        for k in range(max(1, n // 1000)):
            y = rng.randint(2008, 2025)
            out.write(f"{k + 1:05d},{rng.choice(PLACES)} {k},{rng.choice(TRADES)},{y}-{rng.randint(1, 12):02d}-10,{k + 1}/QĐ-SHTT,UBND {rng.choice(PLACES)},"
                      f"\"Vùng {rng.choice(PLACES)}, tỉnh Tuyên Quang\",6-{y - 1}-{k:05d},\n")


if __name__ == "__main__":
    main()
