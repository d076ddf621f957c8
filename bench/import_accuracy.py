"""How faithfully the importer reads the sample newsroom files, field by field.

Run from the checkout root:
    .venv/bin/python bench/import_accuracy.py [tests/importer/samples]

Every sample beside the importer's tests has a hand-written `<name>.expected.json` (a list
of the records a person reads in that file). This reads each sample the way `dateline import
--dry-run` does and compares: headline, date, dateline and media contact (exact, per
release), body paragraphs (precision and recall over the paragraph texts), officials
(precision and recall over name + role) and quotes (text + speaker). The last line printed
is one JSON object.
"""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def expected_files(folder: Path):
    for path in sorted(folder.rglob("*.expected.json")):
        name = path.name[: -len(".expected.json")]
        # "park.html.expected.json" or "park.expected.json" beside "park.html".
        sources = [path.parent / name] if (path.parent / name).is_file() else []
        sources += [p for p in path.parent.glob(name + ".*") if not p.name.endswith(".json")]
        if sources:
            yield sorted(sources)[0], json.loads(path.read_text(encoding="utf-8"))


def prf(found: Counter, wanted: Counter) -> tuple[int, int, int]:
    hit = sum((found & wanted).values())
    return hit, sum(found.values()), sum(wanted.values())


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/importer/samples"
    from dateline.importer import pipeline
    from dateline.importer.record import Record

    totals = Counter()
    misses = []
    for source, expected in expected_files(folder):
        got = [r.as_json() for r in pipeline.read([source]) if isinstance(r, Record)]
        totals["files"] += 1
        totals["releases_expected"] += len(expected)
        totals["releases_read"] += len(got)
        for want, have in zip(expected, got, strict=False):
            name = f"{source.relative_to(folder)}: {want.get('headline', '')[:50]}"
            totals["releases"] += 1
            for key in ("headline", "published", "dateline", "media_contact"):
                if key in want:
                    totals[f"{key}_total"] += 1
                    if want[key] == have[key]:
                        totals[f"{key}_ok"] += 1
                    else:
                        misses.append(f"{name}: {key} {have[key]!r} != {want[key]!r}")
            if "body" in want:
                hit, n_found, n_wanted = prf(Counter(have["body"]), Counter(want["body"]))
                totals["body_hit"] += hit
                totals["body_found"] += n_found
                totals["body_wanted"] += n_wanted
            if "quotes" in want:
                as_quotes = lambda items: Counter((q["text"], q["speaker"]) for q in items)  # noqa: E731
                hit, n_found, n_wanted = prf(as_quotes(have["quotes"]), as_quotes(want["quotes"]))
                totals["quotes_hit"] += hit
                totals["quotes_found"] += n_found
                totals["quotes_wanted"] += n_wanted
            if "officials" in want:
                as_pairs = lambda items: Counter((o["name"], o["role"]) for o in items)  # noqa: E731
                hit, n_found, n_wanted = prf(
                    as_pairs(have["officials"]), as_pairs(want["officials"])
                )
                totals["officials_hit"] += hit
                totals["officials_found"] += n_found
                totals["officials_wanted"] += n_wanted

    def ratio(a, b):
        return round(totals[a] / totals[b], 3) if totals[b] else None

    for miss in misses:
        print(miss)
    result = {
        "files": totals["files"],
        "releases_expected": totals["releases_expected"],
        "releases_read": totals["releases_read"],
        "headline_accuracy": ratio("headline_ok", "headline_total"),
        "date_accuracy": ratio("published_ok", "published_total"),
        "dateline_accuracy": ratio("dateline_ok", "dateline_total"),
        "media_contact_accuracy": ratio("media_contact_ok", "media_contact_total"),
        "paragraph_precision": ratio("body_hit", "body_found"),
        "paragraph_recall": ratio("body_hit", "body_wanted"),
        "officials_precision": ratio("officials_hit", "officials_found"),
        "officials_recall": ratio("officials_hit", "officials_wanted"),
        "quotes_precision": ratio("quotes_hit", "quotes_found"),
        "quotes_recall": ratio("quotes_hit", "quotes_wanted"),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
