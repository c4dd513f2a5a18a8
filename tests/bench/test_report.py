from __future__ import annotations

from bench.report import machine, markdown_table


def test_the_table_names_each_measure_and_the_machine() -> None:
    table = markdown_table("Start-up", [("Training", "84 s"), ("RSS rasa", "1300 MB")], {"cores": 2})
    lines = table.splitlines()
    assert lines[:5] == ["# Start-up", "", "| Measure | Value |", "|---|---|", "| Training | 84 s |"]
    assert "Machine: cores 2" in table


def test_the_machine_facts_include_the_core_count_and_spacy_pipeline() -> None:
    about = machine()
    assert about["cores"]
    assert about["spacy_pipeline"]
