"""Score dateline.officials.mentions.detect on the hand-written sentences.

Run from the checkout root:
    .venv/bin/python bench/mentions_eval.py [CASES.json]

CASES.json defaults to the development set; tests/officials/mention_heldout.json holds
sentences written afterwards by someone else, to check that the score is not just fit.

Loads tests/officials/mention_sentences.json, runs detect() on every case and prints counts,
micro precision / recall / F1 over (case, keys) pairs, and every miss and false positive. A
Mention is one pair; an ambiguous Mention (several keys) is correct only when the case expects
exactly those keys. Name and role are checked separately and reported as mismatches. It only
prints figures: the exit status is 0 whatever the score.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.officials.mentions import Person, detect  # noqa: E402

DATA_FILE = ROOT / "tests" / "officials" / "mention_sentences.json"


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_FILE
    print(f"file:               {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    rosters = {
        name: [
            Person(row["key"], row["name"], tuple(row["titles"]), row.get("district", ""))
            for row in rows
        ]
        for name, rows in data["rosters"].items()
    }
    cases = data["cases"]

    true_pos = false_pos = false_neg = 0
    exact_cases = 0
    misses: list[str] = []
    extras: list[str] = []
    mismatches: list[str] = []
    started = time.perf_counter()
    for index, case in enumerate(cases):
        people = rosters[case["roster"]]
        found = detect(case["text"], people)
        expected = {frozenset(item["keys"]): item for item in case["expected"]}
        got = {frozenset(m.keys): m for m in found}
        hits = expected.keys() & got.keys()
        true_pos += len(hits)
        for keys in expected.keys() - got.keys():
            false_neg += 1
            item = expected[keys]
            misses.append(f"  #{index:02d} {item['name']} {sorted(keys)}: {case['text']!r}")
        for keys in got.keys() - expected.keys():
            false_pos += 1
            mention = got[keys]
            extras.append(
                f"  #{index:02d} {mention.name} {sorted(keys)} as {mention.as_written!r}: "
                f"{case['text']!r}"
            )
        for keys in hits:
            item, mention = expected[keys], got[keys]
            if (item["name"], item["role"]) != (mention.name, mention.role):
                mismatches.append(
                    f"  #{index:02d} expected {item['name']} / {item['role']!r}, "
                    f"got {mention.name} / {mention.role!r}"
                )
        order_ok = [frozenset(m.keys) for m in found] == [
            frozenset(item["keys"]) for item in case["expected"]
        ]
        if not (expected.keys() ^ got.keys()) and order_ok:
            exact_cases += 1
    elapsed = (time.perf_counter() - started) * 1000

    precision = _ratio(true_pos, true_pos + false_pos)
    recall = _ratio(true_pos, true_pos + false_neg)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    traps = sum(1 for case in cases if case["note"].startswith("trap"))
    expected_total = sum(len(case["expected"]) for case in cases)

    print(f"cases:              {len(cases)} ({traps} traps, {len(rosters)} rosters)")
    print(f"expected mentions:  {expected_total}")
    print(f"found mentions:     {true_pos + false_pos}")
    print(f"true positives:     {true_pos}")
    print(f"false positives:    {false_pos}")
    print(f"misses:             {false_neg}")
    print(f"precision:          {precision:.3f}")
    print(f"recall:             {recall:.3f}")
    print(f"F1:                 {f1:.3f}")
    print(f"exact cases:        {exact_cases}/{len(cases)} (same mentions, same order)")
    print(f"name/role mismatch: {len(mismatches)}")
    print(f"time:               {elapsed:.1f} ms for all cases")
    for title, lines in (
        ("misses", misses),
        ("false positives", extras),
        ("name/role mismatches", mismatches),
    ):
        if lines:
            print(f"\n{title}:")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
