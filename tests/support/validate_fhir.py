"""Validates a FHIR R4 Bundle (JSON) with the `fhir.resources` models.

Usage: python3 validate_fhir.py BUNDLE.json

The whole Bundle is parsed, then each entry's resource on its own with the
model of its resourceType, so that an error names the entry. Prints, on
standard output, one JSON object: the FHIR version of the models, the
library's version and the count of each resourceType. Exits 1 with the
errors on standard error when anything does not parse, and 2 when the
library or its R4 models are missing.

Needs fhir.resources 6.4.0 (its default models are FHIR R4, 4.0.1) on
pydantic 1:  pip install 'fhir.resources==6.4.0' 'pydantic>=1.10,<2'
"""

import json
import sys
from collections import Counter

try:
    import fhir.resources
    from fhir.resources import get_fhir_model_class
    from fhir.resources.bundle import Bundle
except ImportError as err:
    print(f"fhir.resources is not installed ({err}); "
          "pip install 'fhir.resources==6.4.0' 'pydantic>=1.10,<2'", file=sys.stderr)
    sys.exit(2)

if fhir.resources.__fhir_version__ != "4.0.1":
    print(f"fhir.resources {fhir.resources.__version__} models FHIR {fhir.resources.__fhir_version__}, "
          "not R4 4.0.1; install fhir.resources==6.4.0", file=sys.stderr)
    sys.exit(2)


def main(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    errors = []
    try:
        Bundle.parse_obj(data)
    except Exception as err:  # noqa: BLE001 - any failure is a finding to report
        errors.append(f"Bundle: {err}")
    counts = Counter()
    for i, entry in enumerate(data.get("entry", [])):
        resource = entry.get("resource", {})
        kind = resource.get("resourceType", "?")
        counts[kind] += 1
        try:
            get_fhir_model_class(kind).parse_obj(resource)
        except Exception as err:  # noqa: BLE001
            errors.append(f"entry[{i}] {kind}/{resource.get('id')}: {err}")
    if errors:
        print("\n".join(errors[:20]), file=sys.stderr)
        sys.exit(1)
    print(json.dumps({
        "fhir_version": fhir.resources.__fhir_version__,
        "library": fhir.resources.__version__,
        "counts": dict(sorted(counts.items())),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
