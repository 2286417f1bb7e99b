#!/usr/bin/env python3
"""Loads Samples/enterprises.csv through `khcn` itself (so every row is validated and audited),
skipping records that are already registered. Used by Scripts/demo until `khcn import` exists."""
import csv
import subprocess
import sys

khcn, path = sys.argv[1], sys.argv[2]
added = 0
with open(path, newline="", encoding="utf-8") as handle:
    for row in csv.DictReader(handle):
        code = row["tax_code"]
        known = subprocess.run([khcn, "enterprise", "show", code], capture_output=True)
        if known.returncode == 0:
            continue
        if known.returncode != 3:
            sys.exit(known.stderr.decode())
        command = [khcn, "enterprise", "add", "--tax-code", code, "--name", row["name"],
                   "--actor", "demo", "--reason", "dữ liệu mẫu (demo)"]
        for column, flag in [("established_on", "--established"), ("address", "--address"),
                             ("commune_code", "--commune-code"), ("legal_form", "--legal-form"),
                             ("vsic_version", "--vsic-version"), ("former_province", "--former-province")]:
            if row[column]:
                command += [flag, row[column]]
        for vsic in filter(None, row["vsic"].split("|")):
            command += ["--vsic", vsic]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        if row["status"] and row["status"] != "active":
            subprocess.run([khcn, "enterprise", "set-status", code, row["status"], "--on", row["status_on"],
                            "--actor", "demo", "--reason", "dữ liệu mẫu (demo)"], check=True, stdout=subprocess.DEVNULL)
        added += 1
print(f"Samples: {added} enterprise(s) added", file=sys.stderr)
