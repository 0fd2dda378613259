#!/usr/bin/env python3
"""Writes COUNT distinct 850 interchanges of 10 lines each for PARTNERS partners shaped like
ACME Retail (ISA sender BENCHP<n>, items the reference ERP sells to C-ACME), one file each,
into STAGE/<partner>/<file>.edi, round-robin over the partners."""
import os, sys

ITEMS = [("AB3542", "10.50"), ("RD5322", "14.25"), ("XY5266", "12.50"), ("VX2332", "4.95"), ("RV0524", "8.25"),
         ("HB-M8-40", "0.50"), ("PAINT-WHT-1G", "24.00"), ("LADDER-6", "89.00"), ("TAPE-DUCT", "4.60"), ("0054321", "19.95")]

def interchange(partner: int, number: int) -> str:
    sender = f"BENCHP{partner}".ljust(15)
    control = f"{number:09d}"
    segments = [f"ISA*00*          *00*          *ZZ*{sender}*ZZ*EDIGATE        *261130*1200*U*00401*{control}*0*P*>",
                f"GS*PO*BENCHP{partner}*EDIGATE*20261130*1200*{number}*X*004010", "ST*850*0001",
                f"BEG*00*SA*B{partner}-{number:07d}**20261130", "CUR*BY*USD", "N1*ST*ACME STORE 12*92*0012"]
    for line, (item, price) in enumerate(ITEMS, start=1):
        segments.append(f"PO1*{line}*{line * 2}*EA*{price}**VN*{item}")
    segments.append(f"CTT*{len(ITEMS)}")
    segments.append(f"SE*{len(segments) - 1}*0001")
    segments += [f"GE*1*{number}", f"IEA*1*{control}"]
    return "~\n".join(segments) + "~\n"

def main(count: int, partners: int, stage: str) -> None:
    for index in range(count):
        partner = index % partners + 1
        folder = os.path.join(stage, f"bench-{partner}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"po-{index + 1:06d}.edi"), "w", newline="") as out:
            out.write(interchange(partner, index + 1))

if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
