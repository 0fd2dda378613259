#!/usr/bin/env python3
"""Writes a realistic 004010 850 interchange of about SIZE_MB megabytes: one ISA/GS,
purchase orders of 20 lines each (BEG, REF, PER, DTM, N1 loops, PO1/PID, CTT)."""
import sys

def main(size_mb: float, path: str) -> None:
    target = int(size_mb * 1_000_000)
    isa = "ISA*00*          *00*          *ZZ*RETAILER       *ZZ*DISTRIBUTOR    *261126*1200*U*00401*000000101*0*P*>~\n"
    out = open(path, "w", newline="")
    out.write(isa)
    out.write("GS*PO*RETAILER*DISTRIBUTOR*20261126*1200*1*X*004010~\n")
    written = len(isa) + 52
    sets = 0
    while written < target:
        sets += 1
        control = f"{sets:09d}"
        seg = [f"ST*850*{control}", f"BEG*00*SA*PO{sets:08d}**20261126", f"REF*DP*{sets % 97:03d}",
               "PER*BD*JANE BUYER*TE*5555550100", "DTM*002*20261210", "N1*ST*STORE 0042*92*0042",
               "N3*100 MAIN STREET", "N4*SPRINGFIELD*IL*62701*US", "N1*BT*RETAILER INC*92*0001"]
        for line in range(1, 21):
            seg.append(f"PO1*{line}*{line * 3}*EA*{(line * 137) % 1000 / 10:.2f}**BP*{sets % 10000:05d}{line:03d}*VP*V-{line:04d}*UP*0{line:010d}")
            seg.append(f"PID*F****WIDGET MODEL {line} BLUE")
        seg.append("CTT*20")
        seg.append(f"SE*{len(seg) + 1}*{control}")
        text = "~\n".join(seg) + "~\n"
        out.write(text)
        written += len(text)
    out.write(f"GE*{sets}*1~\nIEA*1*000000101~\n")
    out.close()
    print(f"{path}: {sets} transaction sets", file=sys.stderr)

if __name__ == "__main__":
    main(float(sys.argv[1]), sys.argv[2])
